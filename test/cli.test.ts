/**
 * The command line as a user meets it: help that teaches, one-line errors with exit code 2 for bad
 * arguments, and a generate that writes a corpus where it is told to.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO } from './helpers/corpus.ts';

const cmsi = (...args: string[]) => {
  const r = spawnSync(process.execPath, [join(REPO, 'bin/cmsi.js'), ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const tmp = mkdtempSync(join(tmpdir(), 'cmsi-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('cmsi', () => {
  it('--help lists the commands and exits 0', () => {
    const r = cmsi('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('generate');
    expect(r.stdout).toContain('--seed');
  });

  it('generate --help explains the options', () => {
    const r = cmsi('generate', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--out DIR/);
  });

  it('an unknown command is one line on stderr and exit 2', () => {
    const r = cmsi('frobnicate');
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  const oneLineExit2 = (args: string[], pattern: RegExp) => {
    const r = cmsi(...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(pattern);
  };

  it('a bad seed is a one-line error, exit 2', () => oneLineExit2(['generate', '--out', join(tmp, 'x'), '--seed', 'abc'], /seed/));
  it('a negative seed is a one-line error, exit 2', () => oneLineExit2(['generate', '--out', join(tmp, 'x'), '--seed=-1'], /seed/));
  it('--out without a directory is a one-line error, exit 2', () => oneLineExit2(['generate', '--out'], /out/));
  it('an unknown option is a one-line error, exit 2', () => oneLineExit2(['generate', '--colour'], /colour/));

  it('--out naming a file is a one-line error, exit 2', () => {
    const file = join(tmp, 'a-file');
    writeFileSync(file, 'x');
    oneLineExit2(['generate', '--out', file], /not a directory/);
  });

  it('an unwritable --out is a one-line error, exit 2', () => {
    // CI runs as root, which ignores permission bits: a path under a regular file is unwritable for all.
    const blocked = join(tmp, 'a-file-2');
    writeFileSync(blocked, 'x');
    oneLineExit2(['generate', '--out', join(blocked, 'sub')], /cannot write|not a directory/);
  });

  it('generate writes the manifest and samples where told, with the seed it was given', () => {
    const out = join(tmp, 'corpus');
    const r = cmsi('generate', '--out', out, '--seed', '42');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/generated \d+ samples/);
    expect(existsSync(join(out, 'manifest.yaml'))).toBe(true);
    expect(existsSync(join(out, 'keys', 'carl-rsa.cert.pem'))).toBe(true);
  });
});
