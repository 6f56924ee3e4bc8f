/**
 * `cmsi generate`: builds every case from the seed and writes DIR/manifest.yaml, the samples, the
 * contents they carry and a copy of the cast, so DIR stands alone. Output depends on the seed and
 * the committed cast only: no wall clock, no unseeded randomness.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import type { Manifest, Sample, SampleInputs } from '../core/manifest.ts';
import type { BuiltCase, CaseDef, ContentName } from './case.ts';
import { CAST_DIR, extendCast, loadCast, type Cast, type KeySet } from './cast.ts';
import { contentBytes } from './contents.ts';
import { SeededRandom } from './random.ts';
import { ALL_CASES, KEY_SETS } from './registry.ts';
import { ALL_MUTATIONS } from './mutations/registry.ts';
import type { Mutation } from './mutations/mutation.ts';

export const GENERATOR_VERSION = 'cmsi-generate/1';
/** Certificates run 2025-2099; validate at a fixed instant inside that range. */
export const VALIDATION_TIME = '2026-06-01T00:00:00Z';

export interface GenerateResult {
  readonly manifest: Manifest;
  readonly files: number;
  readonly bytes: number;
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

function inputsFor(built: BuiltCase, cast: Cast): SampleInputs {
  const keyPath = (f: string) => `keys/${f}`;
  const inputs: { -readonly [K in keyof SampleInputs]: SampleInputs[K] } = {};
  if (built.content) inputs.content = `content/${built.content}.txt`;
  if (built.ownContent) inputs.content = `content/${built.ownContent.name}`;
  if (built.detached) inputs.detached = true;
  if (built.signers?.length) inputs.signerCerts = built.signers.map((id) => keyPath(cast.get(id).certFile));
  if (built.recipient) {
    const r = cast.get(built.recipient);
    inputs.recipient = { id: r.id, cert: keyPath(r.certFile), key: keyPath(r.keyFile) };
  }
  if (built.kek) {
    inputs.kek = { ...(built.kek.keyId.length ? { keyId: hex(built.kek.keyId) } : {}), key: hex(built.kek.key), wrap: built.kek.wrap };
  }
  if (built.password) inputs.password = built.password;
  if (built.layers) inputs.layers = built.layers;
  if (built.receiptFor) inputs.receiptFor = built.receiptFor;
  return inputs;
}

/**
 * `keySets` are identities beyond the committed cast (the RFC 4134 keys): cases and manifest
 * inputs can name them, their files are written under DIR/keys/ and their roots become trust
 * anchors. They are derived from vendored files, so they are written even when DIR is corpus/.
 */
export function generateCorpus(outDir: string, seed: string, cases: readonly CaseDef[] = ALL_CASES, keySets: readonly KeySet[] = KEY_SETS, mutations: readonly Mutation[] = ALL_MUTATIONS): GenerateResult {
  const ids = new Set<string>();
  for (const c of [...cases, ...mutations]) {
    if (ids.has(c.id)) throw new Error(`duplicate case id ${c.id}`);
    ids.add(c.id);
  }
  const cast = extendCast(loadCast(), keySets);
  const root = new SeededRandom(seed, 'corpus');
  let files = 0;
  let bytes = 0;
  const write = (rel: string, data: Uint8Array | string) => {
    const path = join(outDir, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, data);
    files++;
    bytes += typeof data === 'string' ? Buffer.byteLength(data) : data.length;
  };
  const usedContents = new Set<ContentName>();
  const builtById = new Map<string, { readonly built: BuiltCase; readonly sample: Sample }>();
  const samples: Sample[] = cases.map((c) => {
    const built = c.build({ cast, rnd: root.fork(c.id), content: contentBytes });
    if (built.content) usedContents.add(built.content);
    if (built.ownContent) write(`content/${built.ownContent.name}`, built.ownContent.bytes);
    const format = c.format ?? 'der';
    const file = `samples/${c.id}.${format === 'smime' ? 'eml' : format}`;
    write(file, built.bytes);
    const sample: Sample = {
      id: c.id,
      file,
      sha256: createHash('sha256').update(built.bytes).digest('hex'),
      format,
      contentType: c.contentType,
      expected: c.publishedDefect ? 'invalid' : 'valid',
      description: c.description,
      features: c.features,
      algorithms: c.algorithms,
      requirements: c.publishedDefect?.violates ?? c.requirements,
      ...(c.publishedDefect ? { flags: [c.publishedDefect.flag] } : {}),
      profiles: c.profiles,
      inputs: inputsFor(built, cast),
      ...(built.attributes ? { attributes: built.attributes } : {}),
    };
    builtById.set(c.id, { built, sample });
    return sample;
  });
  for (const m of mutations) {
    const base = builtById.get(m.base);
    if (!base) throw new Error(`mutation ${m.id}: no base case ${m.base}`);
    const ctx = { cast, rnd: root.fork(m.id), content: contentBytes };
    const { bytes: mutated, ...overrides } = m.apply({ base: base.built.bytes, built: base.built, ctx });
    const built: BuiltCase = { ...base.built, ...overrides, bytes: mutated };
    if (built.ownContent) write(`content/${built.ownContent.name}`, built.ownContent.bytes);
    if (built.content) usedContents.add(built.content);
    const file = `samples/${m.id}.${base.sample.format === 'smime' ? 'eml' : 'der'}`;
    write(file, mutated);
    const { attributes: _baseAttributes, ...baseSample } = base.sample;
    samples.push({
      ...baseSample,
      id: m.id,
      file,
      sha256: createHash('sha256').update(mutated).digest('hex'),
      format: base.sample.format === 'smime' ? 'smime' : 'der',
      expected: m.expected,
      description: m.description,
      requirements: m.requirements,
      flags: [m.flag],
      ...(m.addsFeatures ? { features: [...baseSample.features, ...m.addsFeatures.filter((f) => !baseSample.features.includes(f))] } : {}),
      base: m.base,
      mutation: m.id,
      // A base that lists no profile (judged under whichever is asked) takes the mutation's own.
      ...(m.profiles ? { profiles: base.sample.profiles.length ? base.sample.profiles.filter((p) => m.profiles!.includes(p)) : [...m.profiles] } : {}),
      resigned: m.stage === 'before',
      ...(m.limit ? { limit: m.limit } : {}),
      inputs: inputsFor(built, cast),
    });
  }
  for (const name of [...usedContents].sort()) write(`content/${name}.txt`, contentBytes(name));
  if (join(outDir, 'keys') !== join(CAST_DIR)) {
    mkdirSync(join(outDir, 'keys'), { recursive: true });
    for (const f of cast.files) {
      copyFileSync(join(CAST_DIR, f), join(outDir, 'keys', f));
      files++;
    }
  }
  for (const f of keySets.flatMap((k) => k.files)) write(`keys/${f.path}`, f.data);
  const manifest: Manifest = {
    version: 1,
    seed,
    generator: GENERATOR_VERSION,
    validationTime: VALIDATION_TIME,
    trustAnchors: [`keys/${cast.get('carl-rsa').certFile}`, ...keySets.flatMap((k) => k.trustAnchors.map((t) => `keys/${t}`))],
    samples,
  };
  // No anchors: many samples share their base's arrays, and YAML readers bound alias counts.
  write('manifest.yaml', stringify(manifest, { lineWidth: 0, aliasDuplicateObjects: false }));
  return { manifest, files, bytes };
}
