/**
 * Readiness for every catalog entry (the Draft Standard bar of RFC 2026 4.1.2: two independent
 * interoperable implementations), from the records alone. For an entry:
 *  - its samples: consume records of invalid samples that cite its id, and of valid samples that
 *    cite its section; its features: the content-type and variant features of those samples;
 *  - a stack demonstrates it as consumer when it got every such sample right it processed (valid
 *    accepted with the content, invalid rejected) and processed at least one; as producer when a
 *    message it produced with one of the features was judged valid or acceptable by cmsi check
 *    and does not fail the entry's rule;
 *  - a pair interoperates on it when a producer demonstrating it made a message with one of the
 *    entry's features that a consumer of another lineage, which got none of the entry's samples
 *    wrong, accepted with the content. Interop on any other feature does not count, nor does a
 *    pair of one lineage (OpenSSL and python-cryptography; a submission built on OpenSSL).
 * Status: ready (such a pair), no interop (two lineages demonstrate it, no pair interoperates on
 * it), one implementation, none (testable, nobody demonstrates it or no sample exercises it), not
 * testable here (untestable entries, with the catalog's reason).
 */
import type { CatalogEntry } from '../core/catalog.ts';
import { MANDATORY_LEVELS } from '../core/catalog.ts';
import type { ProduceFeature } from '../adapters/adapter.ts';
import { producedSample } from '../interop/produced-sample.ts';
import type { ConsumeRecord, CrossRecord, ProduceRecord, ResultRecord, StackRecord } from '../interop/records.ts';
import { outcomeOf } from './model.ts';
import { byCodePoint, byStack } from './order.ts';

export const READINESS = ['ready', 'no interop', 'one implementation', 'none', 'not testable here'] as const;
export type Readiness = (typeof READINESS)[number];

export interface ReadinessRow {
  readonly id: string;
  readonly rfc: string;
  readonly level: CatalogEntry['level'];
  readonly status: Readiness;
  /** Why (not testable here, none) or the evidence in words. */
  readonly note: string;
  readonly producers: readonly string[];
  readonly consumers: readonly string[];
  /** Interoperating pairs of different lineage on the entry's features: producer -> consumer (feature). */
  readonly pairs: readonly string[];
  /** The sample ids of the evidence. */
  readonly samples: readonly string[];
}

export interface RfcSummary {
  readonly rfc: string;
  readonly must: { readonly ready: number; readonly total: number };
  readonly should: { readonly ready: number; readonly total: number };
  readonly counts: Readonly<Record<Readiness, number>>;
}

/** The features that say what a message is about (not its encoding details). */
const producedFeatures = (feature: string): readonly string[] => producedSample('x', feature as ProduceFeature, 'x').features;

export function readiness(entries: readonly CatalogEntry[], records: readonly ResultRecord[]): ReadinessRow[] {
  const stacks = records.filter((r): r is StackRecord => r.kind === 'stack');
  const lineageOf = new Map(stacks.map((s) => [s.stack, s.lineage]));
  const consume = records.filter((r): r is ConsumeRecord => r.kind === 'consume');
  const produce = records.filter((r): r is ProduceRecord => r.kind === 'produce' && r.verdict === 'produced');
  const cross = records.filter((r): r is CrossRecord => r.kind === 'cross' && r.verdict === 'accept' && r.contentMatch !== false);
  const byCitation = new Map<string, ConsumeRecord[]>();
  for (const r of consume) {
    // Invalid samples cite entry ids, valid ones the sections they exercise.
    for (const k of new Set(r.requirements)) byCitation.set(k, [...(byCitation.get(k) ?? []), r]);
  }
  return entries.map((e): ReadinessRow => {
    const rfc = e.id.split('/')[0]!;
    const section = `${rfc}/${e.section}`;
    const base = { id: e.id, rfc, level: e.level };
    if (e.test === 'untestable') return { ...base, status: 'not testable here', note: e.reason ?? 'untestable', producers: [], consumers: [], pairs: [], samples: [] };
    const cited = [...(byCitation.get(e.id) ?? []).filter((r) => r.expected === 'invalid'), ...(byCitation.get(section) ?? []).filter((r) => r.expected !== 'invalid')];
    const features = new Set(cited.flatMap((r) => r.features));
    const samples = [...new Set(cited.map((r) => r.sample))].sort(byCodePoint);
    const wrong = new Set<string>();
    const right = new Set<string>();
    for (const r of cited) {
      const o = outcomeOf(r);
      if (o === 'ok') right.add(r.stack);
      else if (o === 'false-accept' || o === 'false-reject' || o === 'wrong-content' || o === 'crash' || o === 'hang') wrong.add(r.stack);
    }
    const consumers = [...right].filter((s) => !wrong.has(s)).sort(byStack);
    const related = (feature: string) => { const f = producedFeatures(feature); return f.length > 0 && features.has(f[0]!) && f.every((x) => features.has(x) || x === 'attached'); };
    const good = produce.filter((p) => related(p.feature) && p.check && (p.check.verdict === 'valid' || p.check.verdict === 'acceptable') && !p.check.failed.includes(e.id));
    const producers = [...new Set(good.map((p) => p.stack))].sort(byStack);
    const pairs = cross
      .filter((c) => good.some((p) => p.stack === c.producer && p.feature === c.feature) && !wrong.has(c.consumer) && lineageOf.get(c.producer) !== lineageOf.get(c.consumer))
      .map((c) => `${c.producer} -> ${c.consumer} (${c.feature})`).sort(byCodePoint);
    const lineages = new Set([...producers, ...consumers].map((s) => lineageOf.get(s) ?? s));
    const status: Readiness = pairs.length ? 'ready' : lineages.size >= 2 ? 'no interop' : lineages.size === 1 ? 'one implementation' : 'none';
    const note = !samples.length && !producers.length ? 'no sample or produced message exercises it' : `${samples.length} samples, ${lineages.size} lineages`;
    return { ...base, status, note, producers, consumers, pairs, samples };
  });
}

const isMust = (l: CatalogEntry['level']) => MANDATORY_LEVELS.has(l);
const isShould = (l: CatalogEntry['level']) => l === 'SHOULD' || l === 'SHOULD NOT' || l === 'RECOMMENDED' || l === 'NOT RECOMMENDED';

export function summarize(rows: readonly ReadinessRow[]): RfcSummary[] {
  const by = new Map<string, ReadinessRow[]>();
  for (const r of rows) by.set(r.rfc, [...(by.get(r.rfc) ?? []), r]);
  return [...by.entries()].sort(([a], [b]) => byCodePoint(a, b)).map(([rfc, rs]) => {
    const counts = Object.fromEntries(READINESS.map((s) => [s, rs.filter((r) => r.status === s).length])) as Record<Readiness, number>;
    const of = (pred: (l: CatalogEntry['level']) => boolean) => ({ ready: rs.filter((r) => pred(r.level) && r.status === 'ready').length, total: rs.filter((r) => pred(r.level)).length });
    return { rfc, must: of(isMust), should: of(isShould), counts };
  });
}
