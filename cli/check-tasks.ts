/**
 * Runs `cmsi check` over many files at line rate: the files are read asynchronously, a bounded
 * window ahead of the one being reported, and checked either in this thread or on a pool of worker
 * threads (cli/check-worker.ts, one catalog per worker, kept for the whole run); results come back
 * in input order whatever order they finish in, each handed to `onResult` as soon as it and all
 * before it are done (the jsonl format prints it then), so 100,000 files never sit in memory at
 * once. The window bounds what is held: at most WINDOW_PER_JOB x jobs files read but not reported.
 */
import { readFile, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Catalog } from '../core/catalog.ts';
import { describeFsError } from '../core/fs-errors.ts';
import { checkBytes, type CheckOptions } from '../checkers/engine.ts';
import type { FileResult } from '../checkers/finding.ts';
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
}

/** Files read ahead per job: enough to keep a worker busy while the next file is read. */
const WINDOW_PER_JOB = 8;
/** Below this many files a worker pool costs more to start than it saves. */
export const POOL_MIN_FILES = 8;

export interface RunOptions {
  readonly jobs: number;
  readonly catalog: Catalog;
  /** Called in input order; may return a promise (output back-pressure), awaited before the next. */
  readonly onResult: (r: FileResult, index: number) => void | Promise<void>;
}

/** The file's bytes, or 'stream' for a file above the task's streaming bound. */
async function readTask(t: CheckTask): Promise<Uint8Array | 'stream'> {
  if (t.bytes) return t.bytes;
  try {
    const s = await stat(t.path);
    if (s.isFile() && s.size > t.streamAbove) return 'stream';
    return new Uint8Array(await readFile(t.path));
  } catch (e) {
    throw new InputError(`${t.path}: ${describeFsError(e)}`);
  }
}

/** The worker script beside this module: the compiled .js, or the .ts source under tsx. */
function workerUrl(): URL | null {
  const js = new URL('./check-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(js))) return js;
  const ts = new URL('./check-worker.ts', import.meta.url);
  // From the sources, a worker can load TypeScript only when this process runs under tsx
  // (workers inherit its loader through execArgv); otherwise check in this thread.
  return existsSync(fileURLToPath(ts)) && process.execArgv.join(' ').includes('tsx') ? ts : null;
}

type Checker = (task: CheckTask, bytes: Uint8Array | 'stream') => Promise<FileResult>;

/** Checks every task; resolves when all results have been handed to onResult, in order. */
export async function runTasks(tasks: readonly CheckTask[], o: RunOptions): Promise<void> {
  const url = o.jobs > 1 && tasks.length >= POOL_MIN_FILES ? workerUrl() : null;
  const pool = url ? new WorkerPool(url, Math.min(o.jobs, tasks.length)) : null;
  const check: Checker = pool
    ? (t, bytes) => pool.check(t, bytes)
    : async (t, bytes) => (bytes === 'stream' ? checkLargeFile(t.name, t.path, t.what, o.catalog, t.options) : checkBytes(t.name, bytes, { catalog: o.catalog, ...t.options }));
  const window = WINDOW_PER_JOB * Math.max(1, pool ? pool.size : 1);
  const pending = new Map<number, Promise<FileResult>>();
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

interface Job { readonly resolve: (r: FileResult) => void; readonly reject: (e: unknown) => void }

/** A fixed set of worker threads, each checking one file at a time, kept for the whole run. */
class WorkerPool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: { task: CheckTask; bytes: Uint8Array | 'stream'; job: Job }[] = [];
  private readonly running = new Map<Worker, Job>();
  private failure: Error | null = null;

  constructor(url: URL, readonly size: number) {
    for (let i = 0; i < size; i++) {
      const w = new Worker(url);
      w.on('message', (m: { result?: FileResult; error?: string }) => {
        const job = this.running.get(w);
        this.running.delete(w);
        if (job) {
          if (m.result) job.resolve(m.result);
          else job.reject(new Error(m.error ?? 'worker failed'));
        }
        this.idle.push(w);
        this.pump();
      });
      w.on('error', (e) => this.fail(e));
      w.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`a check worker exited with code ${code}`));
      });
      this.workers.push(w);
      this.idle.push(w);
    }
  }

  check(task: CheckTask, bytes: Uint8Array | 'stream'): Promise<FileResult> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.queue.push({ task, bytes, job: { resolve, reject } });
      this.pump();
    });
  }

  private pump(): void {
    while (this.idle.length && this.queue.length) {
      const w = this.idle.pop()!;
      const { task, bytes, job } = this.queue.shift()!;
      this.running.set(w, job);
      if (bytes === 'stream') {
        w.postMessage({ name: task.name, path: task.path, what: task.what, options: task.options });
        continue;
      }
      // The file's bytes move to the worker (no copy) when they own their buffer.
      const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
      w.postMessage({ name: task.name, bytes, options: task.options }, own ? [bytes.buffer as ArrayBuffer] : []);
    }
  }

  private fail(e: Error): void {
    this.failure ??= e;
    for (const job of this.running.values()) job.reject(e);
    this.running.clear();
    for (const q of this.queue.splice(0)) q.job.reject(e);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
