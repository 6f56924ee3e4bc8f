/**
 * Runs `cmsi check` over many files at line rate: the files are read asynchronously, a bounded
 * window ahead of the one being reported, and checked either in this thread or on a pool of worker
 * threads (tinypool running cli/check-worker.ts: one catalog per worker, the threads kept for the
 * whole run); results come back in input order whatever order they finish in, each handed to
 * `onResult` as soon as it and all before it are done (the jsonl format prints it then), so
 * 100,000 files never sit in memory at once. The window bounds what is held: at most WINDOW_PER_JOB x jobs files read but not reported.
 */
import { close, fstat, open, read } from 'node:fs';
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
import { InputError } from './io.ts';
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
  readonly line?: string;
}

/** Checks one task's bytes (or streams its file) into an Outcome: what a worker or this thread does. */
export function checkTask(t: CheckTask, bytes: Uint8Array | 'stream', catalog: Catalog, lines: boolean): Outcome {
  const raw = bytes === 'stream' ? checkLargeFile(t.name, t.path, t.what, catalog, t.options) : checkBytes(t.name, bytes, { catalog, ...t.options });
  const result = t.sample ? { ...raw, expectation: judge(t.sample, raw) } : raw;
  return lines ? { result: { ...result, findings: [] }, line: formatJsonLine(result) } : { result };
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
 * The file's bytes, or 'stream' for a file above the task's streaming bound: open, fstat, read,
 * close with the callback API (about half the cost of fs/promises' stat and readFile per file).
 */
function readTask(t: CheckTask): Promise<Uint8Array | 'stream'> {
  if (t.bytes) return Promise.resolve(t.bytes);
  return new Promise((resolve, reject) => {
    const fail = (e: unknown) => reject(new InputError(`${t.path}: ${describeFsError(e)}`));
    open(t.path, 'r', (e, fd) => {
      if (e) return fail(e);
      const done = (err: unknown, value?: Uint8Array | 'stream') => close(fd, () => (err ? fail(err) : resolve(value!)));
      fstat(fd, (e2, st) => {
        if (e2) return done(e2);
        if (st.isDirectory()) return done(Object.assign(new Error('is a directory'), { code: 'EISDIR' }));
        if (st.isFile() && st.size > t.streamAbove) return done(null, 'stream');
        if (!st.isFile()) return close(fd, () => readUnsized(t).then(resolve, reject));
        const buf = new Uint8Array(st.size);
        const more = (at: number): void => {
          if (at >= buf.length) return done(null, buf);
          read(fd, buf, at, buf.length - at, at, (e3, n) => (e3 ? done(e3) : n === 0 ? done(null, buf.subarray(0, at)) : more(at + n)));
        };
        more(0);
      });
    });
  });
}

/** A pipe or device named as input: read to its end. */
async function readUnsized(t: CheckTask): Promise<Uint8Array> {
  const { readFile } = await import('node:fs/promises');
  try {
    return new Uint8Array(await readFile(t.path));
  } catch (e) {
    throw new InputError(`${t.path}: ${describeFsError(e)}`);
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

/** What the main thread sends a worker (cli/check-worker.ts) for one file. */
export interface WorkerRequest {
  readonly task: CheckTask;
  readonly bytes: Uint8Array | 'stream';
  readonly lines: boolean;
}

/** A worker's answer: the outcome, or the message of an input error (see cli/check-worker.ts). */
export type WorkerReply = { readonly outcome: Outcome; readonly inputError?: undefined } | { readonly inputError: string; readonly outcome?: undefined };

type Checker = (task: CheckTask, bytes: Uint8Array | 'stream') => Promise<Outcome>;

/** Checks every task; resolves when all results have been handed to onResult, in order. */
export async function runTasks(tasks: readonly CheckTask[], o: RunOptions): Promise<void> {
  const url = o.jobs > 1 && tasks.length >= POOL_MIN_FILES ? workerUrl() : null;
  const pool = url ? new WorkerPool(url, Math.min(o.jobs, tasks.length), o.lines) : null;
  const check: Checker = pool ? (t, bytes) => pool.check(t, bytes) : async (t, bytes) => checkTask(t, bytes, o.catalog, o.lines);
  const window = WINDOW_PER_JOB * Math.max(1, pool ? pool.size : 1);
  const pending = new Map<number, Promise<Outcome>>();
  let started = 0;
  const start = () => {
    // Read and check ahead, never more than `window` files past the one to report next.
    while (started < tasks.length && pending.size < window) {
      const i = started++;
      const t = tasks[i]!;
      const p = readTask(t).then((bytes) => check(t, bytes));
      p.catch(() => undefined); // awaited in order below; no unhandled rejection meanwhile
      pending.set(i, p);
    }
  };
  try {
    for (let next = 0; next < tasks.length; next++) {
      start();
      const r = await pending.get(next)!;
      pending.delete(next);
      await o.onResult(r, next);
    }
  } finally {
    await pool?.close();
  }
}

/**
 * Files sent ahead to each worker (tinypool's concurrentTasksPerWorker): the handler is
 * synchronous, so they wait in the worker's queue and it never idles for a round trip to the main
 * thread between two files.
 */
const PER_WORKER = 4;

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

  async check(task: CheckTask, bytes: Uint8Array | 'stream'): Promise<Outcome> {
    const request: WorkerRequest = { task: { ...task, bytes: undefined }, bytes, lines: this.lines };
    // The file's bytes move to the worker (no copy) when they own their buffer.
    const own = bytes !== 'stream' && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
    const reply = (await this.pool.run(request, own ? { transferList: [bytes.buffer as ArrayBuffer] } : {})) as WorkerReply;
    if (reply.inputError !== undefined) throw new InputError(reply.inputError);
    return reply.outcome;
  }

  close(): Promise<void> {
    return this.pool.destroy();
  }
}
