/**
 * One writer per results directory. Two `cmsi run`s (or a run and a `cmsi interop`) writing the
 * same out/results each append their records under their own run id; the directory then holds
 * a mix that `cmsi report` refuses, and each run's own records are lost among the other's.
 *
 * The lock is a file, `.cmsi-lock` in the directory, made with O_EXCL and holding the writer's pid,
 * command and start time. A lock whose process is gone (a killed run) is stale and taken over;
 * a live one refuses the second writer with who holds it. Re-entrant within one process: `cmsi run`
 * takes it before it regenerates the corpus, and the interop phase it then starts takes it again.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { makeDirs } from '../core/make-dirs.ts';
import { InteropRefusal } from './run-dir.ts';

export const LOCK_FILE = '.cmsi-lock';

export interface DirLock {
  release(): void;
}

/** The lock was held by another live process. */
export class DirLocked extends Error {}

interface Holder {
  readonly pid: number;
  readonly command: string;
  readonly since: string;
}

const held = new Map<string, number>();

function readHolder(path: string): Holder | null {
  try {
    const h = JSON.parse(readFileSync(path, 'utf8')) as Partial<Holder>;
    return typeof h.pid === 'number' && Number.isInteger(h.pid) && h.pid > 0
      ? { pid: h.pid, command: String(h.command ?? '?'), since: String(h.since ?? '?') } : null;
  } catch {
    return null;
  }
}

/** Whether a process with this id exists (signal 0 only asks). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists and belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the lock of `dir` (which must exist) for `command`, or throws DirLocked naming the
 * process that holds it.
 */
export function lockDir(dir: string, command: string): DirLock {
  const path = join(dir, LOCK_FILE);
  const mine = held.get(path);
  if (mine !== undefined) {
    held.set(path, mine + 1);
    return { release: once(() => releasePath(path)) };
  }
  // Two tries: the second after removing a stale lock (or one that vanished meanwhile).
  for (let attempt = 0; attempt < 2; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, 'wx');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = readHolder(path);
      if (holder && holder.pid !== process.pid && processAlive(holder.pid)) {
        throw new DirLocked(`${dir} is being written by another cmsi (pid ${holder.pid}, ${holder.command}, since ${holder.since}): wait for it to end or stop it, or use another --out (if pid ${holder.pid} is not cmsi, remove ${path})`);
      }
      // A writer that died (or a lock file that is not ours to read): stale, taken over.
      rmSync(path, { force: true });
      continue;
    }
    try {
      // The wall clock only says since when the lock is held, for the message above; it is not output.
      writeSync(fd, `${JSON.stringify({ pid: process.pid, command, since: new Date().toISOString() })}\n`);
    } finally {
      closeSync(fd);
    }
    held.set(path, 1);
    return { release: once(() => releasePath(path)) };
  }
  throw new DirLocked(`${dir}: cannot take its lock ${LOCK_FILE} (it keeps reappearing)`);
}

function releasePath(path: string): void {
  const n = held.get(path) ?? 0;
  if (n > 1) {
    held.set(path, n - 1);
    return;
  }
  held.delete(path);
  rmSync(path, { force: true });
}

function once(f: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    f();
  };
}

/**
 * The lock of a results directory, made if missing, for cmsi run, interop and submit; an
 * InteropRefusal (exit 2 at the command line) when another live cmsi writes it.
 */
export function lockResults(dir: string, command: string): DirLock {
  // Not mkdirSync({ recursive: true }), which spins forever on an --out like /proc/x.
  const made = makeDirs(dir);
  if (!made.ok) throw new InteropRefusal(`cannot create the results directory ${made.path} (${made.code})`);
  try {
    return lockDir(dir, command);
  } catch (e) {
    if (e instanceof DirLocked) throw new InteropRefusal(e.message);
    throw e;
  }
}
