/** The report as JSON (the model, with maps as objects) and as CSV (one row per consume/cross record). */
import type { ResultRecord } from '../interop/records.ts';
import { outcomeOf, type ReportModel } from './model.ts';

const obj = (m: ReadonlyMap<string, unknown>): Record<string, unknown> =>
  Object.fromEntries([...m.entries()].map(([k, v]) => [k, v instanceof Map ? obj(v) : v]));

export function renderJson(m: ReportModel): string {
  return `${JSON.stringify({
    version: 1, stacks: m.stacks, consumerMatrix: obj(m.consumerMatrix), invalidCaught: obj(m.invalidCaught), produce: m.produce,
    interop: obj(m.interop), unexpected: m.unexpected, requirements: m.requirements,
  }, null, 2)}\n`;
}

const csvCell = (v: unknown): string => {
  const s = String(v ?? '');
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function renderCsv(records: readonly ResultRecord[]): string {
  const rows = [['role', 'stack', 'producer', 'sample_or_feature', 'expected', 'verdict', 'outcome', 'content_match', 'ms', 'detail']];
  for (const r of records) {
    if (r.kind === 'consume') rows.push(['consume', r.stack, '', r.sample, r.expected, r.verdict, outcomeOf(r), String(r.contentMatch), String(r.ms), r.detail]);
    if (r.kind === 'cross') rows.push(['cross', r.consumer, r.producer, r.feature, 'valid', r.verdict, '', String(r.contentMatch), String(r.ms), r.detail]);
  }
  return `${rows.map((r) => r.map(csvCell).join(',')).join('\n')}\n`;
}
