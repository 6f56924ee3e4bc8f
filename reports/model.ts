/**
 * The report model: views of the interop records (interop/records.ts). Verdicts come from the
 * records; this module only classifies them against the sample's expectation, counts, and puts
 * everything in one stable order (reports/order.ts) so equal verdicts give equal reports. It
 * carries what the reader must know about the inputs: the corpus, the gaps of an incomplete run,
 * the warnings about damaged records.
 */
import { LAYERS, type Layer } from '../core/layers.ts';
import { loadFlags } from '../core/flags.ts';
import { missingRecords } from '../interop/completeness.ts';
import type { ConsumeRecord, CrossRecord, ProduceRecord, ProducedCheck, ResultRecord, RunHeader, StackRecord } from '../interop/records.ts';
import { emptyCell, type Cell } from './cells.ts';
import { byCodePoint, byProduceFeature, byStack, thenBy } from './order.ts';
import { knownDivergences, type KnownOf } from './known.ts';
import type { Expectation } from '../core/expectations.ts';

export type { Cell } from './cells.ts';

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

export interface Unexpected {
  readonly stack: string;
  readonly outcome: Outcome;
  readonly record: ConsumeRecord;
  readonly effect: string;
  /**
   * Where cmsi check finds the sample broken, from the record (never judged here): its first
   * failing layer (an accepted invalid sample missed a certificate check, or a parse, ...);
   * 'none' when the sample passes every layer (a rejected valid sample is an interop failure);
   * null when the record does not carry cmsi check's judgement (older or submitted results).
   */
  readonly layer: Layer | 'none' | null;
  /** The entry of expectations/<stack>.yaml that explains it (a known divergence), or null: a new one. */
  readonly known: Expectation | null;
}

/** The layer label of an unexpected outcome, for the tables. */
export function layerLabel(layer: Unexpected['layer']): string {
  return layer === null ? 'layer not recorded' : layer === 'none' ? 'valid in every layer' : `broken in ${layer}`;
}

/** Accepted invalid samples by the layer they are broken in: "certificate 3, structure 1" (layer order, unrecorded last). */
export function acceptedByLayer(u: readonly Unexpected[]): string {
  const accepted = u.filter((x) => x.outcome === 'false-accept');
  const n = (l: Unexpected['layer']) => accepted.filter((x) => x.layer === l).length;
  return [...LAYERS.map((l) => [l, n(l)] as const), ['unrecorded', n(null)] as const, ['none', n('none')] as const]
    .filter(([, c]) => c > 0).map(([l, c]) => `${l} ${c}`).join(', ');
}

/**
 * A produced message a consumer did not accept with its content, with what cmsi check says of it:
 * a rejected valid message is an interop failure; a rejected invalid one is told apart by the
 * layer that failed (rejected for policy, for its certificate, as malformed, ...).
 */
export interface CrossFailure {
  readonly record: CrossRecord;
  readonly check: ProducedCheck | null;
  /** The first failing layer of the produced message, null when cmsi check found it valid or acceptable. */
  readonly failedLayer: Layer | null;
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

export interface ReportModel {
  /** The corpus and the cmsi the records come from (null when the caller has no run header). */
  readonly identity: { readonly cmsi: string; readonly seed: string; readonly manifestSha256: string } | null;
  /** Why the run is incomplete, one line per gap; empty when complete. */
  readonly incomplete: readonly string[];
  /** Damage found while reading the records that did not stop the report (torn line, duplicates). */
  readonly warnings: readonly string[];
  readonly stacks: readonly StackRecord[];
  readonly installed: readonly StackRecord[];
  /** Every consume record, by stack then sample. */
  readonly consume: readonly ConsumeRecord[];
  /** stack -> feature -> cell, over valid samples. */
  readonly consumerMatrix: ReadonlyMap<string, ReadonlyMap<string, Cell>>;
  /** stack -> invalid samples: rejected / total. */
  readonly invalidCaught: ReadonlyMap<string, Cell>;
  /** stack -> acceptable samples (receivers must accept them): accepted / total, counted apart. */
  readonly acceptable: ReadonlyMap<string, Cell>;
  readonly produce: readonly ProduceRecord[];
  readonly produceFeatures: readonly string[];
  /** feature -> producer -> consumer -> cross record, every level in report order. */
  readonly interop: ReadonlyMap<string, ReadonlyMap<string, ReadonlyMap<string, CrossRecord>>>;
  readonly unexpected: readonly Unexpected[];
  readonly crossFailures: readonly CrossFailure[];
  readonly requirements: readonly RequirementRow[];
}

/** Unexpected outcomes per stack (report order), new ones apart from those an expectation explains. */
export function unexpectedByStack(m: Pick<ReportModel, 'unexpected'>): { stack: string; fresh: Unexpected[]; known: Unexpected[] }[] {
  const by = new Map<string, { stack: string; fresh: Unexpected[]; known: Unexpected[] }>();
  for (const u of m.unexpected) {
    const g = by.get(u.stack) ?? { stack: u.stack, fresh: [], known: [] };
    by.set(u.stack, g);
    (u.known ? g.known : g.fresh).push(u);
  }
  return [...by.values()];
}

/** The first layer that failed in a check, in reading order (encoding before policy). */
export const failedLayerOf = (c: ProducedCheck | null): Layer | null => (c ? LAYERS.find((l) => c.layers[l] === 'fail') ?? null : null);

function count(c: ReturnType<typeof emptyCell>, o: Outcome): void {
  c.total++;
  if (o === 'ok') c.ok++;
  else if (o === 'unsupported') c.unsupported++;
  else c.bad++;
}

export function buildModel(records: readonly ResultRecord[], run: RunHeader | null = null, warnings: readonly string[] = [], knownOf: KnownOf = knownDivergences()): ReportModel {
  const stacks = records.filter((r): r is StackRecord => r.kind === 'stack').sort((a, b) => byStack(a.stack, b.stack));
  const installed = stacks.filter((s) => s.installed);
  const consume = records.filter((r): r is ConsumeRecord => r.kind === 'consume').sort(thenBy((a, b) => byStack(a.stack, b.stack), (a, b) => byCodePoint(a.sample, b.sample)));
  const produce = records.filter((r): r is ProduceRecord => r.kind === 'produce').sort(thenBy((a, b) => byStack(a.stack, b.stack), (a, b) => byProduceFeature(a.feature, b.feature)));
  const cross = records.filter((r): r is CrossRecord => r.kind === 'cross')
    .sort(thenBy((a, b) => byCodePoint(a.feature, b.feature), (a, b) => byStack(a.producer, b.producer), (a, b) => byStack(a.consumer, b.consumer)));
  const flags = new Map(loadFlags().flags.map((f) => [f.name, f]));

  const consumerMatrix = new Map<string, Map<string, ReturnType<typeof emptyCell>>>();
  const invalidCaught = new Map<string, ReturnType<typeof emptyCell>>();
  const acceptable = new Map<string, ReturnType<typeof emptyCell>>();
  const unexpected: Unexpected[] = [];
  for (const s of installed) consumerMatrix.set(s.stack, new Map());
  for (const r of consume) {
    const o = outcomeOf(r);
    if (r.expected === 'valid') {
      const row = consumerMatrix.get(r.stack) ?? new Map();
      consumerMatrix.set(r.stack, row);
      for (const f of MATRIX_FEATURES.filter((x) => r.features.includes(x))) {
        const c = row.get(f) ?? emptyCell();
        row.set(f, c);
        count(c, o);
      }
    } else {
      const into = r.expected === 'invalid' ? invalidCaught : acceptable;
      const c = into.get(r.stack) ?? emptyCell();
      into.set(r.stack, c);
      // An acceptable sample may be accepted (it usually must be: catalog `receivers`, which the
      // record does not carry): its cell counts acceptances, and a rejection is neither ok nor bad.
      if (r.expected === 'acceptable' && r.verdict === 'reject') c.total++;
      else count(c, r.expected === 'acceptable' && r.verdict === 'accept' ? 'ok' : o);
    }
    if (o !== 'ok' && o !== 'unsupported') {
      const flag = flags.get(r.flags[0] ?? '');
      const layer = r.check ? failedLayerOf(r.check) ?? 'none' : null;
      unexpected.push({ stack: r.stack, outcome: o, record: r, effect: flag ? `${flag.name} (${flag.bugType}): ${flag.effect}` : '', layer, known: knownOf(r) });
    }
  }

  const interop = new Map<string, Map<string, Map<string, CrossRecord>>>();
  for (const c of cross) {
    const f = interop.get(c.feature) ?? new Map<string, Map<string, CrossRecord>>();
    interop.set(c.feature, f);
    const p = f.get(c.producer) ?? new Map<string, CrossRecord>();
    f.set(c.producer, p);
    p.set(c.consumer, c);
  }
  const checkOf = new Map(produce.map((p) => [`${p.stack}|${p.feature}`, p.check]));
  const crossFailures: CrossFailure[] = cross
    .filter((c) => c.verdict !== 'unsupported' && !(c.verdict === 'accept' && c.contentMatch !== false))
    .map((record) => {
      const check = checkOf.get(`${record.producer}|${record.feature}`) ?? null;
      return { record, check, failedLayer: failedLayerOf(check) };
    });

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
  const requirements: RequirementRow[] = [...byReq.entries()].sort(([a], [b]) => byCodePoint(a, b)).map(([id, e]) => {
    const demonstrated = [...e.caught].filter((s) => !e.missed.has(s)).sort(byStack);
    const lineages = [...new Set(demonstrated.map((s) => lineageOf.get(s) ?? s))].sort(byCodePoint);
    const draftStandard = demonstrated.some((a) => demonstrated.some((b) => lineageOf.get(a) !== lineageOf.get(b) && accepts(a, b) && accepts(b, a)));
    return { id, demonstrated, missed: [...e.missed].sort(byStack), lineages, draftStandard };
  });
  const produceFeatures = [...new Set(produce.map((p) => p.feature))].sort(byProduceFeature);
  return {
    identity: run ? { cmsi: run.cmsi, seed: run.seed, manifestSha256: run.manifestSha256 } : null,
    incomplete: run ? missingRecords(run, records) : [],
    warnings,
    stacks, installed, consume, consumerMatrix, invalidCaught, acceptable, produce, produceFeatures, interop, unexpected, crossFailures, requirements,
  };
}
