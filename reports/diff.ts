/**
 * What changed between two runs (another stack version, another corpus, a submission's new
 * release): per stack and sample the consume outcomes that changed, per pair the cross-verifications,
 * per stack and feature the produced messages and cmsi check's verdict on them, the stacks' versions,
 * the readiness of every requirement. Each change is better, worse or neutral; "worse" is what a
 * CI gate fails on. Known divergences (a list of stack|sample keys) can be left out.
 */
import type { CatalogEntry } from '../core/catalog.ts';
import type { ConsumeRecord, CrossRecord, ProduceRecord, ResultRecord, StackRecord } from '../interop/records.ts';
import { outcomeOf, type Outcome } from './model.ts';
import { byCodePoint } from './order.ts';
import { readiness, READINESS } from './readiness.ts';

export interface Change {
  readonly kind: 'stack' | 'consume' | 'cross' | 'produce' | 'readiness';
  readonly key: string;
  readonly before: string;
  readonly after: string;
  readonly direction: 'worse' | 'better' | 'neutral';
}

const GOOD_OUTCOME: ReadonlySet<Outcome | 'absent'> = new Set(['ok']);
const FAILING: ReadonlySet<string> = new Set(['crash', 'hang', 'error']);

function direction(before: string, after: string, good: (s: string) => boolean, rank?: (s: string) => number): Change['direction'] {
  if (rank) return rank(after) < rank(before) ? 'worse' : rank(after) > rank(before) ? 'better' : 'neutral';
  if (FAILING.has(after) && !FAILING.has(before)) return 'worse';
  if (good(before) && !good(after)) return 'worse';
  if (!good(before) && good(after)) return 'better';
  return 'neutral';
}

function changes<T>(kind: Change['kind'], a: readonly T[], b: readonly T[], key: (r: T) => string, value: (r: T) => string, good: (s: string) => boolean, rank?: (s: string) => number): Change[] {
  const ma = new Map(a.map((r) => [key(r), value(r)]));
  const mb = new Map(b.map((r) => [key(r), value(r)]));
  const out: Change[] = [];
  for (const k of [...new Set([...ma.keys(), ...mb.keys()])].sort(byCodePoint)) {
    const before = ma.get(k) ?? 'absent';
    const after = mb.get(k) ?? 'absent';
    if (before !== after) out.push({ kind, key: k, before, after, direction: direction(before, after, good, rank) });
  }
  return out;
}

const of = <K extends ResultRecord['kind']>(rs: readonly ResultRecord[], kind: K) => rs.filter((r): r is Extract<ResultRecord, { kind: K }> => r.kind === kind);

export function diffRuns(a: readonly ResultRecord[], b: readonly ResultRecord[], entries: readonly CatalogEntry[], known: ReadonlySet<string> = new Set()): Change[] {
  const consumeKey = (r: ConsumeRecord) => `${r.stack}|${r.sample}`;
  const notKnown = (r: ConsumeRecord) => !known.has(consumeKey(r));
  const produceValue = (r: ProduceRecord) => (r.verdict === 'produced' ? `produced (cmsi check: ${r.check?.verdict ?? 'none'})` : r.verdict);
  const readinessRank = (s: string) => (s === 'absent' ? -1 : READINESS.length - READINESS.indexOf(s as (typeof READINESS)[number]));
  return [
    ...changes('stack', of(a, 'stack'), of(b, 'stack'), (r: StackRecord) => r.stack, (r) => (r.installed ? `${r.version ?? ''} (${r.lineage})` : 'not installed'), (s) => s !== 'not installed' && s !== 'absent'),
    ...changes('consume', of(a, 'consume').filter(notKnown), of(b, 'consume').filter(notKnown), consumeKey, (r) => outcomeOf(r), (s) => GOOD_OUTCOME.has(s as Outcome)),
    ...changes('cross', of(a, 'cross'), of(b, 'cross'), (r: CrossRecord) => `${r.producer} -> ${r.consumer}|${r.feature}`, (r) => (r.verdict === 'accept' && r.contentMatch === false ? 'wrong-content' : r.verdict), (s) => s === 'accept'),
    ...changes('produce', of(a, 'produce'), of(b, 'produce'), (r: ProduceRecord) => `${r.stack}|${r.feature}`, produceValue, (s) => /cmsi check: (valid|acceptable)/.test(s)),
    // Readiness ranks: ready above no interop above one implementation above none.
    ...changes('readiness', readiness(entries, a), readiness(entries, b), (r) => r.id, (r) => r.status, () => true, readinessRank),
  ];
}

export function renderDiffMarkdown(cs: readonly Change[]): string {
  if (!cs.length) return 'No changes.\n';
  const worse = cs.filter((c) => c.direction === 'worse').length;
  const out = [`# cmsi diff: ${cs.length} changes, ${worse} worse`, '', '| | what | key | before | after |', '|---|---|---|---|---|'];
  for (const c of cs) out.push(`| ${c.direction} | ${c.kind} | \`${c.key}\` | ${c.before} | ${c.after} |`);
  return `${out.join('\n')}\n`;
}
