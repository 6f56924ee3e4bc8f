/** `cmsi interop`: runs the stacks against the corpus and each other, writing JSON lines results. */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ALL_ADAPTERS } from '../adapters/registry.ts';
import { holdsResults, readRecords, readRunHeader, type StackRecord } from '../interop/records.ts';
import { InteropRefusal, runInterop } from '../interop/run.ts';
import { DEFAULT_GATES, gateFailures, GATES, type Gate } from '../reports/gates.ts';
import { exitCodeOf, withInterruption } from './interrupt.ts';
import { progressOn } from './progress.ts';
import { UsageError } from './usage.ts';

export const INTEROP_HELP = `usage: cmsi interop [--stacks a,b,...] [--corpus DIR] [--out DIR] [--jobs N] [--resume | --force]
                    [--fail-on LIST]

Every installed stack consumes every corpus sample it supports (valid and invalid), produces every
feature it can with the cast's keys; each produced message is checked by cmsi check and consumed
by every other stack. Results go under --out (default out/results): run.json (the run: its id, the
corpus's manifest SHA-256 and seed, the stacks, finished or not) and stacks.jsonl, consume.jsonl,
produce.jsonl, cross.jsonl, one record per stack x sample x role, appended as they come, each
stamped with the run and the corpus (schema: docs/results-schema-v1.json). Stacks that are not
installed are reported once. Then: cmsi report --results DIR.

A directory that holds results is never overwritten silently: --resume continues its run (the
same corpus and cmsi only; --stacks then adds stacks, and every new pair is cross-verified),
--force replaces it. One cmsi writes a directory at a time: while a run or interop holds its
lock (DIR/.cmsi-lock, with the pid), a second is refused; the lock of a run that was killed is
taken over. Ctrl-C (SIGINT) or SIGTERM ends the stacks' processes, gpg-agents and
temporary directories, keeps the records so far and prints how to resume.

  --stacks LIST   comma-separated subset (default: all, or on --resume the run's own):
                  ${ALL_ADAPTERS.map((a) => a.name).join(', ')}
  --corpus DIR    the corpus (default corpus)
  --jobs N        stacks run at once (default 2); each stack sees one message at a time
  --fail-on LIST  what makes the exit code 1 (default ${DEFAULT_GATES.join(',')}; "none" for nothing):
                  crash          a stack crashed or hung, or an adapter broke
                  missing-stack  a stack named in --stacks is not installed (or none is)
                  unexpected     an unexpected outcome (invalid accepted, valid rejected, wrong
                                 content, a valid produced message another stack did not accept)

Exit codes: 0 the run finished and no --fail-on condition holds; 1 one holds (each is printed);
2 usage error or refusal (results of another corpus or cmsi, results in --out without --resume or
--force, another cmsi writing --out, a damaged corpus or results); 130 / 143 interrupted by SIGINT / SIGTERM (--resume continues).`;

function parseGates(text: string): Gate[] {
  if (text === 'none') return [];
  const gates = text.split(',').map((g) => g.trim()).filter(Boolean);
  const bad = gates.filter((g) => !(GATES as readonly string[]).includes(g));
  if (bad.length) throw new UsageError(`--fail-on takes ${GATES.join(', ')} or none, got "${bad.join(', ')}"`);
  return gates as Gate[];
}

export async function interopCommand(argv: readonly string[]): Promise<number> {
  const { values } = parseArgs({ args: [...argv], strict: true, options: {
    stacks: { type: 'string' }, corpus: { type: 'string', default: 'corpus' }, out: { type: 'string', default: 'out/results' },
    jobs: { type: 'string', default: '2' }, resume: { type: 'boolean' }, force: { type: 'boolean' }, 'fail-on': { type: 'string', default: DEFAULT_GATES.join(',') },
    help: { type: 'boolean', short: 'h' },
  } });
  if (values.help) {
    console.log(INTEROP_HELP);
    return 0;
  }
  const jobs = Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 16) throw new UsageError(`--jobs must be an integer 1-16, got "${values.jobs}"`);
  if (values.resume && values.force) throw new UsageError('--resume continues a run, --force replaces it: not both');
  const gates = parseGates(values['fail-on']!);
  const named = values.stacks ? values.stacks.split(',').map((s) => s.trim()).filter(Boolean) : [];
  const unknown = named.filter((w) => !ALL_ADAPTERS.some((a) => a.name === w));
  if (unknown.length) throw new UsageError(`unknown stack ${unknown.join(', ')} (have: ${ALL_ADAPTERS.map((a) => a.name).join(', ')})`);
  const out = resolve(values.out!);
  // A resume continues the run's own stacks, plus any named; otherwise the named ones, or all.
  const previous = values.resume ? readRunHeader(out) : null;
  const submitted = new Set(previous ? readRecords(out).filter((r) => r.kind === 'stack' && r.source === 'submitted').map((r) => (r.kind === 'stack' ? r.stack : '')) : []);
  const strange = previous?.stacks.filter((s) => !ALL_ADAPTERS.some((a) => a.name === s) && !submitted.has(s)) ?? [];
  if (strange.length) throw new UsageError(`the run in ${values.out} has stacks this cmsi does not know: ${strange.join(', ')}`);
  const wanted = previous ? [...previous.stacks, ...named] : named.length ? named : ALL_ADAPTERS.map((a) => a.name);
  const adapters = ALL_ADAPTERS.filter((a) => wanted.includes(a.name));
  const existing = values.resume ? 'resume' : values.force ? 'replace' : 'refuse';
  if (existing === 'refuse' && holdsResults(out)) {
    // Said before any stack starts; runInterop refuses it too, for other callers.
    const run = readRunHeader(out);
    throw new UsageError(`${values.out} already holds ${run ? `run ${run.runId} (${run.state}, corpus seed ${run.seed})` : 'results'}: --resume continues it (or adds stacks to it), --force replaces it`);
  }

  const progress = progressOn(process.stderr);
  const started = performance.now();
  let outcome;
  try {
    outcome = await withInterruption('cmsi interop', (signal) => runInterop({
      adapters, corpusDir: resolve(values.corpus!), outDir: out, existing, jobs, signal,
      onStack: (r: StackRecord) => process.stderr.write(r.installed ? `stack ${r.stack} ${r.version} (${r.lineage})\n` : `stack ${r.stack}: not installed (${r.reason})\n`),
      onProgress: progress.update,
    }));
  } catch (e) {
    if (e instanceof InteropRefusal) throw new UsageError(e.message);
    throw e;
  } finally {
    progress.end();
  }
  const { value: result, signal } = outcome;
  const consume = result.records.filter((r) => r.kind === 'consume').length;
  const cross = result.records.filter((r) => r.kind === 'cross').length;
  const resumeHint = `cmsi interop --resume --out ${values.out} --corpus ${values.corpus}`;
  if (result.interrupted) {
    process.stderr.write(`cmsi interop: interrupted${signal ? ` by ${signal}` : ''}: ${consume} consume and ${cross} cross-verification records kept in ${values.out}; the stacks' processes and temporary directories are gone.\nresume with: ${resumeHint}\n`);
    return signal ? exitCodeOf(signal) : 130;
  }
  console.log(`interop: run ${result.run.runId}: ${consume} consume, ${cross} cross-verification records in ${values.out} (${Math.round((performance.now() - started) / 1000)} s)`);
  const failures = gateFailures(result.records, named, gates);
  for (const f of failures) console.error(`cmsi interop: --fail-on ${f}`);
  return failures.length ? 1 : 0;
}
