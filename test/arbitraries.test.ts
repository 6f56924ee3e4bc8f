/**
 * The fuzzing arbitraries (issue 5, point 4): valid SignedData with random choices checks valid
 * (generator and checker agree on random combinations, not only on the corpus), random mutation
 * sequences never make the checker throw, and every value is reproducible from {seed, path}.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../core/catalog.ts';
import { checkBytes } from '../checkers/engine.ts';
import { applyMutations, mutationSequenceArbitrary, replay, signedDataArbitrary } from '../generators/arbitraries.ts';
import { extendCast, loadCast } from '../generators/cast.ts';
import { KEY_SETS } from '../generators/registry.ts';
import { CORPUS, loadManifest, readBytes } from './helpers/corpus.ts';

const cast = extendCast(loadCast(), KEY_SETS);
const catalog = loadCatalog();
const arb = signedDataArbitrary(cast);

describe('fast-check arbitraries', () => {
  it('valid SignedData with random choices checks valid (300 runs)', () => {
    fc.assert(fc.property(arb, ({ choices, bytes }) => {
      // The arbitrary signing time may lie before the cast's validity (2025-2099): paths are
      // validated at the corpus's validation time, as the manifest does, not at that claim.
      const r = checkBytes('arbitrary', bytes, { catalog, profile: 'current', certs: [], content: choices.detached ? choices.content : null, at: { ms: Date.parse('2026-06-01T00:00:00Z'), source: 'at' } });
      const failed = r.findings.filter((f) => f.status === 'fail').map((f) => `${f.rule}: ${f.message}`);
      expect(failed, JSON.stringify({ ...choices, content: choices.content.length })).toEqual([]);
      expect(r.verdict).toBe('valid');
    }), { seed: 20261128, numRuns: 300 });
  }, 120_000);

  it('a value is reproducible from {seed, path}', () => {
    for (const seed of [1, 42, 987654]) {
      const a = replay(arb, { seed });
      const b = replay(arb, { seed });
      expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
      const p = replay(arb, { seed, path: '3' });
      expect(Buffer.from(replay(arb, { seed, path: '3' }).bytes).equals(Buffer.from(p.bytes))).toBe(true);
    }
  });

  it('random mutation sequences over corpus samples are reproducible and never make the checker throw (2,000 runs)', () => {
    const samples = loadManifest().samples.filter((s) => s.format !== 'smime').slice(0, 60).map((s) => readBytes(CORPUS, s.file));
    const mutated = fc.tuple(fc.nat({ max: samples.length - 1 }), mutationSequenceArbitrary).map(([i, steps]) => ({ steps, bytes: applyMutations(samples[i]!, steps) }));
    fc.assert(fc.property(mutated, ({ bytes }) => {
      const r = checkBytes('mutated', bytes, { catalog, profile: 'current', certs: [], content: null });
      expect(['valid', 'acceptable', 'invalid', 'unchecked', 'unparseable']).toContain(r.verdict);
    }), { seed: 7, numRuns: 2000 });
    const again = replay(mutated, { seed: 11 });
    expect(Buffer.from(replay(mutated, { seed: 11 }).bytes).equals(Buffer.from(again.bytes))).toBe(true);
  }, 120_000);
});
