/** `cmsi interop`: runs the stacks against the corpus and each other, writing JSON lines results. */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ALL_ADAPTERS } from '../adapters/registry.ts';
import { runInterop } from '../interop/run.ts';
import type { ResultRecord } from '../interop/records.ts';
import { UsageError } from './usage.ts';

export const INTEROP_HELP = `usage: cmsi interop [--stacks a,b,...] [--corpus DIR] [--out DIR] [--jobs N] [--resume]

Every installed stack consumes every corpus sample it supports (valid and invalid), produces every
feature it can with the cast's keys; each produced message is checked by cmsi check and consumed
by every other stack. Results are JSON lines under --out (default out/results): stacks.jsonl,
consume.jsonl, produce.jsonl, cross.jsonl, one record per stack x sample x role, appended as they
come. --resume continues an interrupted run where it stopped. Stacks that are not installed are
reported once. Then: cmsi report --results DIR.

  --stacks LIST   comma-separated subset (default: all): ${ALL_ADAPTERS.map((a) => a.name).join(', ')}
  --corpus DIR    the corpus (default corpus)
  --jobs N        stacks run at once (default 2); each stack sees one message at a time`;

export async function interopCommand(argv: readonly string[]): Promise<number> {
  const { values } = parseArgs({ args: [...argv], strict: true, options: {
    stacks: { type: 'string' }, corpus: { type: 'string', default: 'corpus' }, out: { type: 'string', default: 'out/results' },
    jobs: { type: 'string', default: '2' }, resume: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
  } });
  if (values.help) {
    console.log(INTEROP_HELP);
    return 0;
  }
  const jobs = Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 16) throw new UsageError(`--jobs must be an integer 1-16, got "${values.jobs}"`);
  const wanted = values.stacks ? values.stacks.split(',').map((s) => s.trim()).filter(Boolean) : ALL_ADAPTERS.map((a) => a.name);
  const unknown = wanted.filter((w) => !ALL_ADAPTERS.some((a) => a.name === w));
  if (unknown.length) throw new UsageError(`unknown stack ${unknown.join(', ')} (have: ${ALL_ADAPTERS.map((a) => a.name).join(', ')})`);
  const adapters = ALL_ADAPTERS.filter((a) => wanted.includes(a.name));
  const tty = process.stderr.isTTY;
  let lastPct = -1;
  const started = performance.now();
  const records = await runInterop({
    adapters, corpusDir: resolve(values.corpus!), outDir: resolve(values.out!), resume: !!values.resume, jobs,
    onStack: (r: ResultRecord) => {
      if (r.kind === 'stack') process.stderr.write(r.installed ? `stack ${r.stack} ${r.version} (${r.lineage})\n` : `stack ${r.stack}: not installed (${r.reason})\n`);
    },
    onProgress: (done, total, label) => {
      const pct = Math.floor((100 * done) / Math.max(total, 1));
      if (tty) {
        const width = 30;
        const bar = '#'.repeat(Math.round((width * done) / Math.max(total, 1))).padEnd(width, '.');
        process.stderr.write(`\r[${bar}] ${done}/${total} ${label.slice(0, 50).padEnd(50)}`);
      } else if (pct >= lastPct + 10 || done === total) {
        lastPct = pct;
        process.stderr.write(`progress ${done}/${total} (${pct}%)\n`);
      }
    },
  });
  if (tty) process.stderr.write('\n');
  const consume = records.filter((r) => r.kind === 'consume').length;
  const cross = records.filter((r) => r.kind === 'cross').length;
  console.log(`interop: ${consume} consume, ${cross} cross-verification records in ${values.out} (${Math.round((performance.now() - started) / 1000)} s)`);
  return 0;
}
