/**
 * What the HTML drill-down shows beside the records: the corpus manifest (each sample's entry and
 * description) and cmsi check's findings on the corpus (the JSON report of `cmsi check --manifest`,
 * written by `cmsi run` as checks.json). Both are read, never recomputed; each is used only when it
 * belongs to the run: a manifest whose SHA-256 is not the run's, or a check report that names
 * samples the manifest does not have, is left out with a note saying why.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Sample } from '../core/manifest.ts';
import { parseManifest } from '../core/manifest-file.ts';

/** A finding as the drill-down shows it. */
export interface DrillFinding {
  readonly rule: string;
  readonly status: string;
  readonly layer: string;
  readonly message: string;
  readonly path: string;
}

/** cmsi check's result on one corpus sample. */
export interface DrillCheck {
  readonly verdict: string;
  readonly reason: string | null;
  readonly matches: boolean | null;
  readonly findings: readonly DrillFinding[];
}

export interface DrillInputs {
  readonly samples: ReadonlyMap<string, Sample> | null;
  readonly checks: ReadonlyMap<string, DrillCheck> | null;
  /** Why an input is absent or left out, one line each (shown in the page and on stderr). */
  readonly notes: readonly string[];
}

export const NO_DRILL_INPUTS: DrillInputs = { samples: null, checks: null, notes: [] };

interface CheckJson {
  readonly results?: readonly {
    readonly verdict?: string;
    readonly reason?: string | null;
    readonly expectation?: { readonly sample?: string; readonly matches?: boolean };
    readonly findings?: readonly Partial<DrillFinding>[];
  }[];
}

/** Only what is not a pass: a sample passes hundreds of rules, the reader wants what did not. */
function checksOf(json: CheckJson): Map<string, DrillCheck> {
  const out = new Map<string, DrillCheck>();
  for (const r of json.results ?? []) {
    const id = r.expectation?.sample;
    if (typeof id !== 'string') continue;
    out.set(id, {
      verdict: String(r.verdict ?? '?'),
      reason: typeof r.reason === 'string' ? r.reason : null,
      matches: typeof r.expectation?.matches === 'boolean' ? r.expectation.matches : null,
      findings: (r.findings ?? []).filter((f) => f.status !== 'pass').map((f) => ({
        rule: String(f.rule ?? ''), status: String(f.status ?? ''), layer: String(f.layer ?? ''), message: String(f.message ?? ''), path: String(f.path ?? ''),
      })),
    });
  }
  return out;
}

/**
 * Reads `corpusDir`/manifest.yaml and `checksFile` when given and present. `manifestSha256` is the
 * run's: a manifest of another corpus would describe other bytes under the same ids.
 */
export function loadDrillInputs(corpusDir: string | null, checksFile: string | null, manifestSha256: string | null): DrillInputs {
  const notes: string[] = [];
  let samples: Map<string, Sample> | null = null;
  const manifestPath = corpusDir ? join(corpusDir, 'manifest.yaml') : null;
  if (!manifestPath) notes.push('no corpus given (cmsi report --corpus DIR): sample details show the records only, without the manifest entries');
  else if (!existsSync(manifestPath)) notes.push(`${manifestPath} does not exist: sample details show the records only`);
  else {
    const text = readFileSync(manifestPath, 'utf8');
    const sha = createHash('sha256').update(text).digest('hex');
    if (manifestSha256 && sha !== manifestSha256) notes.push(`${manifestPath} is not the corpus of this run (SHA-256 ${sha.slice(0, 12)}…, the run's ${manifestSha256.slice(0, 12)}…): its entries are left out`);
    else {
      const read = parseManifest(manifestPath, text);
      if (read.ok) samples = new Map(read.manifest.samples.map((s) => [s.id, s]));
      else notes.push(`${read.error}: the manifest entries are left out`);
    }
  }
  let checks: Map<string, DrillCheck> | null = null;
  if (!checksFile) notes.push('no checker results given (cmsi report --checks FILE, the JSON of cmsi check --manifest): sample details show no findings');
  else if (!existsSync(checksFile)) notes.push(`${checksFile} does not exist: sample details show no findings`);
  else {
    try {
      checks = checksOf(JSON.parse(readFileSync(checksFile, 'utf8')) as CheckJson);
      const foreign = samples ? [...checks.keys()].filter((id) => !samples!.has(id)) : [];
      if (foreign.length) {
        notes.push(`${checksFile} names ${foreign.length} samples the manifest does not have (${foreign[0]}, ...): another corpus; its findings are left out`);
        checks = null;
      }
    } catch (e) {
      notes.push(`${checksFile} is not the JSON of cmsi check: ${(e as Error).message.slice(0, 100)}`);
      checks = null;
    }
  }
  return { samples, checks, notes };
}
