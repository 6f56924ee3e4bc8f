/**
 * What `cmsi interop --fail-on` gates a CI job on, decided from the records alone:
 *   crash          a stack crashed or hung in any role, or its adapter broke (error) consuming
 *                  (a produce `error` also covers a stack's tool refusing to make a feature);
 *                  a consume hang or crash that the stack's expectations file explains (OpenSSL
 *                  running all 2^31-1 PBKDF2 iterations of a password recipient, say) is a known
 *                  divergence: named in the line, not counted, so the gate catches new breakage;
 *   missing-stack  a stack named in --stacks is not installed, or no stack is installed at all;
 *   unexpected     any unexpected outcome: an invalid sample accepted, a valid one rejected or
 *                  recovered with other content (and crashes), or a produced message that cmsi
 *                  check calls valid or acceptable not accepted by another stack.
 */
import type { ResultRecord } from '../interop/records.ts';
import { knownDivergences, type KnownOf } from './known.ts';
import { buildModel } from './model.ts';

export const GATES = ['unexpected', 'crash', 'missing-stack'] as const;
export type Gate = (typeof GATES)[number];
export const DEFAULT_GATES: readonly Gate[] = ['crash', 'missing-stack'];

/** One line per failed gate, empty when every gate holds. */
export function gateFailures(records: readonly ResultRecord[], requested: readonly string[], gates: readonly Gate[], knownOf: KnownOf = knownDivergences()): string[] {
  const out: string[] = [];
  if (gates.includes('crash')) {
    const all = records.filter((r) => r.kind !== 'stack' && (r.verdict === 'crash' || r.verdict === 'hang' || (r.kind !== 'produce' && r.verdict === 'error')));
    const known = all.filter((r) => r.kind === 'consume' && r.verdict !== 'error' && knownOf(r) !== null);
    const broken = all.filter((r) => !known.includes(r));
    if (broken.length) {
      const what = (r: ResultRecord) => r.kind === 'consume' ? `${r.stack} consuming ${r.sample}` : r.kind === 'produce' ? `${r.stack} producing ${r.feature}` : r.kind === 'cross' ? `${r.consumer} consuming ${r.producer}'s ${r.feature}` : '';
      const verdict = (r: ResultRecord) => ('verdict' in r ? r.verdict : '');
      const aside = known.length ? ` (and ${known.length} known from expectations/<stack>.yaml, not counted)` : '';
      out.push(`crash: ${broken.length} records where a stack crashed, hung or its adapter failed, e.g. ${broken.slice(0, 3).map((r) => `${what(r)}: ${verdict(r)}`).join('; ')}${aside}`);
    }
  }
  if (gates.includes('missing-stack')) {
    const stacks = records.filter((r) => r.kind === 'stack');
    for (const name of requested) {
      const s = stacks.find((x) => x.stack === name);
      if (s && !s.installed) out.push(`missing-stack: ${name} is not installed (${s.reason ?? ''})`);
    }
    if (!stacks.some((s) => s.installed)) out.push('missing-stack: no stack is installed');
  }
  if (gates.includes('unexpected')) {
    const m = buildModel(records);
    const interopFailures = m.crossFailures.filter((f) => f.check?.verdict === 'valid' || f.check?.verdict === 'acceptable');
    // Known divergences count too (the gate is about the stacks, not about news), but the line tells them apart.
    const known = m.unexpected.filter((u) => u.known).length;
    if (m.unexpected.length) out.push(`unexpected: ${m.unexpected.length} unexpected consume outcomes, ${m.unexpected.length - known} new and ${known} known from expectations/<stack>.yaml (cmsi report lists them)`);
    if (interopFailures.length) out.push(`unexpected: ${interopFailures.length} produced messages that cmsi check accepts were not accepted by another stack`);
  }
  return out;
}
