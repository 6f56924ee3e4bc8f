/**
 * The report model: views of the interop records (interop/records.ts). Verdicts come from the
 * records; this module only classifies them against the sample's expectation and counts.
 */
import { loadFlags } from '../core/flags.ts';
import type { ConsumeRecord, CrossRecord, ProduceRecord, ResultRecord, StackRecord } from '../interop/records.ts';

export type Outcome = 'ok' | 'false-accept' | 'false-reject' | 'wrong-content' | 'unsupported' | 'error' | 'crash' | 'hang';

export function outcomeOf(r: ConsumeRecord): Outcome {
  if (r.verdict === 'unsupported' || r.verdict === 'error' || r.verdict === 'crash' || r.verdict === 'hang') return r.verdict;
  if (r.expected === 'acceptable') return 'ok';
  if (r.expected === 'invalid') return r.verdict === 'reject' ? 'ok' : 'false-accept';
  if (r.verdict === 'reject') return 'false-reject';
  return r.contentMatch === false ? 'wrong-content' : 'ok';
}

/** Consumer-side features shown as matrix columns: content types, then the main variants. */
export const MATRIX_FEATURES = [
  'data', 'signed-data', 'enveloped-data', 'auth-enveloped-data', 'authenticated-data', 'digested-data', 'encrypted-data', 'compressed-data',
  'detached', 'ber-indefinite', 'sid-ski', 'countersignature', 'ktri', 'kari', 'kekri', 'pwri', 'ess-receipt', 'ess-security-label',
  'smime-multipart-signed', 'smime-pkcs7-mime', 'triple-wrapped', 'rfc4134',
] as const;

export interface Cell { readonly ok: number; readonly total: number; readonly unsupported: number; readonly bad: number }

export interface ReportModel {
  readonly stacks: readonly StackRecord[];
  readonly installed: readonly StackRecord[];
  /** stack -> feature -> cell, over valid samples. */
  readonly consumerMatrix: ReadonlyMap<string, ReadonlyMap<string, Cell>>;
  /** stack -> invalid samples: caught / total processed. */
  readonly invalidCaught: ReadonlyMap<string, Cell>;
  readonly produce: readonly ProduceRecord[];
  readonly produceFeatures: readonly string[];
  /** feature -> producer -> consumer -> cross record. */
  readonly interop: ReadonlyMap<string, ReadonlyMap<string, ReadonlyMap<string, CrossRecord>>>;
  readonly unexpected: readonly { readonly stack: string; readonly outcome: Outcome; readonly record: ConsumeRecord; readonly effect: string }[];
  readonly requirements: readonly RequirementRow[];
}

export interface RequirementRow {
  readonly id: string;
  /** Stacks that rejected every invalid sample citing it that they could process. */
  readonly demonstrated: readonly string[];
  /** Stacks that accepted at least one such sample. */
  readonly missed: readonly string[];
  readonly lineages: readonly string[];
  /** Two demonstrating stacks of different lineages that accept each other's produced messages. */
  readonly draftStandard: boolean;
}

const emptyCell = (): { ok: number; total: number; unsupported: number; bad: number } => ({ ok: 0, total: 0, unsupported: 0, bad: 0 });

export function buildModel(records: readonly ResultRecord[]): ReportModel {
  const stacks = records.filter((r): r is StackRecord => r.kind === 'stack');
  const installed = stacks.filter((s) => s.installed);
  const consume = records.filter((r): r is ConsumeRecord => r.kind === 'consume');
  const produce = records.filter((r): r is ProduceRecord => r.kind === 'produce');
  const cross = records.filter((r): r is CrossRecord => r.kind === 'cross');
  const flags = new Map(loadFlags().flags.map((f) => [f.name, f]));

  const consumerMatrix = new Map<string, Map<string, ReturnType<typeof emptyCell>>>();
  const invalidCaught = new Map<string, ReturnType<typeof emptyCell>>();
  const unexpected: { stack: string; outcome: Outcome; record: ConsumeRecord; effect: string }[] = [];
  for (const r of consume) {
    const o = outcomeOf(r);
    if (r.expected === 'valid') {
      const row = consumerMatrix.get(r.stack) ?? new Map();
      consumerMatrix.set(r.stack, row);
      for (const f of MATRIX_FEATURES.filter((x) => r.features.includes(x))) {
        const c = row.get(f) ?? emptyCell();
        row.set(f, c);
        c.total++;
        if (o === 'ok') c.ok++;
        else if (o === 'unsupported') c.unsupported++;
        else c.bad++;
      }
    } else {
      const c = invalidCaught.get(r.stack) ?? emptyCell();
      invalidCaught.set(r.stack, c);
      c.total++;
      if (o === 'ok') c.ok++;
      else if (o === 'unsupported') c.unsupported++;
      else c.bad++;
    }
    if (o !== 'ok' && o !== 'unsupported') {
      const flag = flags.get(r.flags[0] ?? '');
      unexpected.push({ stack: r.stack, outcome: o, record: r, effect: flag ? `${flag.name} (${flag.bugType}): ${flag.effect}` : '' });
    }
  }

  const interop = new Map<string, Map<string, Map<string, CrossRecord>>>();
  for (const c of cross) {
    const f = interop.get(c.feature) ?? new Map();
    interop.set(c.feature, f);
    const p = f.get(c.producer) ?? new Map();
    f.set(c.producer, p);
    p.set(c.consumer, c);
  }

  const lineageOf = new Map(stacks.map((s) => [s.stack, s.lineage]));
  const accepts = (a: string, b: string) => cross.some((c) => c.producer === a && c.consumer === b && c.verdict === 'accept' && c.contentMatch !== false);
  const byReq = new Map<string, { caught: Set<string>; missed: Set<string> }>();
  for (const r of consume.filter((x) => x.expected === 'invalid')) {
    const o = outcomeOf(r);
    if (o !== 'ok' && o !== 'false-accept') continue;
    for (const id of r.requirements) {
      const e = byReq.get(id) ?? { caught: new Set<string>(), missed: new Set<string>() };
      byReq.set(id, e);
      (o === 'ok' ? e.caught : e.missed).add(r.stack);
    }
  }
  const requirements: RequirementRow[] = [...byReq.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([id, e]) => {
    const demonstrated = [...e.caught].filter((s) => !e.missed.has(s)).sort();
    const lineages = [...new Set(demonstrated.map((s) => lineageOf.get(s) ?? s))].sort();
    const draftStandard = demonstrated.some((a) => demonstrated.some((b) => lineageOf.get(a) !== lineageOf.get(b) && accepts(a, b) && accepts(b, a)));
    return { id, demonstrated, missed: [...e.missed].sort(), lineages, draftStandard };
  });
  const produceFeatures = [...new Set(produce.map((p) => p.feature))].sort();
  return { stacks, installed, consumerMatrix, invalidCaught, produce, produceFeatures, interop, unexpected, requirements };
}
