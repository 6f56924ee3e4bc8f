/**
 * Interop results as JSON lines: one record per stack x sample x role, appended as they come so an
 * interrupted run can resume. Reports read these records and never recompute a verdict.
 */
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface StackRecord {
  readonly kind: 'stack';
  readonly stack: string;
  readonly lineage: string;
  readonly installed: boolean;
  readonly version: string | null;
  readonly reason?: string;
}

export type Verdict = 'accept' | 'reject' | 'unsupported' | 'error' | 'crash' | 'hang';

export interface ConsumeRecord {
  readonly kind: 'consume';
  readonly stack: string;
  readonly version: string;
  readonly lineage: string;
  readonly sample: string;
  readonly expected: 'valid' | 'invalid' | 'acceptable';
  readonly contentType: string;
  readonly features: readonly string[];
  readonly flags: readonly string[];
  readonly requirements: readonly string[];
  readonly verdict: Verdict;
  /** For accept: whether the recovered content equals the expected content (null: none expected). */
  readonly contentMatch: boolean | null;
  readonly detail: string;
  readonly ms: number;
}

export interface ProduceRecord {
  readonly kind: 'produce';
  readonly stack: string;
  readonly version: string;
  readonly lineage: string;
  readonly feature: string;
  readonly verdict: 'produced' | 'unsupported' | 'error' | 'crash' | 'hang';
  readonly detail: string;
  /** The checker's verdict on the produced message, and the rules it failed. */
  readonly check: {
    readonly verdict: string;
    readonly failed: readonly string[];
    /** Status per layer (encoding ... mime), so reports tell a policy rejection from a malformed message. */
    readonly layers?: Readonly<Record<string, string>>;
    /** The deciding layer and finding, as the text output's first line has it. */
    readonly reason?: string | null;
  } | null;
  readonly file: string | null;
  readonly ms: number;
}

export interface CrossRecord {
  readonly kind: 'cross';
  readonly producer: string;
  readonly consumer: string;
  readonly consumerVersion: string;
  readonly feature: string;
  readonly verdict: Verdict;
  readonly contentMatch: boolean | null;
  readonly detail: string;
  readonly ms: number;
}

export type ResultRecord = StackRecord | ConsumeRecord | ProduceRecord | CrossRecord;

export const recordKey = (r: ResultRecord): string => {
  switch (r.kind) {
    case 'stack': return `stack|${r.stack}`;
    case 'consume': return `consume|${r.stack}|${r.sample}`;
    case 'produce': return `produce|${r.stack}|${r.feature}`;
    case 'cross': return `cross|${r.producer}|${r.consumer}|${r.feature}`;
  }
};

const FILE: Record<ResultRecord['kind'], string> = { stack: 'stacks.jsonl', consume: 'consume.jsonl', produce: 'produce.jsonl', cross: 'cross.jsonl' };

/** Appends one record as one write of one line, so a killed run leaves only whole lines. */
export function appendRecord(dir: string, r: ResultRecord): void {
  const path = join(dir, FILE[r.kind]);
  mkdirSync(dirname(path), { recursive: true });
  appendFileSync(path, `${JSON.stringify(r)}\n`);
}

/** Reads every *.jsonl under `dir`; a torn last line (a killed writer) is skipped. */
export function readRecords(dir: string): ResultRecord[] {
  if (!existsSync(dir)) return [];
  const out: ResultRecord[] = [];
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.jsonl')).sort()) {
    for (const line of readFileSync(join(dir, f), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        out.push(JSON.parse(line) as ResultRecord);
      } catch {
        // an incomplete final line from an interrupted run
      }
    }
  }
  return out;
}

/** Cuts a torn final line (from a killed writer) so appended records start on a fresh line. */
export function repairTornLines(dir: string): void {
  if (!existsSync(dir)) return;
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.jsonl'))) {
    const path = join(dir, f);
    const text = readFileSync(path, 'utf8');
    if (text && !text.endsWith('\n')) writeFileSync(path, text.slice(0, text.lastIndexOf('\n') + 1));
  }
}
