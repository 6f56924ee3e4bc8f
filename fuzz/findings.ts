/**
 * A campaign's findings on disk: DIR/findings.jsonl holds one line per deduplicated finding, in
 * the order they were found; DIR/reproducers/<id>.der is the shrunk message and <id>.json the same
 * record beside it. A finding's id hashes the seed and its deduplication key (stack, oracle,
 * layer, rule), so the same seed gives the same ids; {seed, path} regenerate its shrunk input with
 * fast-check, and `steps` applied to `base` regenerate its message without it.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Oracle } from './oracles.ts';
import type { Step } from './steps.ts';

export const FINDINGS_FILE = 'findings.jsonl';

export interface FindingRecord {
  readonly version: 1;
  readonly id: string;
  readonly stack: string;
  readonly stackVersion: string;
  readonly oracle: Oracle;
  readonly layer: string;
  readonly rule: string;
  /** The shrunk message, relative to the findings directory. */
  readonly reproducer: string;
  readonly reproducerSha256: string;
  /** fast-check's seed and counterexample path of the shrunk input. */
  readonly seed: number;
  readonly path: string;
  /** The campaign's base selection (--bases): {seed, path} index into it. */
  readonly bases: readonly string[];
  /** Whether the campaign mixed in generated messages (--generated): {seed, path} depend on it. */
  readonly generated: boolean;
  readonly maxSteps: number;
  /** The base sample, or for a generated message the corpus sample whose inputs judged it. */
  readonly base: string;
  /** For a generated message: its signature algorithm (the message is regenerated from {seed, path}). */
  readonly fresh: string | null;
  readonly steps: readonly Step[];
  readonly resigned: boolean;
  readonly stepsText: string;
  readonly size: number;
  /** Size of the message as first found, before shrinking (never smaller than size). */
  readonly foundSize: number;
  /** What the stack said (its error, its signal). */
  readonly detail: string;
  readonly checker: { readonly verdict: string; readonly failing: readonly { readonly rule: string; readonly layer: string }[]; readonly reason: string | null };
}

export const findingId = (seed: number, key: string): string => createHash('sha256').update(`${seed}|${key}`).digest('hex').slice(0, 12);

export function writeFinding(dir: string, f: FindingRecord, bytes: Uint8Array): void {
  mkdirSync(join(dir, 'reproducers'), { recursive: true });
  writeFileSync(join(dir, f.reproducer), bytes);
  writeFileSync(join(dir, f.reproducer.replace(/\.der$/, '.json')), `${JSON.stringify(f, null, 2)}\n`);
}

export function writeFindingsFile(dir: string, findings: readonly FindingRecord[]): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, FINDINGS_FILE), findings.map((f) => `${JSON.stringify(f)}\n`).join(''));
}

/**
 * The findings in FILE: a findings.jsonl (every line) or one reproducer's .json. Returns each with
 * the directory its reproducer path is relative to.
 */
export function readFindings(file: string): { dir: string; findings: FindingRecord[] } {
  const text = readFileSync(file, 'utf8');
  if (file.endsWith('.jsonl')) return { dir: dirname(file), findings: text.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as FindingRecord) };
  // reproducers/<id>.json: the reproducer path is relative to the directory above.
  return { dir: dirname(dirname(file)), findings: [JSON.parse(text) as FindingRecord] };
}
