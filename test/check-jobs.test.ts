/**
 * Line-rate checking (issue 9): `--jobs N` spreads files over worker threads and keeps input order,
 * so its output is byte for byte the output of one thread; `--format jsonl` prints one result per
 * line; the reader bounds are flags whose hits are the limit outcome (unchecked, exit 3), never
 * invalid or valid; the key and certificate caches serve repeated signers.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { CMSI, cmsi } from './helpers/cmsi-cli.ts';
import { CORPUS, loadManifest } from './helpers/corpus.ts';
import { checkBytes } from '../checkers/engine.ts';
import { loadCatalog } from '../core/catalog.ts';
import { cacheStats } from '../checkers/x509/cache.ts';

const MANIFEST = join(CORPUS, 'manifest.yaml');
const SIGNED = join(CORPUS, 'samples/signed-data/rsa-sha256/attached.der');
const ALICE = join(CORPUS, 'keys/alice-rsa.cert.pem');

describe('cmsi check --jobs', () => {
  it('--jobs 1 and --jobs 4 give identical jsonl and json output over the whole corpus, in manifest order', () => {
    const one = cmsi(['check', '--manifest', MANIFEST, '--format', 'jsonl', '--jobs', '1']);
    const four = cmsi(['check', '--manifest', MANIFEST, '--format', 'jsonl', '--jobs', '4']);
    expect(one.code, one.stderr).toBe(0);
    expect(four.code, four.stderr).toBe(0);
    expect(four.stdout).toBe(one.stdout);
    const lines = one.stdout.trimEnd().split('\n');
    const samples = loadManifest().samples;
    expect(lines).toHaveLength(samples.length);
    // One complete JSON result per line, in the manifest's order.
    expect(lines.map((l) => (JSON.parse(l) as { file: string }).file)).toEqual(samples.map((s) => s.file));
    const j1 = cmsi(['check', '--manifest', MANIFEST, '--format', 'json', '--jobs', '1']);
    const j4 = cmsi(['check', '--manifest', MANIFEST, '--format', 'json', '--jobs', '4']);
    expect(j4.stdout).toBe(j1.stdout);
    expect(j4.stderr).toBe(j1.stderr);
  }, 300_000);

  it('many positional files over a pool keep their order and the exit code of the worst verdict', () => {
    const files = loadManifest().samples.filter((s) => s.contentType === 'signedData' && s.format === 'der').slice(0, 40).map((s) => join(CORPUS, s.file));
    const one = cmsi(['check', ...files, '--format', 'jsonl', '--jobs', '1', '--at', '2026-06-01']);
    const three = cmsi(['check', ...files, '--format', 'jsonl', '--jobs', '3', '--at', '2026-06-01']);
    expect(three.stdout).toBe(one.stdout);
    expect(three.code).toBe(one.code);
    expect(one.stdout.trimEnd().split('\n').map((l) => (JSON.parse(l) as { file: string }).file)).toEqual(files);
  });

  it('a missing file among many over the pool is one error line naming it, exit 2, after the results before it', () => {
    const files = loadManifest().samples.filter((s) => s.contentType === 'signedData' && s.format === 'der').slice(0, 12).map((s) => join(CORPUS, s.file));
    const missing = join(CORPUS, 'samples/no-such-sample.der');
    const r = cmsi(['check', ...files.slice(0, 10), missing, ...files.slice(10), '--format', 'jsonl', '--jobs', '2']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([`cmsi check: ${missing}: no such file or directory`]);
    expect(r.stdout.trimEnd().split('\n').map((l) => (JSON.parse(l) as { file: string }).file)).toEqual(files.slice(0, 10));
  });

  it('refuses a --jobs that is not a positive integer', () => {
    for (const bad of ['0', '-1', 'many', '1.5']) {
      const r = cmsi(['check', SIGNED, `--jobs=${bad}`]);
      expect(r.code, bad).toBe(2);
      expect(r.stderr).toMatch(/--jobs must be a positive integer/);
    }
  });
});

describe('reader bounds are flags and limits, not verdicts', () => {
  const run = (...flags: string[]) => {
    const r = cmsi(['check', SIGNED, '--cert', ALICE, '--format', 'json', ...flags]);
    return { code: r.code, result: (JSON.parse(r.stdout) as { results: { verdict: string; limit?: { limit: string; value: number; flag: string } }[] }).results[0]! };
  };
  it('--max-depth: a message nested deeper is unchecked with the depth limit and the flag (exit 3)', () => {
    const r = run('--max-depth', '3');
    expect(r.code).toBe(3);
    expect(r.result.verdict).toBe('unchecked');
    expect(r.result.limit).toMatchObject({ limit: 'depth', value: 3, flag: '--max-depth' });
  });
  it('--max-nodes: a message with more nodes is unchecked with the node limit and the flag (exit 3)', () => {
    const r = run('--max-nodes', '20');
    expect(r.code).toBe(3);
    expect(r.result.verdict).toBe('unchecked');
    expect(r.result.limit).toMatchObject({ limit: 'nodes', value: 20, flag: '--max-nodes' });
  });
  it('the same message within the default bounds is valid, without a limit', () => {
    const r = run();
    expect(r.result.verdict).toBe('valid');
    expect(r.result.limit).toBeUndefined();
  });
});

describe('--max-input: stdin, pipes and devices are read whole, up to a bound', () => {
  const jsonl = (stdout: string) => stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { file: string; verdict: string; limit?: { limit: string; value: number; flag: string } });
  it('/dev/zero, endless, is the input-size limit (unchecked, exit 3) with the default bound, not a hang or a crash', () => {
    const r = cmsi(['check', '/dev/zero', '--format', 'jsonl'], { timeoutMs: 60_000 });
    expect(r.code).toBe(3);
    expect(jsonl(r.stdout)).toMatchObject([{ file: '/dev/zero', verdict: 'unchecked', limit: { limit: 'input-size', value: 256 * 1024 * 1024, flag: '--max-input' } }]);
  });
  it('stdin past --max-input is the limit; within it, the message is checked as from a file', () => {
    const bytes = readFileSync(SIGNED);
    const big = Buffer.concat([bytes, Buffer.alloc(1024 * 1024)]);
    const over = spawnSync(process.execPath, [CMSI, 'check', '-', '--format', 'jsonl', '--max-input', '1'], { input: big, encoding: 'utf8' });
    expect(over.status).toBe(3);
    expect(jsonl(over.stdout)).toMatchObject([{ file: 'stdin', verdict: 'unchecked', limit: { limit: 'input-size', value: 1024 * 1024 } }]);
    const within = spawnSync(process.execPath, [CMSI, 'check', '-', '--cert', ALICE, '--format', 'jsonl', '--max-input', '1'], { input: bytes, encoding: 'utf8' });
    expect(within.status).toBe(0);
    expect(jsonl(within.stdout)[0]!.verdict).toBe('valid');
  });
  it('a device among many files over the pool is the limit in its place; the others are checked', () => {
    const files = [...Array(5).fill(SIGNED), '/dev/zero', ...Array(5).fill(SIGNED)] as string[];
    const r = cmsi(['check', ...files, '--cert', ALICE, '--format', 'jsonl', '--jobs', '2', '--max-input', '4'], { timeoutMs: 60_000 });
    expect(r.code).toBe(3);
    expect(jsonl(r.stdout).map((x) => `${x.file} ${x.verdict} ${x.limit?.limit ?? ''}`)).toEqual(files.map((f) => (f === '/dev/zero' ? '/dev/zero unchecked input-size' : `${f} valid `)));
  });
  it('a --manifest from a device is bounded too: an error naming it (exit 2), not a hang', () => {
    const r = cmsi(['check', '--manifest', '/dev/zero'], { timeoutMs: 60_000 });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\/dev\/zero: more than \d+ bytes is too large for a manifest/);
  });
  it('a --content from a device past the bound is an input error naming it (exit 2)', () => {
    const r = cmsi(['check', SIGNED, '--content', '/dev/zero', '--max-input', '1'], { timeoutMs: 60_000 });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\/dev\/zero: more than 1 MiB from a pipe, a device or stdin/);
  });
});

describe('caches keyed by bytes', () => {
  it('a signer certificate seen again is not read or turned into a key again, and the verdict is the same', () => {
    const catalog = loadCatalog();
    const bytes = new Uint8Array(readFileSync(SIGNED));
    const options = { catalog, profile: 'current' as const, certs: [], content: null };
    const first = checkBytes('a', bytes, options);
    const before = cacheStats();
    const again = Array.from({ length: 5 }, () => checkBytes('a', bytes, options));
    const after = cacheStats();
    expect(first.verdict).toBe('valid');
    for (const r of again) expect(r).toEqual(first);
    expect(after.publicKeys.misses).toBe(before.publicKeys.misses);
    expect(after.publicKeys.hits).toBeGreaterThanOrEqual(before.publicKeys.hits + 5);
    expect(after.certificates.misses).toBe(before.certificates.misses);
  });
});
