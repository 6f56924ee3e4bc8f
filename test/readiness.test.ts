/**
 * Readiness statuses from hand-built results (records written here, not by the code under test):
 * ready (two lineages interoperating on the requirement's feature), one implementation, same
 * lineage only (not ready), interop on another feature only (not ready), not testable here; and
 * the table has a row for every catalog entry.
 */
import { describe, expect, it } from 'vitest';
import { loadCatalog, type CatalogEntry } from '../core/catalog.ts';
import type { ConsumeRecord, CrossRecord, ProduceRecord, ResultRecord, StackRecord } from '../interop/records.ts';
import { readiness, summarize } from '../reports/readiness.ts';

const stamp = { recordVersion: 1 as const, runId: '00000000-0000-0000-0000-000000000000', cmsi: '0', manifestSha256: '0'.repeat(64), seed: '1' };
const stack = (name: string, lineage: string): StackRecord => ({ ...stamp, kind: 'stack', stack: name, lineage, source: 'local', installed: true, version: '1', produces: [] });
const consume = (name: string, lineage: string, sample: string, expected: 'valid' | 'invalid', features: string[], requirements: string[], verdict: 'accept' | 'reject'): ConsumeRecord => ({
  ...stamp, kind: 'consume', stack: name, version: '1', lineage, sample, sampleSha256: '0'.repeat(64), expected, contentType: 'signedData', features, flags: [], requirements, verdict, contentMatch: verdict === 'accept' ? true : null, detail: '', ms: 0,
});
const produce = (name: string, lineage: string, feature: string): ProduceRecord => ({
  ...stamp, kind: 'produce', stack: name, version: '1', lineage, feature, verdict: 'produced', detail: '', check: { verdict: 'valid', failed: [], layers: {}, reason: null }, file: `${name}/${feature}.der`, sampleSha256: '1'.repeat(64), ms: 0,
});
const cross = (producer: string, consumer: string, feature: string): CrossRecord => ({
  ...stamp, kind: 'cross', producer, consumer, consumerVersion: '1', feature, sampleSha256: '1'.repeat(64), verdict: 'accept', contentMatch: true, detail: '', ms: 0,
});

const REQ: CatalogEntry = { id: 'rfc5652/5.4/digest-signed-attrs', section: '5.4', level: 'MUST', binds: ['signer'], summary: 's', test: 'crypto', profiles: ['current'] };
const UNTESTABLE: CatalogEntry = { ...REQ, id: 'rfc5652/1/x', section: '1', test: 'untestable', reason: 'needs a human' };
const signed = ['signed-data', 'attached'];
/** Both stacks reject the invalid sample citing the entry and accept the valid one of its section. */
const consumers = (a: [string, string], b: [string, string]): ResultRecord[] => [a, b].flatMap(([n, l]) => [
  consume(n, l, 'invalid/sig', 'invalid', signed, [REQ.id], 'reject'), consume(n, l, 'signed/ok', 'valid', signed, ['rfc5652/5.4'], 'accept'),
]);
const statusOf = (records: ResultRecord[], entry: CatalogEntry = REQ) => readiness([entry], records)[0]!.status;

describe('readiness', () => {
  it('ready: two lineages that interoperate on the requirement\'s feature', () => {
    const r = [stack('a', 'la'), stack('b', 'lb'), ...consumers(['a', 'la'], ['b', 'lb']), produce('a', 'la', 'signed-data/attached'), cross('a', 'b', 'signed-data/attached')];
    expect(statusOf(r)).toBe('ready');
    expect(readiness([REQ], r)[0]!.pairs).toEqual(['a -> b (signed-data/attached)']);
  });
  it('one implementation: a single stack demonstrates it', () => {
    expect(statusOf([stack('a', 'la'), consume('a', 'la', 'invalid/sig', 'invalid', signed, [REQ.id], 'reject')])).toBe('one implementation');
  });
  it('same lineage only is not ready (OpenSSL and python-cryptography)', () => {
    const r = [stack('openssl', 'openssl'), stack('python-cryptography', 'openssl'), ...consumers(['openssl', 'openssl'], ['python-cryptography', 'openssl']),
      produce('openssl', 'openssl', 'signed-data/attached'), cross('openssl', 'python-cryptography', 'signed-data/attached')];
    expect(statusOf(r)).toBe('one implementation');
  });
  it('interop on another feature only is not ready', () => {
    const r = [stack('a', 'la'), stack('b', 'lb'), ...consumers(['a', 'la'], ['b', 'lb']), produce('a', 'la', 'enveloped-data/ktri'), cross('a', 'b', 'enveloped-data/ktri')];
    expect(statusOf(r)).toBe('no interop');
  });
  it('a consumer that accepts the invalid sample breaks the pair', () => {
    const r = [stack('a', 'la'), stack('b', 'lb'), ...consumers(['a', 'la'], ['b', 'lb']).filter((x) => !(x.kind === 'consume' && x.stack === 'b' && x.expected === 'invalid')),
      consume('b', 'lb', 'invalid/sig', 'invalid', signed, [REQ.id], 'accept'), produce('a', 'la', 'signed-data/attached'), cross('a', 'b', 'signed-data/attached')];
    expect(statusOf(r)).toBe('one implementation');
  });
  it('untestable entries are not testable here, with the reason; nothing at all is none', () => {
    expect(readiness([UNTESTABLE], [])[0]).toMatchObject({ status: 'not testable here', note: 'needs a human' });
    expect(statusOf([])).toBe('none');
  });
  it('lists every catalog entry and sums MUSTs per RFC', () => {
    const cat = loadCatalog();
    const rows = readiness(cat.entries, []);
    expect(rows.length).toBe(cat.entries.length);
    expect(cat.entries.length).toBeGreaterThan(1100);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    const sums = summarize(rows);
    expect(sums.reduce((n, s) => n + Object.values(s.counts).reduce((a, b) => a + b, 0), 0)).toBe(rows.length);
    expect(sums.every((s) => s.must.ready === 0)).toBe(true);
  });
});
