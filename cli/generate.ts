/** `cmsi generate`: argument checking and a one-line summary around generators/generate.ts. */
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generateCorpus } from '../generators/generate.ts';
import { describeFsError } from '../core/fs-errors.ts';
import { ensureDir } from './io.ts';
import { UsageError } from './usage.ts';

export const GENERATE_HELP = `usage: cmsi generate [--out DIR] [--seed N]

Writes the corpus to DIR (default: ./corpus): valid CMS and S/MIME messages, one per feature,
and invalid ones made from them with exactly one defect each (and a few "acceptable" ones that
receivers must tolerate); the manifest says which is which (cmsi corpus lists them).
DIR/manifest.yaml, DIR/samples/** (one file per case), DIR/content/* (the contents they carry)
and DIR/keys/* (the cast: Carl the CA, Alice, Bob, Diane and Erica, with keys and certificates).

  --out DIR   output directory; created if missing, files in it are overwritten
  --seed N    non-negative integer seed (default 1). The same seed gives the same bytes on any
              machine; the committed corpus/ is --seed 1.

Example: cmsi generate --out /tmp/corpus --seed 7`;

export function parseSeed(value: string | undefined): string {
  if (value === undefined) return '1';
  if (!/^(0|[1-9]\d{0,17})$/.test(value)) throw new UsageError(`--seed must be a non-negative integer, got "${value}"`);
  return value;
}

/** Creates DIR if needed and proves it writable, so a bad --out fails before any work is done. */
export function prepareOutDir(value: string | undefined, fallback: string): string {
  if (value === '') throw new UsageError('--out needs a directory');
  const dir = resolve(value ?? fallback);
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new UsageError(`--out ${dir} exists and is not a directory`);
  // Not mkdirSync({ recursive: true }): it spins forever on paths like /proc/x (core/make-dirs.ts).
  ensureDir(dir);
  try {
    accessSync(dir, constants.W_OK);
  } catch (e) {
    throw new UsageError(`cannot write to ${dir}: ${describeFsError(e)}`);
  }
  return dir;
}

export function generateCommand(argv: readonly string[]): number {
  const { values } = parseArgs({ args: [...argv], options: { out: { type: 'string' }, seed: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true });
  if (values.help) {
    console.log(GENERATE_HELP);
    return 0;
  }
  const seed = parseSeed(values.seed);
  const out = prepareOutDir(values.out, 'corpus');
  const started = performance.now();
  const r = generateCorpus(out, seed);
  const ms = Math.round(performance.now() - started);
  console.log(`generated ${r.manifest.samples.length} samples (${r.files} files, ${r.bytes} bytes) in ${out} with seed ${seed} in ${ms} ms`);
  return 0;
}
