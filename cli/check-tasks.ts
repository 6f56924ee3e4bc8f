/**
 * Runs `cmsi check` over many files at line rate: the files are read and checked a bounded window
 * ahead of the one being reported, either in this thread or on a pool of worker
 * threads (tinypool running cli/check-worker.ts: one catalog per worker, the threads kept for the
 * whole run); results come back in input order whatever order they finish in, each handed to
 * `onResult` as soon as it and all before it are done (the jsonl format prints it then), so
 * 100,000 files never sit in memory at once. The window bounds what is held: at most WINDOW_PER_JOB x jobs files read but not reported.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Tinypool from 'tinypool';
import type { Catalog } from '../core/catalog.ts';
import { describeFsError } from '../core/fs-errors.ts';
import { checkBytes, type CheckOptions } from '../checkers/engine.ts';
import type { FileResult } from '../checkers/finding.ts';
import { judge } from '../checkers/expectation.ts';
import { formatJsonLine } from '../checkers/format/json.ts';
import type { Sample } from '../core/manifest.ts';
import { decide } from '../checkers/verdict.ts';
import type { LimitHit } from '../checkers/finding.ts';
import { DEFAULT_MAX_INPUT, InputError, InputTooLarge, mib, readBounded } from './io.ts';
import { checkLargeFile } from './check-file.ts';

/** CheckOptions that can cross to a worker thread (structured clone): all but the catalog and callbacks. */
export type PortableOptions = Omit<CheckOptions, 'catalog' | 'onRecovered'>;

export interface CheckTask {
  /** The name in reports. */
  readonly name: string;
  /** The file to read, unless `bytes` are given (stdin, read before). */
  readonly path: string;
  readonly bytes?: Uint8Array;
  /** What the I/O error names when the file cannot be read ("sample X", "file"). */
  readonly what: string;
  readonly options: PortableOptions;
  /** Files larger than this many octets are streamed (cli/check-file.ts), not read ahead. */
  readonly streamAbove: number;
  /** How much of a pipe or device is read (--max-input; default DEFAULT_MAX_INPUT). */
  readonly maxInput?: number;
  /** stdin gave more than maxInput when it was read: the task's result is that limit. */
  readonly oversized?: true;
  /** With a manifest: the sample, whose expectation the result is judged against where it is checked. */
  readonly sample?: Pick<Sample, 'id' | 'expected' | 'requirements' | 'limit'>;
}

/**
 * A checked file: its result (judged when the task has a sample), and in jsonl mode its line,
 * made where it was checked (a worker), with the result then stripped of its findings: only the
 * verdict and expectation cross back, which is what the exit code and the summary need.
 */
export interface Outcome {
  readonly result: FileResult;
  /** The jsonl line's UTF-8 bytes. */
  readonly line?: Uint8Array;
}

/** What a task's file gave: its bytes, 'stream' (a large regular file), or more than --max-input of a pipe. */
export type TaskInput = Uint8Array | 'stream' | TooLarge;
export interface TooLarge {
  readonly tooLarge: number;
}

/**
 * The result of a message not read to its end: a pipe, device or stdin that gave more than
 * --max-input. A limit, never a verdict on a message nobody read.
 */
export function tooLargeResult(name: string, max: number): FileResult {
  const limit: LimitHit = {
    limit: 'input-size', value: max, flag: '--max-input', offset: max,
    message: `more than ${mib(max)} from a pipe, a device or stdin (read whole, unlike a large regular file)`,
  };
  const d = decide([], limit);
  return { file: name, verdict: d.verdict, origin: 'der', findings: [], layers: d.layers, reason: d.reason, limit };
}

/** Checks one task's bytes (or streams its file) into an Outcome: what a worker or this thread does. */
export function checkTask(t: CheckTask, bytes: TaskInput, catalog: Catalog, lines: boolean): Outcome {
  const raw = bytes === 'stream' ? checkLargeFile(t.name, t.path, t.what, catalog, t.options)
    : bytes instanceof Uint8Array ? checkBytes(t.name, bytes, { catalog, ...t.options }) : tooLargeResult(t.name, bytes.tooLarge);
  const result = t.sample ? { ...raw, expectation: judge(t.sample, raw) } : raw;
  // The line is made UTF-8 at once: as text it is a rope of a few hundred pieces, and a window of
  // them kept until their turn survived into the old generation (garbage collection was a sixth
  // of a run over small messages; as bytes it sits outside the JS heap).
  return lines ? { result: { ...result, findings: [] }, line: Buffer.from(formatJsonLine(result)) } : { result };
}

/** Files read ahead per job: enough to keep a worker busy while the next file is read. */
const WINDOW_PER_JOB = 16;
/** Below this many files a worker pool costs more to start than it saves. */
export const POOL_MIN_FILES = 8;

export interface RunOptions {
  readonly jobs: number;
  readonly catalog: Catalog;
  /** jsonl: each outcome carries its line, made where the file was checked. */
  readonly lines: boolean;
  /** Called in input order; may return a promise (output back-pressure), awaited before the next. */
  readonly onResult: (o: Outcome, index: number) => void | Promise<void>;
}

/**
 * The file's bytes, or 'stream' for a file above the task's streaming bound, read synchronously
 * where the file is checked. Reading ahead happens one level up: each worker reads its batch while
 * the other workers and the main thread go on, never more than runTasks's window ahead. In one
 * thread, a small file's open, fstat, read and close take about 5 us as syscalls against about
 * 130 us as callbacks through libuv's thread pool on two cores (measured over 4,000 files of 1.7
 * KB: 2.1 s against 2.7 s for the whole run), so the callback API was a loss, not an overlap.
 */
export function readTaskSync(t: CheckTask): TaskInput {
  const max = t.maxInput ?? DEFAULT_MAX_INPUT;
  if (t.oversized) return { tooLarge: max };
  if (t.bytes) return t.bytes;
  let fd: number | undefined;
  try {
    fd = openSync(t.path, 'r');
    const st = fstatSync(fd);
    if (st.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    if (st.isFile() && st.size > t.streamAbove) return 'stream';
    // A FIFO or a device (/dev/zero): read to its end, bounded.
    if (!st.isFile()) return readBounded(fd, t.path, max);
    const buf = new Uint8Array(st.size);
    let at = 0;
    while (at < buf.length) {
      const n = readSync(fd, buf, at, buf.length - at, at);
      if (n === 0) return buf.subarray(0, at);
      at += n;
    }
    return buf;
  } catch (e) {
    if (e instanceof InputTooLarge) return { tooLarge: max };
    throw new InputError(`${t.path}: ${describeFsError(e)}`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The worker script beside this module: the compiled .js, or under tsx the sources' bootstrap. */
function workerUrl(): URL | null {
  const js = new URL('./check-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(js))) return js;
  // From the sources, only when this process runs under tsx (development): the bootstrap
  // registers tsx's hooks in the worker, which does not inherit them; else check in this thread.
  const dev = new URL('./check-worker-dev.mjs', import.meta.url);
  return existsSync(fileURLToPath(dev)) && process.execArgv.join(' ').includes('tsx') ? dev : null;
}

/**
 * What the main thread sends a worker (cli/check-worker.ts): a batch of consecutive files, by
 * path (the worker reads them; stdin's bytes, read before, travel with their task). One message
 * per batch, not per file: tinypool's own cost per task (a message each way, a memoryUsage() call
 * in the worker) was a tenth of a small SignedData's check.
 */
export interface WorkerRequest {
  readonly tasks: readonly CheckTask[];
  readonly lines: boolean;
}

/**
 * One file of a batch: its outcome (in jsonl mode without the line: the batch's lines come as one
 * UTF-8 buffer, this file's ending at lineEnd), the message of an input error (an Error thrown
 * across the thread boundary arrives without its class), or any other error, to be thrown when
 * this file's turn comes. A batch stops at its first error: the files after it are not reported.
 */
export type WorkerItem =
  | { readonly result: FileResult; readonly lineEnd?: number; readonly inputError?: undefined; readonly error?: undefined }
  | { readonly inputError: string; readonly result?: undefined; readonly error?: undefined }
  | { readonly error: unknown; readonly result?: undefined; readonly inputError?: undefined };

export interface WorkerReply {
  readonly items: readonly WorkerItem[];
  /** jsonl mode: the lines of the batch's checked files, one after another, moved (not copied) here. */
  readonly lines?: Uint8Array;
}

/** Checks a batch where a worker runs (cli/check-worker.ts): reads, checks and writes the lines. */
export function checkBatch(m: WorkerRequest, catalog: Catalog): { reply: WorkerReply; transfer: ArrayBuffer[] } {
  const items: WorkerItem[] = [];
  const lines = new LineBuffer();
  for (const t of m.tasks) {
    try {
      const o = checkTask(t, readTaskSync(t), catalog, m.lines);
      items.push(o.line === undefined ? { result: o.result } : { result: o.result, lineEnd: lines.append(o.line) });
    } catch (e) {
      items.push(e instanceof InputError ? { inputError: e.message } : { error: e });
      break;
    }
  }
  if (!m.lines) return { reply: { items }, transfer: [] };
  const bytes = lines.take();
  return { reply: { items, lines: bytes }, transfer: [bytes.buffer as ArrayBuffer] };
}

/**
 * The lines of a batch, one after another in a buffer of its own (not Buffer's shared pool, so
 * that it can move to the main thread), grown by doubling.
 */
class LineBuffer {
  private bytes = new Uint8Array(new ArrayBuffer(1 << 16));
  private at = 0;

  /** Appends a line; returns where it ends. */
  append(line: Uint8Array): number {
    if (this.at + line.length > this.bytes.length) {
      const grown = new Uint8Array(new ArrayBuffer(Math.max(2 * this.bytes.length, this.at + line.length)));
      grown.set(this.bytes.subarray(0, this.at));
      this.bytes = grown;
    }
    this.bytes.set(line, this.at);
    return (this.at += line.length);
  }

  take(): Uint8Array {
    return this.bytes.subarray(0, this.at);
  }
}

/**
 * Checks every task; resolves when all results have been handed to onResult, in order. --jobs N
 * is N threads that check: this one and N - 1 workers. This thread has the checker loaded already
 * and starts at once, alone until the workers have started (each loads the modules and the catalog,
 * about 0.15 s of CPU here); on 2 cores, a third thread that only handed out work and printed was
 * idle 85 % of the time, and the pool's start was paid on the same cores.
 */
export async function runTasks(tasks: readonly CheckTask[], o: RunOptions): Promise<void> {
  const workers = Math.min(o.jobs, tasks.length) - 1;
  const url = workers >= 1 && tasks.length >= POOL_MIN_FILES ? workerUrl() : null;
  if (!url) return runHere(tasks, o);
  const pool = new WorkerPool(url, workers, o.lines);
  const threads = 1 + pool.size;
  // Batches small enough that every thread gets several (a short run stays spread over all).
  const batch = Math.max(1, Math.min(BATCH, Math.floor(tasks.length / (threads * PER_WORKER))));
  const window = Math.max(WINDOW_PER_JOB, batch * PER_WORKER) * threads;
  const pending = new Map<number, Promise<Outcome>>();
  let started = 0;
  let hereBusy = false;
  let poolReady = false;
  let wake: (() => void) | null = null;
  const start = () => {
    // Read and check ahead, never more than `window` files past the one to report next: a batch
    // here when this thread is free (one at a time, so that the workers' replies are taken and
    // printed between two), else on the pool while a worker has room in its queue.
    while (started < tasks.length && pending.size < window) {
      const toPool = hereBusy && poolReady && pool.queued < pool.size * PER_WORKER;
      if (hereBusy && !toPool) break;
      const from = started;
      const to = Math.min(tasks.length, from + batch);
      started = to;
      const slice = tasks.slice(from, to);
      let outcomes: Promise<Outcome>[];
      if (toPool) outcomes = pool.check(slice, start);
      else {
        hereBusy = true;
        outcomes = checkHere(slice, o, () => {
          hereBusy = false;
          start();
        });
      }
      outcomes.forEach((p, k) => {
        p.catch(() => undefined); // awaited in order below; no unhandled rejection meanwhile
        pending.set(from + k, p);
      });
      wake?.();
    }
  };
  const ready = pool.ready().then(() => {
    poolReady = true;
    start();
  });
  ready.catch(() => undefined);
  try {
    for (let next = 0; next < tasks.length; next++) {
      start();
      // Not handed out yet (this thread busy, the pool full or still starting): wait for a turn.
      while (!pending.has(next)) await Promise.race([new Promise<void>((r) => (wake = r)), ready.then(() => new Promise<void>(() => undefined))]);
      wake = null;
      const r = await pending.get(next)!;
      pending.delete(next);
      await o.onResult(r, next);
    }
  } finally {
    await pool.close();
  }
}

/** Without a pool: one file at a time in this thread, a window of them ahead. */
async function runHere(tasks: readonly CheckTask[], o: RunOptions): Promise<void> {
  const pending = new Map<number, Promise<Outcome>>();
  let started = 0;
  for (let next = 0; next < tasks.length; next++) {
    while (started < tasks.length && pending.size < WINDOW_PER_JOB) {
      const t = tasks[started]!;
      const p = Promise.resolve().then(() => checkTask(t, readTaskSync(t), o.catalog, o.lines));
      p.catch(() => undefined);
      pending.set(started++, p);
    }
    const r = await pending.get(next)!;
    pending.delete(next);
    await o.onResult(r, next);
  }
}

/**
 * A batch checked in this thread, in its own turn of the event loop (setImmediate): one promise
 * per task, then `done`. The batch stops at its first error, as a worker's does.
 */
function checkHere(slice: readonly CheckTask[], o: RunOptions, done: () => void): Promise<Outcome>[] {
  type Done = { ok: Outcome } | { error: unknown };
  const all = new Promise<Done[]>((resolve) => setImmediate(() => {
    const out: Done[] = [];
    for (const t of slice) {
      try {
        out.push({ ok: checkTask(t, readTaskSync(t), o.catalog, o.lines) });
      } catch (e) {
        out.push({ error: e });
        break;
      }
    }
    resolve(out);
    done();
  }));
  return slice.map((_, k) => all.then((out) => {
    const d = out[k] ?? out[out.length - 1]!; // after an error: that error (never awaited)
    if ('error' in d) throw d.error;
    return d.ok;
  }));
}

/**
 * Batches sent ahead to each worker (tinypool's concurrentTasksPerWorker): the handler is
 * synchronous, so they wait in the worker's queue and it never idles for a round trip to the main
 * thread between two batches.
 */
const PER_WORKER = 4;
/** Files per worker message (fewer in a short run): 16 small files are about 5 ms of checking. */
const BATCH = 16;

/**
 * A fixed set of worker threads kept for the whole run, on tinypool (a fork of piscina without
 * its optional native dependency, and no other dependency of its own). Results keep input order
 * through runTasks's window, not through the pool, which may answer in any order.
 */
class WorkerPool {
  private readonly pool: Tinypool;

  constructor(url: URL, readonly size: number, private readonly lines: boolean) {
    this.pool = new Tinypool({ filename: url.href, minThreads: size, maxThreads: size, concurrentTasksPerWorker: PER_WORKER });
  }

  /** Batches sent and not yet answered. */
  queued = 0;

  /**
   * Resolves when every worker has answered an empty batch, i.e. has loaded the checker and the
   * catalog (sent at once, one per worker: tinypool gives an idle worker the next task). Rejects
   * when a worker cannot start.
   */
  ready(): Promise<void> {
    const empty: WorkerRequest = { tasks: [], lines: this.lines };
    return Promise.all(Array.from({ length: this.size }, () => this.pool.run(empty))).then(() => undefined);
  }

  /** One promise per task of the batch, in its order; `answered` is called when the batch's reply is in. */
  check(tasks: readonly CheckTask[], answered: () => void): Promise<Outcome>[] {
    const request: WorkerRequest = { tasks, lines: this.lines };
    this.queued++;
    // stdin's bytes move to the worker (no copy) when they own their buffer.
    const transferList = tasks.flatMap((t) => (t.bytes && t.bytes.byteOffset === 0 && t.bytes.byteLength === t.bytes.buffer.byteLength && t.bytes.buffer instanceof ArrayBuffer ? [t.bytes.buffer] : []));
    const reply = (this.pool.run(request, transferList.length ? { transferList } : {}) as Promise<WorkerReply>).finally(() => {
      this.queued--;
      answered();
    });
    return tasks.map((_, k) => reply.then((r) => outcomeOf(r, k)));
  }

  close(): Promise<void> {
    return this.pool.destroy();
  }
}

/** The k-th outcome of a batch's reply, or its error (an input error as the InputError it is). */
function outcomeOf(r: WorkerReply, k: number): Outcome {
  const item = r.items[k];
  // A batch that stopped at an error has no items after it; their turn never comes (runTasks
  // throws at the error first).
  if (item === undefined) throw new Error(`internal: no outcome for file ${k} of a batch`);
  if (item.inputError !== undefined) throw new InputError(item.inputError);
  if (item.result === undefined) throw item.error;
  if (item.lineEnd === undefined || !r.lines) return { result: item.result };
  const begin = k === 0 ? 0 : (r.items[k - 1] as { lineEnd: number }).lineEnd;
  return { result: item.result, line: r.lines.subarray(begin, item.lineEnd) };
}
