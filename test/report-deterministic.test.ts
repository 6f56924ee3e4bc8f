/**
 * Issue 16 point 5: reports in one stable order. Two real runs with the same verdicts (four stacks
 * at once, so their records reach the files in different orders) give byte-identical Markdown,
 * CSV, JSON and HTML; so does a copy of one run whose record lines are shuffled. In every interop
 * table the producer rows follow the same (registry) order as the consumer columns.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_ADAPTERS } from '../adapters/registry.ts';
import { CORPUS } from './helpers/corpus.ts';
import { cmsi } from './helpers/cmsi-cli.ts';

const tmp = mkdtempSync(join(tmpdir(), 'cmsi-determinism-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const first = join(tmp, 'first');
const second = join(tmp, 'second');
const STACKS = 'openssl,gnutls,python-cryptography,pkijs';
const FORMATS = ['md', 'csv', 'json', 'html'] as const;

const records = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
/**
 * What a run decided, whatever the order: the records but their run id, timing and the hash of a
 * produced message (each run signs anew); these must be equal for the reports to be.
 */
const verdicts = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.jsonl')).flatMap((f) => records(dir, f))
  .map((r) => JSON.stringify({ ...r, runId: undefined, ms: undefined, sampleSha256: r.kind === 'consume' ? r.sampleSha256 : undefined })).sort();
const reports = (dir: string) => FORMATS.map((f) => {
  const r = cmsi(['report', '--results', dir, '--format', f]);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
});

/** A seeded shuffle (xorshift), so a failure replays. */
function shuffle<T>(xs: T[], seed: number): T[] {
  let s = seed;
  const next = () => ((s ^= s << 13), (s ^= s >>> 17), (s ^= s << 5), (s >>> 0) / 2 ** 32);
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}

beforeAll(() => {
  for (const out of [first, second]) {
    const r = cmsi(['interop', '--stacks', STACKS, '--jobs', '4', '--corpus', CORPUS, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
  }
}, 600_000);

describe('deterministic reports', () => {
  it('two runs with the same verdicts give byte-identical md, csv, json and html', () => {
    expect(verdicts(second)).toEqual(verdicts(first));
    const a = reports(first);
    const b = reports(second);
    FORMATS.forEach((f, i) => expect(b[i], f).toBe(a[i]));
    // no timing or run id leaks into any format
    const runId = (JSON.parse(readFileSync(join(first, 'run.json'), 'utf8')) as { runId: string }).runId;
    for (const text of a) expect(text).not.toContain(runId);
  });

  it('shuffling the record lines changes nothing', () => {
    const shuffled = join(tmp, 'shuffled');
    cpSync(first, shuffled, { recursive: true });
    for (const [i, f] of readdirSync(shuffled).filter((x) => x.endsWith('.jsonl')).entries()) {
      const lines = readFileSync(join(shuffled, f), 'utf8').split('\n').filter(Boolean);
      const mixed = shuffle([...lines], 0x9e3779b9 + i);
      if (lines.length > 2) expect(mixed).not.toEqual(lines);
      writeFileSync(join(shuffled, f), `${mixed.join('\n')}\n`);
    }
    const a = reports(first);
    const b = reports(shuffled);
    FORMATS.forEach((f, i) => expect(b[i], f).toBe(a[i]));
    // the HTML with its drill-down inputs (the manifest, cmsi check's JSON) too
    const checks = join(tmp, 'checks.json');
    expect(cmsi(['check', '--manifest', join(CORPUS, 'manifest.yaml'), '--format', 'json', '--out', checks]).code).toBe(0);
    const html = (dir: string) => {
      const r = cmsi(['report', '--results', dir, '--format', 'html', '--corpus', CORPUS, '--checks', checks]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).not.toMatch(/details:/);
      return r.stdout;
    };
    const h = html(first);
    expect(h).toContain('<h4>checker findings');
    expect(html(shuffled)).toBe(h);
  }, 120_000);

  it('producer rows and consumer columns follow one order, the registry\'s', () => {
    const md = reports(first)[0]!;
    const order = ALL_ADAPTERS.map((a) => a.name).filter((n) => STACKS.split(',').includes(n));
    const interop = md.slice(md.indexOf('\n## Interop'), md.indexOf('\n## ', md.indexOf('\n## Interop') + 1));
    const tables = interop.split('\n### ').slice(1).map((t) => t.split('\n').filter((l) => l.startsWith('| ')));
    expect(tables.length).toBeGreaterThan(3);
    for (const t of tables) {
      const columns = t[0]!.split(' | ').slice(1).map((c) => c.replace(/ \|$/, ''));
      expect(columns).toEqual(order);
      const rows = t.slice(1).map((l) => l.split(' | ')[0]!.slice(2));
      expect(rows).toEqual(order.filter((s) => rows.includes(s)));
    }
  });
});
