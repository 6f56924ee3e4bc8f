/**
 * A linted submission into a results directory, as records beside the local stacks': a stack
 * record marked `source: submitted`, one consume record per consumed corpus sample (its verdict
 * compared with the corpus expectation by the report, as for any stack), one produce record per
 * produced message with cmsi check's judgement, and one cross record per local stack that consumed
 * it. The submission's files are written only under the results' produced/<name>/ folder, by the
 * contained names archive.ts allowed; nothing in them is executed (the local stacks only parse).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Adapter, ProduceFeature } from '../adapters/adapter.ts';
import { loadCatalog, type Catalog } from '../core/catalog.ts';
import type { Sample } from '../core/manifest.ts';
import { checkBytes } from '../checkers/engine.ts';
import { lockResults } from '../interop/dir-lock.ts';
import { holdsResults, loadResults, RECORD_VERSION, recordKey, appendRecord, writeRun, type ProducedCheck, type ResultRecord, type RunHeader, type Stamp, type Unstamped } from '../interop/records.ts';
import { producedSample } from '../interop/produced-sample.ts';
import { InteropRefusal, prepareRun, type Corpus } from '../interop/run-dir.ts';
import { crossTask, prepareProducedDir, type TaskContext } from '../interop/tasks.ts';
import { derOf } from './lint.ts';
import type { ConsumedLine, ProducedEntry, SubmissionYaml } from './parse.ts';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

export interface IngestInput {
  readonly corpus: Corpus;
  readonly corpusDir: string;
  readonly outDir: string;
  readonly files: ReadonlyMap<string, Uint8Array>;
  readonly sub: SubmissionYaml;
  /** The usable consumed lines and produced entries (lint errors left out). */
  readonly consumed: readonly ConsumedLine[];
  readonly produced: readonly ProducedEntry[];
  /** Installed local stacks that cross-verify the produced messages, with their versions. */
  readonly consumers: readonly { readonly adapter: Adapter; readonly version: string }[];
  readonly timeoutMs: number;
}

/** Opens (or starts) the run in outDir; refuses results of another corpus or a name taken. */
function openRun(i: IngestInput): { run: RunHeader; keys: Set<string> } {
  const name = i.sub.implementation.name;
  if (!holdsResults(i.outDir)) {
    const { run } = prepareRun(i.outDir, i.corpus, [], 'refuse');
    return { run: { ...run, state: 'finished' }, keys: new Set() };
  }
  const loaded = loadResults(i.outDir);
  const refusal = loaded.problems.find((p) => p.severity === 'refuse');
  if (refusal || !loaded.run) throw new InteropRefusal(`cannot add the submission to ${i.outDir}: ${refusal?.message ?? 'no run.json'}`);
  if (loaded.run.manifestSha256 !== i.corpus.manifestSha256) throw new InteropRefusal(`${i.outDir} holds a run over another corpus (manifest ${loaded.run.manifestSha256.slice(0, 12)}…)`);
  const keys = new Set(loaded.records.map(recordKey));
  if (keys.has(`stack|${name}`)) throw new InteropRefusal(`${i.outDir} already holds a stack named ${name}: submit under another name or into another results directory`);
  return { run: loaded.run, keys };
}

let catalog: Catalog | null = null;

function checkProduced(file: string, bytes: Uint8Array, p: ProducedEntry, files: ReadonlyMap<string, Uint8Array>): ProducedCheck {
  catalog ??= loadCatalog();
  const get = (f: string | undefined) => (f ? files.get(f) : undefined);
  const certs = (p.certs ?? []).map((c) => derOf(files.get(c)!));
  const recipientKey = get(p.recipient?.key);
  const res = checkBytes(file, derOf(bytes), {
    catalog, profile: 'current', certs, content: p.detached ? get(p.content) ?? null : null,
    ...(recipientKey ? { keys: [{ key: recipientKey, cert: p.recipient ? derOf(files.get(p.recipient.cert)!) : null }] } : {}),
    ...(p.password ? { password: p.password } : {}),
    ...(p.kek ? { kek: { keyId: p.kek.key_id ? new Uint8Array(Buffer.from(p.kek.key_id, 'hex')) : null, key: new Uint8Array(Buffer.from(p.kek.key, 'hex')) } } : {}),
    ...(p.trust_anchors?.length ? { anchors: p.trust_anchors.map((a) => ({ der: derOf(files.get(a)!), label: a })) } : {}),
  });
  return { verdict: res.verdict, failed: [...new Set(res.findings.filter((f) => f.status === 'fail').map((f) => f.rule))], layers: res.layers, reason: res.reason?.slice(0, 500) ?? null };
}

/** The submitted message as a Sample for the local consumers, its inputs under produced/<name>/. */
function crossSample(name: string, p: ProducedEntry): Sample {
  const base = producedSample(name, p.feature as ProduceFeature, `${name}/${p.file}`);
  const at = (f: string) => `${name}/${f}`;
  return {
    ...base,
    inputs: {
      ...(p.content ? { content: at(p.content) } : {}),
      ...(p.detached ? { detached: true } : {}),
      ...(p.certs?.length ? { signerCerts: p.certs.map(at) } : {}),
      ...(p.recipient ? { recipient: { id: `${name}-recipient`, cert: at(p.recipient.cert), key: at(p.recipient.key) } } : {}),
      ...(p.password ? { password: p.password } : {}),
      ...(p.kek ? { kek: { ...(p.kek.key_id ? { keyId: p.kek.key_id } : {}), key: p.kek.key, wrap: 'aes128-wrap' } } : {}),
    },
  };
}

export interface Ingested {
  readonly records: readonly ResultRecord[];
}

export async function ingestSubmission(i: IngestInput): Promise<Ingested> {
  // One writer at a time: a cmsi run or interop writing the same directory would mix its records with these.
  const lock = lockResults(i.outDir, 'cmsi submit');
  try {
    return await ingestLocked(i);
  } finally {
    lock.release();
  }
}

async function ingestLocked(i: IngestInput): Promise<Ingested> {
  const { name, version, lineage } = i.sub.implementation;
  const { run, keys } = openRun(i);
  const stamp: Stamp = { recordVersion: RECORD_VERSION, runId: run.runId, cmsi: run.cmsi, manifestSha256: run.manifestSha256, seed: run.seed };
  const written: ResultRecord[] = [];
  const emit = (r: Unstamped<ResultRecord>) => {
    const key = recordKey(r);
    if (keys.has(key)) return;
    keys.add(key);
    const full = { ...stamp, ...r } as ResultRecord;
    written.push(full);
    appendRecord(i.outDir, full);
  };
  writeRun(i.outDir, { ...run, stacks: [...run.stacks.filter((s) => s !== name), name] });
  emit({ kind: 'stack', stack: name, lineage, source: 'submitted', installed: true, version, produces: i.produced.map((p) => p.feature) });

  const samples = new Map(i.corpus.manifest.samples.map((s) => [s.id, s]));
  for (const c of i.consumed) {
    const s = samples.get(c.id)!;
    const expectedHash = s.inputs.content ? contentHash(i.corpusDir, s.inputs.content) : null;
    emit({
      kind: 'consume', stack: name, version, lineage, sample: s.id, sampleSha256: s.sha256, expected: s.expected, contentType: s.contentType,
      features: s.features, flags: s.flags ?? [], requirements: s.requirements, verdict: c.actual,
      contentMatch: c.actual === 'accept' && expectedHash && c.content_sha256 ? c.content_sha256 === expectedHash : null,
      detail: (c.error ?? '').slice(0, 300), ms: 0,
    });
  }

  const producedDir = join(i.outDir, 'produced');
  const ctx: TaskContext = { corpus: i.corpus, corpusDir: i.corpusDir, resultsDir: i.outDir, timeoutMs: i.timeoutMs, emit };
  prepareProducedDir(ctx);
  for (const [path, bytes] of i.files) {
    // Only the names archive.ts let through, and only under produced/<name>/.
    const target = join(producedDir, name, path);
    mkdirSync(dirname(target), { recursive: true });
    // A produced message the submitter sent as PEM is stored as DER, as every consumer expects.
    writeFileSync(target, i.produced.some((p) => p.file === path) ? derOf(bytes) : bytes);
  }
  for (const p of i.produced) {
    const bytes = derOf(i.files.get(p.file)!);
    const file = `${name}/${p.file}`;
    emit({ kind: 'produce', stack: name, version, lineage, feature: p.feature, verdict: 'produced', detail: '', check: checkProduced(file, bytes, p, i.files), file, sampleSha256: sha256(bytes), ms: 0 });
    const sample = crossSample(name, p);
    const anchors = p.trust_anchors?.length ? p.trust_anchors.map((a) => `${name}/${a}`) : undefined;
    for (const consumer of i.consumers) {
      await crossTask(ctx, consumer, { stack: name, feature: p.feature as ProduceFeature, file, sha256: sha256(bytes) }, { sample, ...(anchors ? { trustAnchors: anchors } : {}) });
    }
  }
  return { records: written };
}

const contentHashes = new Map<string, string | null>();
function contentHash(corpusDir: string, rel: string): string | null {
  const path = join(corpusDir, rel);
  if (!contentHashes.has(path)) contentHashes.set(path, existsSync(path) ? sha256(new Uint8Array(readFileSync(path))) : null);
  return contentHashes.get(path)!;
}
