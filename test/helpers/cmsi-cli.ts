/** Test helper: the real cmsi command line (bin/cmsi.js, the compiled dist/), as a user runs it. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO } from './corpus.ts';

export const CMSI = join(REPO, 'bin', 'cmsi.js');

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function cmsi(args: readonly string[], options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): CliRun {
  const r = spawnSync(process.execPath, [CMSI, ...args], { encoding: 'utf8', timeout: options.timeoutMs ?? 300_000, env: options.env ?? process.env, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
