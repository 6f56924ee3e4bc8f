/**
 * Issue 5 contract: every mutation is deterministic for a seed, changes the bytes, parses as far
 * as its defect allows, names catalog requirements and a defined flag; ids are unique; every flag
 * is defined once and used. The flags file is schema-validated.
 */
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../core/catalog.ts';
import { readDer } from '../core/der/reader.ts';
import { FLAGS_SCHEMA, loadFlags } from '../core/flags.ts';
import { loadCast } from '../generators/cast.ts';
import { contentBytes } from '../generators/contents.ts';
import { SeededRandom } from '../generators/random.ts';
import { ALL_CASES, KEY_SETS } from '../generators/registry.ts';
import { extendCast } from '../generators/cast.ts';
import { ALL_MUTATIONS } from '../generators/mutations/registry.ts';
import type { BuiltCase } from '../generators/case.ts';
import { loadManifest } from './helpers/corpus.ts';

const catalog = loadCatalog();
const flags = loadFlags();
const cast = extendCast(loadCast(), KEY_SETS);
const baseCache = new Map<string, BuiltCase>();
function base(id: string): BuiltCase {
  const c = ALL_CASES.find((x) => x.id === id);
  if (!c) throw new Error(`no base case ${id}`);
  if (!baseCache.has(id)) baseCache.set(id, c.build({ cast, rnd: new SeededRandom('1', 'corpus').fork(id), content: contentBytes }));
  return baseCache.get(id)!;
}
/** Defects after which the bytes are not one BER value at all. */
const UNPARSEABLE_FLAGS = new Set(['Truncated', 'LengthOverflow', 'TrailingData']);

describe('flags', () => {
  it('validate against the schema, with unique names', () => {
    const validate = new Ajv({ allErrors: true }).compile(FLAGS_SCHEMA);
    validate(flags);
    expect(validate.errors ?? []).toEqual([]);
    const names = flags.flags.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
  });
  it('every flag used is defined and every defined flag is used', () => {
    const defined = new Set(flags.flags.map((f) => f.name));
    const used = new Set(ALL_MUTATIONS.map((m) => m.flag));
    expect([...used].filter((f) => !defined.has(f))).toEqual([]);
    expect([...defined].filter((f) => !used.has(f))).toEqual([]);
  });
});

describe('mutations', () => {
  it('have unique ids of the form invalid/<category>/<name>', () => {
    const ids = ALL_MUTATIONS.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^invalid\/[a-z0-9-]+\/[a-z0-9.-]+$/);
  });

  it('number at least 80 in the generated manifest', () => {
    const m = loadManifest();
    expect(m.samples.filter((s) => s.expected !== 'valid').length).toBeGreaterThanOrEqual(80);
  });

  for (const m of ALL_MUTATIONS) {
    it(`${m.id}: deterministic, changes the bytes, parses as far as the defect allows, cites the catalog`, () => {
      const b = base(m.base);
      const run = () => m.apply({ base: b.bytes, built: b, ctx: { cast, rnd: new SeededRandom('1', 'corpus').fork(m.id), content: contentBytes } }).bytes;
      const once = run();
      expect(Buffer.from(run()).equals(Buffer.from(once)), 'same seed, same bytes').toBe(true);
      expect(Buffer.from(once).equals(Buffer.from(b.bytes)), 'changes the bytes').toBe(false);
      if (!UNPARSEABLE_FLAGS.has(m.flag) && !once.slice(0, 8).every((x) => x >= 0x20)) {
        expect(readDer(once).root, 'still one BER value').not.toBeNull();
      }
      expect(m.requirements.length).toBeGreaterThan(0);
      for (const r of m.requirements) expect(catalog.get(r), `${r} is a catalog id`).toBeDefined();
      expect(flags.flags.some((f) => f.name === m.flag)).toBe(true);
      expect(m.description.length).toBeGreaterThan(20);
    });
  }
});
