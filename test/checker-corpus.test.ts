/**
 * Issue 4 acceptance: every valid corpus sample checks `valid` with zero MUST failures, with its
 * manifest inputs, under both profiles; and the rules that ran are catalog entries or documented
 * checker rules.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../core/catalog.ts';
import { checkManifest } from '../cli/check.ts';
import { BUILTIN_RULES } from '../checkers/builtin-rules.ts';
import { CORPUS, loadManifest } from './helpers/corpus.ts';

const catalog = loadCatalog();

describe('the checker on the valid corpus', () => {
  for (const profile of ['current', 'v3'] as const) {
    it(`every sample is valid under --profile ${profile}, with no MUST failure`, () => {
      const { results, mismatches } = checkManifest(join(CORPUS, 'manifest.yaml'), catalog, profile);
      expect(mismatches).toEqual([]);
      const validFiles = new Set(loadManifest().samples.filter((s) => s.expected === 'valid').map((s) => s.file));
      const mustFailures = results.filter((r) => validFiles.has(r.file)).flatMap((r) => r.findings.filter((f) => f.status === 'fail').map((f) => `${r.file}: ${f.rule} ${f.message}`));
      expect(mustFailures).toEqual([]);
      expect(validFiles.size).toBeGreaterThan(100);
    });
  }

  it('checks signatures: every signed sample has at least one passing cmsi/signature-valid', () => {
    const { results } = checkManifest(join(CORPUS, 'manifest.yaml'), catalog, 'current');
    const validFiles = new Set(loadManifest().samples.filter((s) => s.expected === 'valid').map((s) => s.file));
    const signed = results.filter((r) => validFiles.has(r.file) && r.findings.some((f) => f.path.includes('signerInfos')));
    expect(signed.length).toBeGreaterThan(40);
    for (const r of signed) expect(r.findings.some((f) => f.rule === 'cmsi/signature-valid' && f.status === 'pass'), r.file).toBe(true);
  });

  it('cites only rules that exist in the catalog or are built in', () => {
    const { results } = checkManifest(join(CORPUS, 'manifest.yaml'), catalog, 'current');
    const rules = new Set(results.flatMap((r) => r.findings.map((f) => f.rule)));
    for (const rule of rules) expect(!!catalog.get(rule) || rule in BUILTIN_RULES, rule).toBe(true);
  });
});
