/**
 * cmsi diff on a real OpenSSL run: with itself, no change and exit 0; against a copy in which
 * OpenSSL rejects a valid sample it accepted (a changed stack, written into the records as a new
 * release would), the change is reported as worse, with the requirement readiness it moves, and
 * exit 1; a change only on a known divergence is left out with --ignore-known.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPENSSL_ACCEPTS_INVALID } from '../adapters/openssl-invalid-known.ts';
import { opensslAdapter } from '../adapters/stacks/openssl.ts';
import { runInterop } from '../interop/run.ts';
import { cmsi } from './helpers/cmsi-cli.ts';
import { CORPUS } from './helpers/corpus.ts';

const work = mkdtempSync(join(tmpdir(), 'cmsi-diff-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const a = join(work, 'a');

/** A copy of run A with `edit` applied to each consume line of OpenSSL. */
function variant(name: string, edit: (r: Record<string, unknown>) => Record<string, unknown>): string {
  const dir = join(work, name);
  cpSync(a, dir, { recursive: true });
  const path = join(dir, 'consume.jsonl');
  const lines = readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.stringify(edit(JSON.parse(l) as Record<string, unknown>)));
  writeFileSync(path, `${lines.join('\n')}\n`);
  return dir;
}

describe('cmsi diff', () => {
  beforeAll(async () => {
    await runInterop({ adapters: [opensslAdapter], corpusDir: CORPUS, outDir: a, existing: 'refuse', jobs: 1 });
  }, 600_000);

  it('of a run with itself: nothing, exit 0', () => {
    const r = cmsi(['diff', a, a]);
    expect(r.stdout).toBe('No changes.\n');
    expect(r.code).toBe(0);
  });

  it('of a run where OpenSSL now rejects a valid sample: reported as worse, exit 1', () => {
    const b = variant('b', (r) => (r.sample === 'signed-data/rsa-sha256/attached' ? { ...r, verdict: 'reject', contentMatch: null, detail: 'new release says no' } : r));
    const r = cmsi(['diff', a, b]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/\| worse \| consume \| `openssl\|signed-data\/rsa-sha256\/attached` \| ok \| false-reject \|/);
    const j = cmsi(['diff', a, b, '--format', 'json']);
    const changes = (JSON.parse(j.stdout) as { changes: { kind: string; direction: string }[] }).changes;
    expect(changes.filter((c) => c.kind === 'consume')).toHaveLength(1);
    expect(cmsi(['diff', b, a]).code).toBe(0);
  });

  it('leaves out a change on a known divergence when asked', () => {
    const id = Object.keys(OPENSSL_ACCEPTS_INVALID)[0]!;
    // the known divergence changes, and so does a valid sample no expectation names
    const other = 'signed-data/rsa-sha256/detached';
    const c = variant('c', (r) => (r.sample === id || r.sample === other ? { ...r, verdict: 'reject', contentMatch: null, detail: 'fixed' } : r));
    const all = cmsi(['diff', c, a]);
    expect(all.code).toBe(1);
    expect(all.stdout).toContain(id);
    const ignoring = cmsi(['diff', c, a, '--ignore-known']);
    expect(ignoring.stdout).not.toContain(`openssl|${id}`);
    // only the known one is left out: the other change is still reported (here as better: A rejected it)
    expect(ignoring.stdout).toMatch(new RegExp(`\\| better \\| consume \\| \`openssl\\|${other.replace(/\//g, '\\/')}\``));
    const json = JSON.parse(cmsi(['diff', a, c, '--ignore-known', '--format', 'json']).stdout) as { changes: { kind: string; key: string; direction: string }[] };
    expect(json.changes.filter((x) => x.kind === 'consume').map((x) => x.key)).toEqual([`openssl|${other}`]);
  });
});
