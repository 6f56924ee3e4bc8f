/**
 * The expectation files (expectations/<stack>.yaml) are data and linted: every stack family of the
 * registry has one; each validates against docs/expectations-schema-v1.json, names its own stack,
 * cites only samples of the committed corpus and flags of data/flags.yaml, lists a sample once per
 * outcome; an accepted sample must be invalid and a rejected one valid (anything else is not a
 * divergence), and either reason cites the RFC. A damaged file is an error, not an empty list. The
 * matcher (reports/known.ts) takes a record as known only for the entry's outcome and versions.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { EXPECTATIONS_DIR, loadExpectations } from '../core/expectations.ts';
import { CORPUS } from './helpers/corpus.ts';
import { ALL_ADAPTERS } from '../adapters/registry.ts';
import { expectationsFileOf, knownDivergences } from '../reports/known.ts';
import type { Expectation } from '../core/expectations.ts';

const manifest = parse(readFileSync(join(CORPUS, 'manifest.yaml'), 'utf8')) as { samples: { id: string; expected: string }[] };
const expected = new Map(manifest.samples.map((s) => [s.id, s.expected]));
const flags = new Set((parse(readFileSync(join(CORPUS, '..', 'data', 'flags.yaml'), 'utf8')) as { flags: { name: string }[] }).flags.map((f) => f.name));
const files = readdirSync(EXPECTATIONS_DIR).filter((f) => f.endsWith('.yaml'));

describe('expectations/<stack>.yaml', () => {
  it('exists for every stack family of the registry', () => {
    const families = [...new Set(ALL_ADAPTERS.map((a) => expectationsFileOf(a.name)))];
    expect(families.length).toBeGreaterThanOrEqual(8);
    for (const f of families) expect(files, f).toContain(`${f}.yaml`);
  });
  for (const f of files) {
    it(`${f} is schema-valid and cites the corpus`, () => {
      const stack = f.replace(/\.yaml$/, '');
      const entries = loadExpectations(stack);
      const seen = new Set<string>();
      for (const e of entries) {
        if (e.sample) {
          expect(expected.has(e.sample), e.sample).toBe(true);
          if (e.outcome === 'accept') {
            expect(expected.get(e.sample), e.sample).toBe('invalid');
            expect(e.reason, e.sample).toMatch(/RFC \d{4}/);
          }
          if (e.outcome === 'reject') {
            expect(expected.get(e.sample), `${e.sample}: a rejected invalid or acceptable sample is no divergence`).toBe('valid');
            expect(e.reason, e.sample).toMatch(/RFC \d{4}/);
          }
          if (e.outcome === 'wrong-content') {
            expect(expected.get(e.sample), `${e.sample}: wrong content is a divergence on a valid sample`).toBe('valid');
            expect(e.reason, e.sample).toMatch(/RFC \d{4}/);
          }
        }
        if (e.flag) expect(flags.has(e.flag), e.flag).toBe(true);
        const key = `${e.sample ?? e.flag}|${e.outcome}|${e.before ?? ''}|${e.since ?? ''}`;
        expect(seen.has(key), key).toBe(false);
        seen.add(key);
      }
    });
  }
  it('a damaged file is an error naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cmsi-expect-'));
    try {
      writeFileSync(join(dir, 'x.yaml'), 'version: 1\nstack: x\nentries:\n  - sample: a\n    outcome: maybe\n    reason: because it is so\n');
      expect(() => loadExpectations('x', dir)).toThrow(/x\.yaml: \/entries\/0/);
      writeFileSync(join(dir, 'x.yaml'), 'version: 1\nstack: y\nentries: []\n');
      expect(() => loadExpectations('x', dir)).toThrow(/for stack y, not x/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('a record is known only for the entry\'s outcome, versions and stack family', () => {
    const entries: Record<string, readonly Expectation[]> = {
      openssl: [
        { sample: 'a', outcome: 'accept', reason: 'RFC 5652 5.3: a test reason' },
        { sample: 'b', outcome: 'accept', reason: 'RFC 5652 11.3: older only', before: '3.6' },
        { flag: 'SomeFlag', outcome: 'accept', reason: 'RFC 5652 5.4: by flag' },
      ],
    };
    const knownOf = knownDivergences((f) => entries[f] ?? []);
    const r = (stack: string, version: string, sample: string, verdict: 'accept' | 'reject', flags: string[] = []) => knownOf({ stack, version, sample, verdict, flags });
    expect(r('openssl', 'OpenSSL 3.0.19 27 Jan 2026', 'a', 'accept')?.reason).toMatch(/a test reason/);
    expect(r('openssl', 'OpenSSL 3.0.19', 'a', 'reject')).toBeNull();
    expect(r('openssl@3.6', 'OpenSSL 3.6.5', 'a', 'accept')?.reason).toMatch(/a test reason/);
    expect(r('openssl', 'OpenSSL 3.0.19', 'b', 'accept')?.reason).toMatch(/older only/);
    expect(r('openssl@3.6', 'OpenSSL 3.6.5', 'b', 'accept')).toBeNull();
    expect(r('openssl', 'no version text', 'b', 'accept')).toBeNull();
    expect(r('openssl', 'OpenSSL 3.0.19', 'c', 'accept', ['SomeFlag'])?.reason).toMatch(/by flag/);
    expect(r('openssl', 'OpenSSL 3.0.19', 'c', 'accept', ['OtherFlag'])).toBeNull();
    expect(r('python-cryptography', 'cryptography 48.0.0', 'a', 'accept')).toBeNull();
  });
  it('a wrong-content entry explains only an accept with other content; an accept entry keeps explaining accepts', () => {
    const knownOf = knownDivergences((f) => (f === 'nss' ? [
      { sample: 'w', outcome: 'wrong-content', reason: 'RFC 5652 5.2: a test reason' },
      { sample: 'a', outcome: 'accept', reason: 'RFC 5652 5.3: accepted' },
    ] : []));
    const r = (sample: string, verdict: 'accept' | 'reject', contentMatch: boolean | null) => knownOf({ stack: 'nss', version: 'NSS 3.87.1', sample, verdict, flags: [], contentMatch });
    expect(r('w', 'accept', false)?.reason).toMatch(/a test reason/);
    expect(r('w', 'accept', true)).toBeNull();
    expect(r('w', 'accept', null)).toBeNull();
    expect(r('w', 'reject', null)).toBeNull();
    expect(r('a', 'accept', false)?.reason).toMatch(/accepted/);
    expect(r('a', 'accept', true)?.reason).toMatch(/accepted/);
  });
});
