/**
 * `cmsi diff RESULTS_A RESULTS_B`: what changed from run A to run B (reports/diff.ts); exit 1 when
 * something got worse, so it can gate a CI job.
 */
import { parseArgs } from 'node:util';
import { loadCatalog } from '../core/catalog.ts';
import { loadResults } from '../interop/records.ts';
import { diffRuns, renderDiffMarkdown } from '../reports/diff.ts';
import { knownDivergences } from '../reports/known.ts';
import type { ConsumeRecord } from '../interop/records.ts';
import { UsageError } from './usage.ts';

export const DIFF_HELP = `usage: cmsi diff RESULTS_A RESULTS_B [--format md|json] [--ignore-known]

What changed from run A to run B (two results directories of cmsi interop / cmsi submit): stack
versions, consume outcomes per stack and sample, cross-verifications per pair and feature, produced
messages and cmsi check's verdict on them, the readiness of every requirement; each marked worse,
better or neutral. --ignore-known leaves out the consume changes on a divergence known for the
stack: a sample whose outcome in run A or in run B an entry of expectations/<stack>.yaml gives
(sample id or flag, that outcome, the stack's version within the entry's bounds).

Exit codes: 0 nothing got worse; 1 something did (crashes, hangs, outcomes that were right and
are not, cross-verifications lost, requirements that fell back); 2 usage or unreadable results.`;

export function diffCommand(argv: readonly string[]): number {
  const { values, positionals } = parseArgs({ args: [...argv], strict: true, allowPositionals: true, options: {
    format: { type: 'string', default: 'md' }, 'ignore-known': { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
  } });
  if (values.help) {
    console.log(DIFF_HELP);
    return 0;
  }
  if (positionals.length !== 2) throw new UsageError('cmsi diff takes two results directories');
  if (values.format !== 'md' && values.format !== 'json') throw new UsageError(`--format must be md or json, got "${values.format}"`);
  const [a, b] = positionals.map((dir) => {
    const loaded = loadResults(dir);
    const refusal = loaded.problems.find((p) => p.severity === 'refuse');
    if (refusal) throw new UsageError(`${dir}: ${refusal.message}`);
    return loaded.records;
  }) as [ReturnType<typeof loadResults>['records'], ReturnType<typeof loadResults>['records']];
  const knownOf = knownDivergences();
  const knownIn = (rs: typeof a) => rs.filter((r): r is ConsumeRecord => r.kind === 'consume' && knownOf(r) !== null).map((r) => `${r.stack}|${r.sample}`);
  const known = new Set(values['ignore-known'] ? [...knownIn(a), ...knownIn(b)] : []);
  const changes = diffRuns(a, b, loadCatalog().entries, known);
  process.stdout.write(values.format === 'json' ? `${JSON.stringify({ version: 1, changes }, null, 2)}\n` : renderDiffMarkdown(changes));
  return changes.some((c) => c.direction === 'worse') ? 1 : 0;
}
