/**
 * Whether a run's records are all there: every installed stack consumed every corpus sample and
 * produced every feature it was asked for, and every produced message was consumed by every other
 * installed stack; and run.json says the run finished. Each gap is one line a report shows, so an
 * interrupted run is never read as a finished one with fewer failures.
 */
import type { ProduceRecord, ResultRecord, RunHeader, StackRecord } from './record-types.ts';

export function missingRecords(run: RunHeader | null, records: readonly ResultRecord[]): string[] {
  if (!run) return ['run.json is missing: the expected records are unknown'];
  const out: string[] = [];
  if (run.state !== 'finished') out.push(run.state === 'interrupted' ? 'the run was interrupted (cmsi interop --resume continues it)' : 'the run did not finish (killed, or still running; cmsi interop --resume continues it)');
  const installed = records.filter((r): r is StackRecord => r.kind === 'stack' && r.installed);
  for (const name of run.stacks) if (!records.some((r) => r.kind === 'stack' && r.stack === name)) out.push(`${name}: no stack record`);
  const count = (pred: (r: ResultRecord) => boolean) => records.filter(pred).length;
  const produced = records.filter((r): r is ProduceRecord => r.kind === 'produce' && r.verdict === 'produced');
  for (const s of installed) {
    // A submitted implementation consumed what its implementer ran and cross-verifies nothing here.
    if (s.source === 'submitted') {
      const made = count((r) => r.kind === 'produce' && r.stack === s.stack);
      if (made < s.produces.length) out.push(`${s.stack}: ${made} of ${s.produces.length} produce records`);
      continue;
    }
    const consumed = count((r) => r.kind === 'consume' && r.stack === s.stack);
    if (consumed < run.samples) out.push(`${s.stack}: ${consumed} of ${run.samples} consume records`);
    const made = count((r) => r.kind === 'produce' && r.stack === s.stack);
    if (made < s.produces.length) out.push(`${s.stack}: ${made} of ${s.produces.length} produce records`);
    const others = produced.filter((p) => p.stack !== s.stack);
    const crossed = count((r) => r.kind === 'cross' && r.consumer === s.stack && others.some((p) => p.stack === r.producer && p.feature === r.feature));
    if (crossed < others.length) out.push(`${s.stack}: consumed ${crossed} of the ${others.length} messages the other stacks produced`);
  }
  return out;
}
