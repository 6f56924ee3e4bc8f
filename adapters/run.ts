/**
 * Running a third-party program: never through a shell, always with a timeout, in a temporary
 * directory that is removed afterwards. The outcome says how the process ended, so a harness
 * error (spawn failure) is never mistaken for the stack rejecting a message.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type ProcessOutcome =
  | { readonly kind: 'exit'; readonly code: number; readonly stdout: Buffer; readonly stderr: string }
  | { readonly kind: 'signal'; readonly signal: string; readonly stderr: string }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'spawn-error'; readonly message: string };

export function runProgram(cmd: string, args: readonly string[], options: { timeoutMs?: number; cwd?: string; input?: Uint8Array } = {}): ProcessOutcome {
  const r = spawnSync(cmd, args, {
    cwd: options.cwd,
    input: options.input,
    timeout: options.timeoutMs ?? 20_000,
    killSignal: 'SIGKILL',
    maxBuffer: 256 * 1024 * 1024,
    shell: false,
  });
  if (r.error) {
    const code = (r.error as NodeJS.ErrnoException).code;
    if (code === 'ETIMEDOUT') return { kind: 'timeout' };
    return { kind: 'spawn-error', message: r.error.message };
  }
  const stderr = r.stderr?.toString('utf8') ?? '';
  if (r.signal) return r.signal === 'SIGKILL' && r.status === null && stderr === '' ? { kind: 'timeout' } : { kind: 'signal', signal: r.signal, stderr };
  return { kind: 'exit', code: r.status ?? -1, stdout: r.stdout ?? Buffer.alloc(0), stderr };
}

/** Runs `fn` with a fresh temporary directory that is removed whatever happens. */
export function withTempDir<T>(prefix: string, fn: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), `cmsi-${prefix}-`));
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
