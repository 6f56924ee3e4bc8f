/**
 * The manifest is a data file: it is validated against its JSON Schema and linted (unique ids,
 * files present with the stated SHA-256, inputs that exist, requirement sections that exist in
 * the vendored RFC texts, vocabulary used and defined once).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { MANIFEST_SCHEMA } from '../core/manifest.ts';
import { ALGORITHMS, FEATURES } from '../core/vocabulary.ts';
import { CORPUS, loadManifest, REPO } from './helpers/corpus.ts';

const manifest = loadManifest();

function sectionExists(rfc: string, section: string): boolean {
  const path = join(REPO, 'spec', 'rfc', `${rfc}.txt`);
  if (!existsSync(path)) return false;
  const text = readFileSync(path, 'utf8');
  // Parts joined by a dot and an optional space: RFC 2634 prints one heading as "2. 7".
  const escaped = section.split('.').join('\\.\\s?');
  return new RegExp(`^(Section )?${escaped}\\.?\\s+\\S`, 'm').test(text);
}

describe('corpus manifest', () => {
  it('validates against the version 1 schema', () => {
    const ajv = new Ajv({ allErrors: true });
    const validate = ajv.compile(MANIFEST_SCHEMA);
    const ok = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('has unique ids, and each file exists with the SHA-256 it states', () => {
    const ids = manifest.samples.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const s of manifest.samples) {
      const bytes = readFileSync(join(CORPUS, s.file));
      expect(createHash('sha256').update(bytes).digest('hex'), s.id).toBe(s.sha256);
    }
  });

  it('names only inputs that exist in the corpus', () => {
    for (const s of manifest.samples) {
      const i = s.inputs;
      const paths = [i.content, ...(i.signerCerts ?? []), i.recipient?.cert, i.recipient?.key].filter((p): p is string => !!p);
      for (const p of paths) expect(existsSync(join(CORPUS, p)), `${s.id}: ${p}`).toBe(true);
    }
    for (const t of manifest.trustAnchors) expect(existsSync(join(CORPUS, t))).toBe(true);
  });

  it('cites RFC sections that exist in the vendored RFC texts', () => {
    const missing: string[] = [];
    for (const s of manifest.samples) {
      for (const r of s.requirements) {
        const [rfc, section] = r.split('/') as [string, string];
        if (!sectionExists(rfc, section)) missing.push(`${s.id}: ${r}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('uses every content type, and every feature and algorithm it uses is defined', () => {
    const used = new Set(manifest.samples.flatMap((s) => [...s.features]));
    for (const f of used) expect(Object.keys(FEATURES)).toContain(f);
    const algs = new Set(manifest.samples.flatMap((s) => [...s.algorithms]));
    for (const a of algs) expect(Object.keys(ALGORITHMS)).toContain(a);
    expect(new Set(manifest.samples.map((s) => s.contentType))).toEqual(new Set([
      'data', 'signedData', 'envelopedData', 'digestedData', 'encryptedData', 'authData', 'authEnvelopedData', 'compressedData',
    ]));
  });

  it('covers every RecipientInfo kind and every signature algorithm family the issue asks for', () => {
    const algs = new Set(manifest.samples.flatMap((s) => [...s.algorithms]));
    for (const a of ['rsa-pkcs1v15', 'rsa-pss', 'dsa', 'ecdsa-p256', 'ecdsa-p384', 'ed25519', 'ed448', 'rsaes-pkcs1v15', 'rsaes-oaep',
      'ecdh-p256', 'ecdh-p384', 'x25519', 'x448', 'esdh-x942', 'aes-wrap', '3des-wrap', 'pwri-kek', 'aes-128-cbc', 'aes-192-cbc',
      'aes-256-cbc', '3des-cbc', 'aes-gcm', 'aes-ccm', 'hmac-sha256', 'hmac-sha1', 'zlib']) {
      expect(algs, a).toContain(a);
    }
    const features = new Set(manifest.samples.flatMap((s) => [...s.features]));
    for (const f of ['ktri', 'kari', 'kekri', 'pwri', 'mixed-recipient-kinds', 'originator-info', 'unprotected-attrs', 'countersignature',
      'certs-only', 'crls-included', 'sid-ski', 'detached', 'ber-indefinite', 'signing-time-utc', 'signing-time-generalized',
      'smime-capabilities', 'algorithm-protection', 'multiple-signers', 'no-signed-attrs']) {
      expect(features, f).toContain(f);
    }
  });
});
