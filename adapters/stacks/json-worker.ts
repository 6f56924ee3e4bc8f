/**
 * A long-running helper process spoken to in JSON lines: one request per line on its stdin, one
 * answer per line on its stdout, matched by "id". Started on first use (no shell). A request that
 * gets no answer in time kills the process and yields `timeout`; a process that dies yields `died`
 * for every request in flight. Either way the next request starts a fresh process. The process
 * runs in its own session (a terminal's Ctrl-C reaches cmsi, which ends it: adapters/cleanup.ts).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { MESSAGE_TIMEOUT_MS } from '../budget.ts';
import { onCleanup } from '../cleanup.ts';
import { deadline, type Deadline } from '../deadline.ts';

export type WorkerReply =
  | { readonly kind: 'answer'; readonly body: Record<string, unknown> }
  | { readonly kind: 'died'; readonly how: string; readonly stderr: string }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'spawn-error'; readonly message: string };

interface Pending {
  readonly resolve: (r: WorkerReply) => void;
  readonly timer: Deadline;
}

/** One process and the requests in flight on it: a late death of a killed process touches only its own. */
class Session {
  readonly pending = new Map<number, Pending>();
  private buffer = '';
  private stderr = '';
  dead = false;

  constructor(readonly proc: ChildProcessWithoutNullStreams) {
    proc.stdout.setEncoding('utf8');
    proc.stdout.on('data', (chunk: string) => this.onData(chunk));
    proc.stderr.setEncoding('utf8');
    proc.stderr.on('data', (chunk: string) => { this.stderr = (this.stderr + chunk).slice(-4000); });
    proc.stdin.on('error', () => { /* EPIPE after a death: reported through 'exit' */ });
    const release = onCleanup(`${proc.spawnfile} worker (pid ${proc.pid})`, () => proc.kill('SIGKILL'));
    proc.on('error', (e) => {
      release();
      this.failAll({ kind: 'spawn-error', message: e.message });
    });
    proc.on('exit', (code, signal) => {
      release();
      this.failAll({ kind: 'died', how: signal ?? `exit ${code}`, stderr: this.stderr.trim() });
    });
    // A forgotten close() must not keep Node alive; requests in flight hold their own timers.
    proc.unref();
    for (const s of [proc.stdin, proc.stdout, proc.stderr] as unknown as { unref?: () => void }[]) s.unref?.();
  }

  private onData(chunk: string): void {
    this.buffer += chunk;
    for (let nl = this.buffer.indexOf('\n'); nl >= 0; nl = this.buffer.indexOf('\n')) {
      const line = this.buffer.slice(0, nl);
      this.buffer = this.buffer.slice(nl + 1);
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(line) as Record<string, unknown>;
      } catch {
        continue; // not an answer (stray output): the request times out rather than being misread
      }
      const p = this.pending.get(body.id as number);
      if (!p) continue;
      this.pending.delete(body.id as number);
      p.timer.cancel();
      p.resolve({ kind: 'answer', body });
    }
  }

  private failAll(reply: WorkerReply): void {
    this.dead = true;
    for (const q of this.pending.values()) {
      q.timer.cancel();
      q.resolve(reply);
    }
    this.pending.clear();
  }
}

export class JsonLineWorker {
  private session: Session | null = null;
  private nextId = 1;

  /** `onSpawn` hears the process id of every process this worker starts (tests, bench). */
  constructor(private readonly cmd: string, private readonly args: readonly string[], private readonly onSpawn?: (pid: number) => void) {}

  request(body: Record<string, unknown>, timeoutMs = MESSAGE_TIMEOUT_MS): Promise<WorkerReply> {
    let s: Session;
    try {
      s = this.start();
    } catch (e) {
      return Promise.resolve({ kind: 'spawn-error', message: (e as Error).message });
    }
    const id = this.nextId++;
    return new Promise((resolve) => {
      // deadline(), not setTimeout: an answer that came in time is read before the request is judged a hang
      const timer = deadline(timeoutMs, () => {
        if (!s.pending.has(id)) return;
        s.pending.delete(id);
        resolve({ kind: 'timeout' });
        // A hung worker would not read the end of its input: kill it now.
        if (this.session === s) this.session = null;
        s.proc.kill('SIGKILL');
      });
      s.pending.set(id, { resolve, timer });
      s.proc.stdin.write(`${JSON.stringify({ ...body, id })}\n`);
    });
  }

  /** Ends the process: stdin closed, then SIGKILL if it lingers. Resolves once it has exited. */
  stop(): Promise<void> {
    const s = this.session;
    if (!s) return Promise.resolve();
    this.session = null;
    s.proc.stdin.end();
    if (s.dead || s.proc.exitCode !== null || s.proc.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      // Not unref'd: an awaited stop() must keep Node alive until the process has exited (the
      // process and its pipes are unref'd), and a lingering one is killed rather than left behind.
      const killer = setTimeout(() => s.proc.kill('SIGKILL'), 2_000);
      const done = () => { clearTimeout(killer); resolve(); };
      s.proc.once('exit', done);
      s.proc.once('error', done); // never started: there will be no 'exit'
    });
  }

  private start(): Session {
    if (this.session && !this.session.dead) return this.session;
    this.session = new Session(spawn(this.cmd, [...this.args], { stdio: ['pipe', 'pipe', 'pipe'], shell: false, detached: true }));
    if (this.session.proc.pid !== undefined) this.onSpawn?.(this.session.proc.pid);
    return this.session;
  }
}
