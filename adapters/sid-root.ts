/**
 * The isolated Debian unstable root that scripts/setup-sid-root.sh builds (the second generation
 * of the stacks: OpenSSL 3.6, Bouncy Castle 1.86, ...). Its programs run through
 * `unshare --mount --pid --fork --mount-proc` + `chroot`, in a private mount namespace where the
 * host's /dev and the directories the harness passes paths from (the repository, the temporary
 * directory, the working directory) are bind-mounted at the same paths, so a path means the same
 * file inside and outside. Nothing of the root is ever loaded into the host's processes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { REPO_ROOT } from '../core/paths.ts';
import { runProgram, type ProcessOutcome, type RunOptions } from './run.ts';

export const SID_ROOT = process.env.CMSI_SID_ROOT ?? '/var/cache/cmsi/sid-root';

/** Written by the set-up script after a complete build only. */
export function sidRootReady(): boolean {
  return existsSync(`${SID_ROOT}/.cmsi-root-packages`) && readFileSync(`${SID_ROOT}/.cmsi-root-packages`, 'utf8').length > 0;
}

const SYSTEM = new Set(['', 'usr', 'etc', 'lib', 'lib64', 'bin', 'sbin', 'proc', 'sys', 'dev', 'var', 'run', 'boot']);

/** The top-level host directories to bind: those of the repository, tmpdir, cwd and any absolute path argument. */
function bindDirs(args: readonly string[]): string[] {
  const tops = new Set<string>();
  for (const p of [REPO_ROOT, tmpdir(), process.cwd(), ...args.filter((a) => a.startsWith('/'))]) {
    const top = p.split('/')[1] ?? '';
    if (!SYSTEM.has(top) && existsSync(`/${top}`)) tops.add(`/${top}`);
  }
  return [...tops].sort();
}

/**
 * The command line that runs `cmd args` inside the root: [program, args] for spawn/spawnSync.
 * The shell script only mounts; the program and its arguments are passed as positional
 * parameters ("$@"), never interpolated.
 */
export function inSidRoot(cmd: string, args: readonly string[], options: { pidNamespace?: boolean } = {}): [string, string[]] {
  const binds = bindDirs(args);
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const mounts = [
    `mkdir -p ${q(`${SID_ROOT}/dev`)} && mount --rbind /dev ${q(`${SID_ROOT}/dev`)}`,
    ...binds.map((d) => `mkdir -p ${q(SID_ROOT + d)} && mount --rbind ${q(d)} ${q(SID_ROOT + d)}`),
  ].join(' && ');
  // chroot(1) changes to the new /, so the working directory (bind-mounted at its own path) is
  // entered inside the root, where relative paths then mean what they mean outside.
  const script = `${mounts} && exec chroot ${q(SID_ROOT)} /bin/sh -c 'cd "$1" 2>/dev/null; shift; exec "$@"' sh "$@"`;
  const pid = options.pidNamespace === false ? [] : ['--pid', '--fork', `--mount-proc=${SID_ROOT}/proc`];
  return ['unshare', ['--mount', '--propagation', 'private', ...pid, 'sh', '-c', script, 'sh', process.cwd(), cmd, ...args]];
}

const NOT_BUILT = 'the Debian unstable root is not built (scripts/setup-sid-root.sh)';

/** runProgram for a program of the root (a ProgramRunner): a spawn error when the root is missing. */
export function runInSidRoot(cmd: string, args: readonly string[], options: RunOptions = {}): ProcessOutcome {
  if (!sidRootReady()) return { kind: 'spawn-error', message: NOT_BUILT };
  const [c, full] = inSidRoot(cmd, args);
  return runProgram(c, full, options);
}

/**
 * The same without a PID namespace, for a program that must outlive the call: gpg-agent, which
 * `gpgconf --launch` leaves running (in a PID namespace it would be killed with the namespace's
 * first process when the call ends). Its mount namespace lives as long as it does.
 */
export function runInSidRootDaemon(cmd: string, args: readonly string[], options: RunOptions = {}): ProcessOutcome {
  if (!sidRootReady()) return { kind: 'spawn-error', message: NOT_BUILT };
  const [c, full] = inSidRoot(cmd, args, { pidNamespace: false });
  return runProgram(c, full, options);
}
