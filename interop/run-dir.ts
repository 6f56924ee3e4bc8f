/**
 * Opening a results directory for a run: a new run refuses to overwrite one that is there (unless
 * told to replace it), a resumed run refuses results of another corpus, another cmsi or damaged
 * records, and continues with the run's stacks plus any new ones. The corpus is identified by the
 * SHA-256 of its manifest and its seed, and every sample file is checked against the manifest's
 * SHA-256 first, so a record's sampleSha256 is the sample the manifest describes.
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { makeDirs } from '../core/make-dirs.ts';
import { readManifest } from '../core/manifest-file.ts';
import type { Manifest } from '../core/manifest.ts';
import { CMSI_VERSION } from '../core/version.ts';
import { holdsResults, loadResults, RECORD_VERSION, repairTornLines, RUN_FILE, type ResultRecord, type RunHeader } from './records.ts';

/** A run that cannot start as asked: one line for the user, exit 2. */
export class InteropRefusal extends Error {
  override readonly name = 'InteropRefusal';
}

export type ExistingResults = 'refuse' | 'resume' | 'replace';

export interface Corpus {
  readonly manifest: Manifest;
  readonly manifestSha256: string;
  readonly seed: string;
  /** Sample id to file bytes, each checked against the manifest. */
  readonly bytes: ReadonlyMap<string, Uint8Array>;
}

export const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

export function readCorpus(dir: string): Corpus {
  const path = join(dir, 'manifest.yaml');
  if (!existsSync(path)) throw new InteropRefusal(`no corpus in ${dir} (manifest.yaml missing)`);
  const text = readFileSync(path);
  // Schema-validated: a damaged manifest is one line naming file, line and column, not a TypeError later.
  const read = readManifest(path);
  if (!read.ok) throw new InteropRefusal(read.error);
  const manifest: Manifest = read.manifest;
  const bytes = new Map<string, Uint8Array>();
  for (const s of manifest.samples) {
    const file = join(dir, s.file);
    if (!existsSync(file)) throw new InteropRefusal(`corpus damaged: ${s.file} (sample ${s.id}) is missing`);
    const b = new Uint8Array(readFileSync(file));
    if (sha256(b) !== s.sha256) throw new InteropRefusal(`corpus damaged: ${s.file} does not match the SHA-256 its manifest gives for sample ${s.id}`);
    bytes.set(s.id, b);
  }
  return { manifest, manifestSha256: sha256(text), seed: String(manifest.seed), bytes };
}

const describeRun = (r: RunHeader) => `run ${r.runId} (${r.state}, corpus seed ${r.seed}, stacks ${r.stacks.join(', ') || 'none'})`;

/**
 * Prepares `dir` for a run of `stacks` over `corpus` (for `replace`, removes what is there) and
 * returns its header, state running, and the records already there; the caller writes run.json
 * once its own checks pass (stack versions unchanged on a resume).
 */
export function prepareRun(dir: string, corpus: Corpus, stacks: readonly string[], existing: ExistingResults): { run: RunHeader; records: readonly ResultRecord[] } {
  // Made here first and without mkdirSync({ recursive: true }), which spins forever on an --out like
  // /proc/x; the recursive mkdirs later only add children to a directory that exists.
  const made = makeDirs(dir);
  if (!made.ok) throw new InteropRefusal(`cannot create the results directory ${made.path} (${made.code})`);
  const fresh = (): RunHeader => ({
    recordVersion: RECORD_VERSION, kind: 'run', runId: randomUUID(), cmsi: CMSI_VERSION, manifestSha256: corpus.manifestSha256, seed: corpus.seed,
    samples: corpus.manifest.samples.length, stacks, state: 'running', invocations: 1,
  });
  if (!holdsResults(dir)) return { run: fresh(), records: [] };
  if (existing === 'replace') {
    for (const f of readdirSync(dir).filter((x) => x === RUN_FILE || x.endsWith('.jsonl'))) rmSync(join(dir, f));
    rmSync(join(dir, 'produced'), { recursive: true, force: true });
    return { run: fresh(), records: [] };
  }
  const peek = loadResults(dir);
  if (existing === 'refuse') {
    const what = peek.run ? describeRun(peek.run) : 'results';
    throw new InteropRefusal(`${dir} already holds ${what}: --resume continues it (or adds stacks to it), --force replaces it`);
  }
  repairTornLines(dir);
  const loaded = loadResults(dir);
  const refusal = loaded.problems.find((p) => p.severity === 'refuse');
  if (refusal || !loaded.run) throw new InteropRefusal(`cannot resume ${dir}: ${refusal?.message ?? 'no run.json'} (--force replaces these results)`);
  const old = loaded.run;
  if (old.manifestSha256 !== corpus.manifestSha256 || old.seed !== corpus.seed) {
    throw new InteropRefusal(`cannot resume ${dir}: its run is over another corpus (seed ${old.seed}, manifest ${old.manifestSha256.slice(0, 12)}…) than this one (seed ${corpus.seed}, manifest ${corpus.manifestSha256.slice(0, 12)}…); use another --out, or --force to replace it`);
  }
  if (old.cmsi !== CMSI_VERSION) throw new InteropRefusal(`cannot resume ${dir}: its run was made by cmsi ${old.cmsi}, this is cmsi ${CMSI_VERSION} (verdicts may differ); --force starts a new run`);
  // Submitted implementations (cmsi submit) stay in the run; they are not stacks to run.
  const submitted = new Set(loaded.records.filter((r) => r.kind === 'stack' && r.source === 'submitted').map((r) => (r.kind === 'stack' ? r.stack : '')));
  const missing = old.stacks.filter((s) => !stacks.includes(s) && !submitted.has(s));
  if (missing.length) throw new InteropRefusal(`resuming ${dir} needs the run's stacks too (missing: ${missing.join(', ')}): every new pair is cross-verified`);
  const kept = old.stacks.filter((s) => submitted.has(s) && !stacks.includes(s));
  return { run: { ...old, stacks: [...stacks, ...kept], state: 'running', invocations: old.invocations + 1 }, records: loaded.records };
}
