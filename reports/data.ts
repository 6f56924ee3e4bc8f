/**
 * The report as JSON (version 2: the model, with maps as objects) and as CSV (one row per consume
 * and cross record). Both are views of verdicts only: no timings and no run id, so two runs with the
 * same verdicts give the same bytes; the corpus identity, an incomplete run and the warnings about
 * the records read are part of both.
 */
import type { CrossRecord, ResultRecord } from '../interop/records.ts';
import { outcomeOf, type ReportModel } from './model.ts';

const obj = (m: ReadonlyMap<string, unknown>): Record<string, unknown> =>
  Object.fromEntries([...m.entries()].map(([k, v]) => [k, v instanceof Map ? obj(v) : plain(v)]));

/**
 * A record without what differs between runs of equal verdicts: the stamp, the timing, and the
 * hash of a produced message (a new signing time, IV or key every run; a corpus sample's hash stays).
 */
function plain(v: unknown): unknown {
  if (typeof v !== 'object' || v === null || Array.isArray(v) || !('kind' in v)) return v;
  const { recordVersion: _v, runId: _r, cmsi: _c, manifestSha256: _m, seed: _s, ms: _ms, ...rest } = v as ResultRecord & { ms?: number };
  if (rest.kind === 'produce' || rest.kind === 'cross') return { ...rest, sampleSha256: undefined };
  return rest;
}

export function renderJson(m: ReportModel): string {
  return `${JSON.stringify({
    version: 2,
    identity: m.identity,
    complete: m.incomplete.length === 0,
    incomplete: m.incomplete,
    warnings: m.warnings,
    stacks: m.stacks.map(plain),
    consumerMatrix: obj(m.consumerMatrix),
    invalidCaught: obj(m.invalidCaught),
    acceptable: obj(m.acceptable),
    produce: m.produce.map(plain),
    interop: obj(m.interop),
    crossFailures: m.crossFailures.map((f) => ({ ...f, record: plain(f.record) })),
    unexpected: m.unexpected.map((u) => ({ ...u, record: plain(u.record) })),
    requirements: m.requirements,
  }, null, 2)}\n`;
}

const csvCell = (v: unknown): string => {
  const s = String(v ?? '');
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/**
 * Rows in report order (consume: stack, sample; cross: feature, producer, consumer; a cross row's
 * `expected` is cmsi check's verdict on the produced message). The corpus, an incomplete run and
 * each warning come first as rows of their own (role `corpus` / `incomplete` / `warning`, text in
 * detail), so a spreadsheet of a damaged run says so at the top.
 */
export function renderCsv(m: ReportModel): string {
  const rows = [['role', 'stack', 'producer', 'sample_or_feature', 'expected', 'verdict', 'outcome', 'content_match', 'detail']];
  if (m.identity) rows.push(['corpus', '', '', '', '', '', '', '', `cmsi ${m.identity.cmsi}, seed ${m.identity.seed}, manifest SHA-256 ${m.identity.manifestSha256}`]);
  for (const line of m.incomplete) rows.push(['incomplete', '', '', '', '', '', '', '', line]);
  for (const line of m.warnings) rows.push(['warning', '', '', '', '', '', '', '', line]);
  for (const r of m.consume) rows.push(['consume', r.stack, '', r.sample, r.expected, r.verdict, outcomeOf(r), String(r.contentMatch), r.detail]);
  const cross: CrossRecord[] = [...m.interop.values()].flatMap((producers) => [...producers.values()].flatMap((row) => [...row.values()]));
  const checked = new Map(m.produce.map((p) => [`${p.stack}|${p.feature}`, p.check?.verdict ?? '']));
  for (const r of cross) rows.push(['cross', r.consumer, r.producer, r.feature, checked.get(`${r.producer}|${r.feature}`) ?? '', r.verdict, '', String(r.contentMatch), r.detail]);
  return `${rows.map((r) => r.map(csvCell).join(',')).join('\n')}\n`;
}
