/**
 * The interop run: every installed stack consumes every corpus sample it supports (valid and
 * invalid), produces every feature it can, and every produced message is checked by cmsi check and
 * consumed by every other stack. Records are appended as they come (interop/records.ts), stamped
 * with the run and its corpus, so a run killed midway resumes where it stopped; a resume that adds
 * stacks cross-verifies every new pair. Each stack works through its own queue (adapters with a
 * persistent process see one request at a time); up to `jobs` stacks run at once.
 *
 * An abort (the CLI's SIGINT/SIGTERM) stops scheduling, ends every process, agent and temporary
 * directory the stacks started (adapters/cleanup.ts) and records nothing more: a request cut short
 * by the interruption is not the stack's verdict. run.json then says `interrupted`.
 */
import type { Adapter } from '../adapters/adapter.ts';
import { cleanupAll } from '../adapters/cleanup.ts';
import { appendRecord, recordKey, RECORD_VERSION, writeRun, type ResultRecord, type RunHeader, type Stamp, type StackRecord, type Unstamped } from './records.ts';
import { lockResults } from './dir-lock.ts';
import { InteropRefusal, prepareRun, readCorpus, type Corpus, type ExistingResults } from './run-dir.ts';
import { consumeTask, crossTask, judgeSamples, prepareProducedDir, produceTask, type Produced, type TaskContext } from './tasks.ts';

export { InteropRefusal, lockResults, type ExistingResults };

export interface InteropOptions {
  /** The stacks of the run, in registry order (a resume must include the run's own). */
  readonly adapters: readonly Adapter[];
  readonly corpusDir: string;
  readonly outDir: string;
  /** What to do with results already in outDir: refuse to touch them, resume the run, replace it. */
  readonly existing: ExistingResults;
  readonly jobs: number;
  /** Per-message limit for in-process adapters (external programs have their own timeouts). */
  readonly timeoutMs?: number;
  readonly onProgress?: (done: number, total: number, label: string) => void;
  readonly onStack?: (record: StackRecord) => void;
  /** Aborting interrupts the run cleanly (see the module comment). */
  readonly signal?: AbortSignal;
}

export interface InteropResult {
  readonly run: RunHeader;
  /** Every record of the run, those of earlier invocations included. */
  readonly records: readonly ResultRecord[];
  readonly interrupted: boolean;
}

/** How long in-flight work may take to notice an abort before the run ends without it. */
const ABORT_GRACE_MS = 5_000;

/** Runs `tasks` per stack sequentially, up to `jobs` stacks at a time, until `stopped()`. */
async function perStack<T>(groups: Map<string, T[]>, jobs: number, stopped: () => boolean, run: (stack: string, task: T) => Promise<void>): Promise<void> {
  const queue = [...groups.entries()];
  const workers = Array.from({ length: Math.max(1, jobs) }, async () => {
    for (let g = queue.shift(); g && !stopped(); g = queue.shift()) {
      for (const t of g[1]) {
        if (stopped()) return;
        await run(g[0], t);
      }
    }
  });
  await Promise.all(workers);
}

export async function runInterop(o: InteropOptions): Promise<InteropResult> {
  const corpus = readCorpus(o.corpusDir);
  const dir = o.outDir;
  const lock = lockResults(dir, 'cmsi interop');
  try {
    return await runLocked(o, corpus, dir);
  } finally {
    lock.release();
  }
}

async function runLocked(o: InteropOptions, corpus: Corpus, dir: string): Promise<InteropResult> {
  let interrupted = false;
  let graceOver: () => void = () => undefined;
  const abortGrace = new Promise<void>((resolve) => { graceOver = resolve; });
  const onAbort = () => {
    interrupted = true;
    cleanupAll();
    setTimeout(graceOver, ABORT_GRACE_MS).unref();
  };
  /** A phase, cut short ABORT_GRACE_MS after an abort whatever its in-flight work still does. */
  const phase = (p: Promise<void>) => Promise.race([p, abortGrace]);

  const installed: { adapter: Adapter; version: string }[] = [];
  const probes = new Map<string, Unstamped<StackRecord>>();
  let run: RunHeader | null = null;
  let finished = false;
  const all = new Map<string, ResultRecord>();
  o.signal?.addEventListener('abort', onAbort, { once: true });
  if (o.signal?.aborted) onAbort();
  try {
    for (const a of o.adapters) {
      const p = await a.probe();
      probes.set(a.name, p.installed
        ? { kind: 'stack', stack: a.name, lineage: a.lineage, source: 'local', installed: true, version: p.version, produces: [...a.produces] }
        : { kind: 'stack', stack: a.name, lineage: a.lineage, source: 'local', installed: false, version: null, reason: p.reason.slice(0, 300), produces: [] });
      if (p.installed) installed.push({ adapter: a, version: p.version });
    }
    const prepared = prepareRun(dir, corpus, o.adapters.map((a) => a.name), o.existing);
    for (const r of prepared.records) all.set(recordKey(r), r);
    for (const [name, probe] of probes) {
      const before = all.get(`stack|${name}`);
      if (before?.kind === 'stack' && (before.installed !== probe.installed || before.version !== probe.version)) {
        throw new InteropRefusal(`cannot resume ${dir}: ${name} was ${before.installed ? `version ${before.version}` : 'not installed'} in this run and is ${probe.installed ? `version ${probe.version}` : 'not installed'} now; --force starts a new run`);
      }
    }
    run = prepared.run;
    writeRun(dir, run);
    const stamp: Stamp = { recordVersion: RECORD_VERSION, runId: run.runId, cmsi: run.cmsi, manifestSha256: run.manifestSha256, seed: run.seed };
    const emit = (r: Unstamped<ResultRecord>) => {
      const key = recordKey(r);
      if (interrupted || all.has(key)) return;
      const full = { ...stamp, ...r } as ResultRecord;
      all.set(key, full);
      appendRecord(dir, full);
    };
    for (const p of probes.values()) {
      emit(p);
      o.onStack?.({ ...stamp, ...p });
    }

    const ctx: TaskContext = { corpus, corpusDir: o.corpusDir, resultsDir: dir, timeoutMs: o.timeoutMs ?? 30_000, emit };
    const byName = new Map(installed.map((i) => [i.adapter.name, i]));
    const stopped = () => interrupted;
    const consumeTasks = new Map(installed.map((i) => [i.adapter.name, corpus.manifest.samples.filter((s) => !all.has(`consume|${i.adapter.name}|${s.id}`))]));
    // Cross tasks are known once the messages are made: until then, count every feature as made.
    const producible = installed.reduce((n, i) => n + i.adapter.produces.length, 0);
    let total = [...consumeTasks.values()].reduce((n, t) => n + t.length, 0) + producible + producible * Math.max(0, installed.length - 1);
    let count = 0;
    const tick = (label: string) => o.onProgress?.(++count, total, label);

    // cmsi check's judgement of each sample, for the consume records, before any stack runs: made
    // later, these synchronous checks would hold the event loop while stacks answer, and their
    // timeouts could fire first.
    judgeSamples(o.corpusDir, [...new Set([...consumeTasks.values()].flat())]);
    await phase(perStack(consumeTasks, o.jobs, stopped, async (stack, s) => {
      await consumeTask(ctx, byName.get(stack)!, s);
      tick(`${stack} ${s.id}`);
    }));

    // Produce (a feature produced in an earlier invocation is taken from disk), then cross-consume.
    const produced: Produced[] = [];
    if (!interrupted) prepareProducedDir(ctx);
    const produceTasks = new Map(installed.map((i) => [i.adapter.name, [...i.adapter.produces]]));
    await phase(perStack(produceTasks, o.jobs, stopped, async (stack, feature) => {
      const p = await produceTask(ctx, byName.get(stack)!, feature, all.get(`produce|${stack}|${feature}`));
      if (p) produced.push(p);
      tick(`${stack} produce ${feature}`);
    }));
    const crossTasks = new Map(installed.map((i) => [i.adapter.name, produced.filter((p) => p.stack !== i.adapter.name && !all.has(`cross|${p.stack}|${i.adapter.name}|${p.feature}`))]));
    total = count + [...crossTasks.values()].reduce((n, t) => n + t.length, 0);
    await phase(perStack(crossTasks, o.jobs, stopped, async (consumer, p) => {
      await crossTask(ctx, byName.get(consumer)!, p);
      tick(`${p.stack} -> ${consumer} ${p.feature}`);
    }));
    finished = !interrupted;
  } finally {
    o.signal?.removeEventListener('abort', onAbort);
    const closing = Promise.all(installed.map((i) => i.adapter.close().catch(() => undefined)));
    await Promise.race([closing, new Promise((resolve) => setTimeout(resolve, ABORT_GRACE_MS).unref())]);
    if (interrupted) cleanupAll();
    if (run) {
      run = { ...run, state: finished ? 'finished' : interrupted ? 'interrupted' : 'running' };
      writeRun(dir, run);
    }
  }
  return { run, records: [...all.values()], interrupted };
}
