/**
 * Issue 16 point 7: `cmsi interop` exit codes a CI job can gate on (--fail-on), run for real: a
 * stack named in --stacks but not installed (NSS hidden from PATH: a real absence, not a mock)
 * fails the default gates; OpenSSL's accepted invalid samples fail --fail-on unexpected; a clean
 * run of an in-process stack exits 0 (from the compiled dist/, where node-forge was once not found).
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CORPUS } from './helpers/corpus.ts';
import { cmsi } from './helpers/cmsi-cli.ts';

const tmp = mkdtempSync(join(tmpdir(), 'cmsi-exit-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const out = () => join(tmp, `results-${n++}`);

describe('cmsi interop exit codes', () => {
  it('exits 0 when the run finishes and no gate holds', () => {
    const r = cmsi(['interop', '--stacks', 'forge', '--corpus', CORPUS, '--out', out()]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/stack forge node-forge \d/);
  });

  it('a requested stack that is not installed fails the default gates (exit 1), and --fail-on none lets it pass', () => {
    // Only openssl on PATH: NSS's cmsutil is really not there for this run.
    const bin = join(tmp, 'bin');
    mkdirSync(bin, { recursive: true });
    symlinkSync('/usr/bin/openssl', join(bin, 'openssl'));
    const env = { ...process.env, PATH: bin };
    const r = cmsi(['interop', '--stacks', 'openssl,nss', '--corpus', CORPUS, '--out', out()], { env });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/stack nss: not installed/);
    expect(r.stderr).toMatch(/--fail-on missing-stack: nss is not installed/);
    const lenient = cmsi(['interop', '--stacks', 'nss', '--fail-on', 'none', '--corpus', CORPUS, '--out', out()], { env });
    expect(lenient.code, lenient.stderr).toBe(0);
    const onlyMissing = cmsi(['interop', '--stacks', 'nss', '--fail-on', 'crash', '--corpus', CORPUS, '--out', out()], { env });
    expect(onlyMissing.code, onlyMissing.stderr).toBe(0);
  }, 120_000);

  it('--fail-on unexpected fails on OpenSSL accepting invalid samples', () => {
    const r = cmsi(['interop', '--stacks', 'openssl', '--fail-on', 'unexpected', '--corpus', CORPUS, '--out', out()]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/--fail-on unexpected: \d+ unexpected consume outcomes/);
  }, 120_000);

  it('bad options are usage errors (exit 2)', () => {
    expect(cmsi(['interop', '--fail-on', 'sometimes']).stderr).toMatch(/--fail-on takes unexpected, crash, missing-stack or none/);
    expect(cmsi(['interop', '--fail-on', 'sometimes']).code).toBe(2);
    expect(cmsi(['interop', '--resume', '--force']).code).toBe(2);
  });
});
