/**
 * What every command shares at its edges: files named in errors, `-` for stdin, --out files and
 * directories that fail once with a clear line (never a busy loop), output into a pipe the reader
 * closed (`cmsi rules | head`: the rest is dropped and the command exits with its usual code),
 * `--version`, and the one-line error for anything thrown, so that no input a user gives ends in a
 * stack trace. Exit codes: 2 usage or I/O error, 4 internal error (a bug, with the stack under
 * CMSI_DEBUG=1).
 */
import { closeSync, fstatSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { readBoundedFd } from '../core/bounded-read.ts';
import { describeFsError } from '../core/fs-errors.ts';
import { ManifestError } from '../core/manifest-file.ts';
import { makeDirs } from '../core/make-dirs.ts';
import { repoPath } from '../core/paths.ts';
import { UsageError } from './usage.ts';

/** A file the user named could not be read or written: exit 2, the message names the file. */
export class InputError extends UsageError {}

export const EXIT_INTERNAL = 4;

let stdinUsed = false;

/**
 * How much of a pipe, a device or stdin is read (their size is not known before): /dev/zero or an
 * endless pipe would otherwise be read until the process dies. Regular files have their size,
 * and the large ones are streamed where streaming applies (cmsi check --stream-above).
 */
export const DEFAULT_MAX_INPUT = 256 * 1024 * 1024;

/** A pipe, device or stdin that gave more than the bound: the input is not read further. */
export class InputTooLarge extends InputError {
  constructor(readonly source: string, readonly max: number, hint: string) {
    super(`${source}: more than ${mib(max)} from a pipe, a device or stdin, which are read whole; ${hint}`);
  }
}

/** "256 MiB", or the octets when not a whole number of mebibytes. */
export const mib = (n: number): string => (n % (1024 * 1024) === 0 ? `${n / (1024 * 1024)} MiB` : `${n} octets`);

/** Reads a descriptor to its end, in chunks, failing past `max` octets. */
export function readBounded(fd: number, source: string, max: number, hint = HINT): Uint8Array {
  const bytes = readBoundedFd(fd, max);
  if (bytes === null) throw new InputTooLarge(source, max, hint);
  return bytes;
}

const HINT = 'give it as a regular file';

/**
 * The bytes of FILE, or of stdin for `-` (once: a second `-` is a usage error). A pipe, device or
 * stdin is read up to `max` octets (InputTooLarge past it; `hint` says what to do then).
 */
export function readInput(path: string, what = 'file', max = DEFAULT_MAX_INPUT, hint = HINT): Uint8Array {
  if (path === '-') {
    if (stdinUsed) throw new UsageError(`stdin ("-") can be read only once, but is given again as the ${what}`);
    stdinUsed = true;
    try {
      return readBounded(0, 'stdin', max, hint);
    } catch (e) {
      if (e instanceof InputTooLarge) throw e;
      throw new InputError(`stdin: ${describeFsError(e)}`);
    }
  }
  if (path === '') throw new UsageError(`empty ${what} name`);
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const st = fstatSync(fd);
    if (st.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    return st.isFile() ? new Uint8Array(readFileSync(fd)) : readBounded(fd, path, max, hint);
  } catch (e) {
    if (e instanceof InputTooLarge) throw e;
    throw new InputError(`${path}: ${describeFsError(e)}`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export const readInputText = (path: string, what?: string): string => Buffer.from(readInput(path, what)).toString('utf8');

/** The name a file goes by in reports: "stdin" for `-`. */
export const inputName = (path: string): string => (path === '-' ? 'stdin' : path);

/** Writes a report to --out FILE (`-` or absent: stdout). */
export function writeOutput(out: string | undefined, text: string): void {
  if (out === undefined || out === '-') {
    process.stdout.write(text);
    return;
  }
  if (out === '') throw new UsageError('--out needs a file name');
  try {
    writeFileSync(out, text);
  } catch (e) {
    throw new InputError(`cannot write ${out}: ${describeFsError(e)}`);
  }
}

/** Creates an output directory, or fails once with the component that could not be made. */
export function ensureDir(dir: string, flag = '--out'): string {
  const r = makeDirs(dir);
  if (!r.ok) {
    // The parent of the failing component exists (makeDirs works downwards), so ENOENT from
    // mkdir(2) means a file system that refuses new entries (/proc, /sys).
    const why = r.code === 'ENOENT' ? 'the file system does not allow creating it' : describeFsError({ code: r.code, message: r.code });
    throw new InputError(`${flag} ${dir}: cannot create ${r.path}: ${why}`);
  }
  return r.dir;
}

let guarded = false;

/**
 * A reader that closes the pipe early (`| head`) makes the next write fail with EPIPE, emitted
 * asynchronously as an 'error' event that would otherwise crash the process with a stack trace.
 * Output is then dropped; the command finishes and exits with its own code, as it would have.
 */
export function guardStdio(): void {
  if (guarded) return;
  guarded = true;
  // An exception that escapes a command's promise chain (a callback, a child-process event) is
  // still one line and exit 4, never Node's stack trace.
  const crash = (e: unknown) => {
    const r = errorExit('', e);
    process.stderr.write(`${r.line.replace(/^cmsi : /, 'cmsi: ')}\n`);
    process.exit(r.code);
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') return;
      // Any other failure to write our own output (a full disk behind a redirect): say so once.
      if (stream === process.stdout) {
        try {
          process.stderr.write(`cmsi: cannot write the output: ${describeFsError(e)}\n`);
        } catch { /* stderr gone too: nothing left to tell */ }
        process.exitCode = 2;
      }
    });
  }
}

interface PackageJson { readonly version: string }

let version: string | undefined;

/** The package version (package.json), for --version and the SARIF tool driver. */
export function packageVersion(): string {
  if (version === undefined) {
    try {
      version = (JSON.parse(readFileSync(repoPath('package.json'), 'utf8')) as PackageJson).version;
    } catch {
      version = 'unknown'; // a damaged install still answers
    }
  }
  return version;
}

/** `cmsi --version`: the package version and the versions of the formats it reads and writes. */
export const versionText = (): string =>
  `cmsi ${packageVersion()} (manifest format 1, catalog format 1, check JSON format 2, Node ${process.versions.node})`;

/** The one line (and exit code) for an error a command threw. */
export function errorExit(command: string, e: unknown): { readonly code: number; readonly line: string } {
  const err = e as Error & { code?: string };
  const message = (err?.message ?? String(e)).split('\n')[0]!;
  if (e instanceof UsageError || e instanceof ManifestError || err?.code?.startsWith('ERR_PARSE_ARGS')) return { code: 2, line: `cmsi ${command}: ${message}` };
  // A system error from a file the command opened itself: still name the path.
  if (err?.code && /^E[A-Z]+$/.test(err.code)) {
    const path = (err as NodeJS.ErrnoException).path;
    return { code: 2, line: `cmsi ${command}: ${path ? `${path}: ` : ''}${describeFsError(err)}` };
  }
  const debug = process.env.CMSI_DEBUG ? `\n${err?.stack ?? ''}` : ' (a bug: please report it; CMSI_DEBUG=1 shows the stack)';
  return { code: EXIT_INTERNAL, line: `cmsi ${command}: internal error: ${message}${debug}` };
}
