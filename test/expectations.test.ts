/**
 * The expectation files (expectations/<stack>.yaml) are data and linted: each validates against
 * docs/expectations-schema-v1.json, names its own stack, cites only samples of the committed corpus
 * and flags of data/flags.yaml, lists a sample once per outcome, and an accepted invalid sample's
 * reason cites the RFC it breaks. A damaged file is an error, not an empty list.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { EXPECTATIONS_DIR, loadExpectations } from '../core/expectations.ts';
import { CORPUS } from './helpers/corpus.ts';

const manifest = parse(readFileSync(join(CORPUS, 'manifest.yaml'), 'utf8')) as { samples: { id: string; expected: string }[] };
const expected = new Map(manifest.samples.map((s) => [s.id, s.expected]));
const flags = new Set((parse(readFileSync(join(CORPUS, '..', 'data', 'flags.yaml'), 'utf8')) as { flags: { name: string }[] }).flags.map((f) => f.name));
const files = readdirSync(EXPECTATIONS_DIR).filter((f) => f.endsWith('.yaml'));

describe('expectations/<stack>.yaml', () => {
  it('exists for openssl', () => expect(files).toContain('openssl.yaml'));
  for (const f of files) {
    it(`${f} is schema-valid and cites the corpus`, () => {
      const stack = f.replace(/\.yaml$/, '');
      const entries = loadExpectations(stack);
      expect(entries.length).toBeGreaterThan(0);
      const seen = new Set<string>();
      for (const e of entries) {
        if (e.sample) {
          expect(expected.has(e.sample), e.sample).toBe(true);
          if (e.outcome === 'accept') {
            expect(expected.get(e.sample), e.sample).toBe('invalid');
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
});
