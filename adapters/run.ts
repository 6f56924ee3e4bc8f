/**
 * Running a third-party program: never through a shell, always with a timeout, in a temporary
 * directory that is removed afterwards. The outcome says how the process ended, so a harness
 * error (spawn failure) is never mistaken for the stack rejecting a message.
 *
 * Programs run in their own session (detached): a Ctrl-C on the terminal reaches cmsi alone,
 * which ends the run cleanly (adapters/cleanup.ts), instead of killing the program it is waiting
 * for, which would read as the stack crashing on that message.
 */
import { spawnSync, type SpawnSyncOptionsWithBufferEncoding } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MESSAGE_TIMEOUT_MS } from './budget.ts';
import { onCleanup } from './cleanup.ts';

export type ProcessOutcome =
  | { readonly kind: 'exit'; readonly code: number; readonly stdout: Buffer; readonly stderr: string }
  | { readonly kind: 'signal'; readonly signal: string; readonly stderr: string }
  /** It did not end by itself: killed at the timeout, or for output without end (`reason`). */
  | { readonly kind: 'timeout'; readonly reason?: string }
  | { readonly kind: 'spawn-error'; readonly message: string };

export interface RunOptions {
  readonly timeoutMs?: number;
  readonly cwd?: string;
  readonly input?: Uint8Array;
  /** Bytes of stdout (and of stderr) past which the program is a runaway and is killed; 256 MiB by default. */
  readonly maxOutputBytes?: number;
}

/** How an adapter runs a program: runProgram on the host, runInSidRoot (sid-root.ts) in the unstable root. */
export type ProgramRunner = (cmd: string, args: readonly string[], options?: RunOptions) => ProcessOutcome;

export function runProgram(cmd: string, args: readonly string[], options: RunOptions = {}): ProcessOutcome {
  // `detached` is honoured by spawnSync (setsid) although @types/node lists it for spawn only.
  const spawnOptions: SpawnSyncOptionsWithBufferEncoding & { detached: boolean } = {
    cwd: options.cwd,
    input: options.input,
    timeout: options.timeoutMs ?? MESSAGE_TIMEOUT_MS,
    killSignal: 'SIGKILL',
    maxBuffer: options.maxOutputBytes ?? 256 * 1024 * 1024,
    shell: false,
    detached: true,
  };
  const r = spawnSync(cmd, args, spawnOptions);
  // At a timeout or past maxBuffer Node kills the direct child only. The program runs in its own
  // session (detached), so end its whole process group too: through `unshare --fork` (the unstable
  // root) the stack itself is a grandchild and was seen looping on for half an hour. Daemons
  // (gpg-agent) start their own session and are not in the group.
  if ((r.error || r.signal) && r.pid) {
    try { process.kill(-r.pid, 'SIGKILL'); } catch { /* the group is already gone */ }
  }
  if (r.error) {
    const code = (r.error as NodeJS.ErrnoException).code;
    if (code === 'ETIMEDOUT') return { kind: 'timeout' };
    // Output beyond maxBuffer from a small message is a runaway loop, not a harness error: gpgsm
    // 2.2.40 on an EnvelopedData with an empty recipientInfos prints "recp N - error getting
    // info" for N = 0, 1, 2, ... without end (600 MB in 10 s here). Node killed it: a hang.
    if (code === 'ENOBUFS') return { kind: 'timeout', reason: `killed after more than ${spawnOptions.maxBuffer! / (1024 * 1024)} MiB of output` };
    return { kind: 'spawn-error', message: r.error.message };
  }
  const stderr = r.stderr?.toString('utf8') ?? '';
  if (r.signal) return r.signal === 'SIGKILL' && r.status === null && stderr === '' ? { kind: 'timeout' } : { kind: 'signal', signal: r.signal, stderr };
  return { kind: 'exit', code: r.status ?? -1, stdout: r.stdout ?? Buffer.alloc(0), stderr };
}

/** A fresh /tmp/cmsi-<prefix>-* directory, removed by `remove` or by an interrupted run's cleanup. */
export function makeTempDir(prefix: string): { readonly dir: string; readonly remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `cmsi-${prefix}-`));
  const rm = () => rmSync(dir, { recursive: true, force: true });
  const release = onCleanup(`temporary directory ${dir}`, rm);
  return { dir, remove: () => { release(); rm(); } };
}

/** Runs `fn` with a fresh temporary directory that is removed whatever happens. */
export function withTempDir<T>(prefix: string, fn: (dir: string) => T): T {
  const t = makeTempDir(prefix);
  try {
    return fn(t.dir);
  } finally {
    t.remove();
  }
}
