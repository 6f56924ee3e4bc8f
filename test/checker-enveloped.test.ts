/**
 * The checker on EnvelopedData, AuthEnvelopedData, AuthenticatedData, EncryptedData, DigestedData,
 * CompressedData and Data: (a) every corpus sample of these types is valid with its manifest inputs
 * and the crypto rules really ran (decryption, MAC, digest, decompression, content comparison);
 * (b) copies with one byte of a key, ciphertext, tag, MAC or digest changed check invalid with a
 * finding on that field; (c) messages made by OpenSSL check valid with the key and invalid with a
 * byte of the encrypted key changed. Fields are located with asn1js (test/helpers/asn1.ts), not
 * with the checker's own reader.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../core/catalog.ts';
import type { Sample } from '../core/manifest.ts';
import { checkCommand, checkManifest, parseKek } from '../cli/check.ts';
import { UsageError } from '../cli/usage.ts';
import { checkBytes, type CheckOptions } from '../checkers/engine.ts';
import type { FileResult, Finding } from '../checkers/finding.ts';
import { rc2DecryptBlock, rc2EncryptBlock, rc2ExpandKey } from '../checkers/crypto/rc2.ts';
import { child, decode, type Node } from './helpers/asn1.ts';
import { CORPUS, loadManifest, readBytes } from './helpers/corpus.ts';

const catalog = loadCatalog();
const manifest = loadManifest();
const TYPES = new Set(['envelopedData', 'authEnvelopedData', 'authData', 'encryptedData', 'digestedData', 'compressedData', 'data']);
const samples = manifest.samples.filter((s) => TYPES.has(s.contentType) && s.expected === 'valid');
const bySample = (id: string): Sample => {
  const s = manifest.samples.find((x) => x.id === id);
  if (!s) throw new Error(`no sample ${id}`);
  return s;
};

const passes = (r: FileResult, rule: string, path?: RegExp): Finding[] => r.findings.filter((f) => f.rule === rule && f.status === 'pass' && (!path || path.test(f.path)));
const failed = (r: FileResult): Finding[] => r.findings.filter((f) => f.status === 'fail');

/** The options checkManifest gives a sample: its recipient key and certificate, password, KEK, content. */
function optionsFor(s: Sample): CheckOptions {
  const i = s.inputs;
  const compare = !i.layers && s.contentType !== 'signedData';
  return {
    catalog, profile: s.profiles.includes('current') ? 'current' : s.profiles[0] ?? 'current', certs: [],
    content: i.content && (i.detached || compare) ? readBytes(CORPUS, i.content) : null,
    ...(i.recipient ? { keys: [{ key: readBytes(CORPUS, i.recipient.key), cert: readBytes(CORPUS, i.recipient.cert) }] } : {}),
    ...(i.password !== undefined ? { password: i.password } : {}),
    ...(i.kek ? { kek: { keyId: i.kek.keyId ? new Uint8Array(Buffer.from(i.kek.keyId, 'hex')) : null, key: new Uint8Array(Buffer.from(i.kek.key, 'hex')) } } : {}),
  };
}

/** The CMS of a sample file (the .eml samples carry it base64 in an application/pkcs7-mime body). */
function cmsOf(s: Sample): Uint8Array {
  const bytes = readBytes(CORPUS, s.file);
  if (s.format !== 'smime') return bytes;
  const text = Buffer.from(bytes).toString('latin1');
  const body = text.slice(text.search(/\r?\n\r?\n/)).trim();
  return new Uint8Array(Buffer.from(body, 'base64'));
}

const check = (s: Sample, bytes: Uint8Array, extra: Partial<CheckOptions> = {}): FileResult => checkBytes(s.id, bytes, { ...optionsFor(s), ...extra });

describe('(a) the corpus samples of the enveloping types', () => {
  it('covers every type', () => {
    expect(new Set(samples.map((s) => s.contentType))).toEqual(TYPES);
    expect(samples.length).toBeGreaterThanOrEqual(40);
  });

  for (const profile of ['current', 'v3'] as const) {
    it(`all are valid with their manifest inputs under --profile ${profile}`, () => {
      const { results, mismatches } = checkManifest(join(CORPUS, 'manifest.yaml'), catalog, profile);
      const ids = new Set(samples.map((s) => s.id));
      expect(mismatches.filter((m) => ids.has(m.trim().split(':')[0]!))).toEqual([]);
      const mine = results.filter((r) => samples.some((s) => s.file === r.file));
      expect(mine).toHaveLength(samples.length);
      for (const r of mine) expect(failed(r).map((f) => `${r.file}: ${f.rule} ${f.message}`)).toEqual([]);
    });
  }

  const { results } = checkManifest(join(CORPUS, 'manifest.yaml'), catalog, 'current');
  const resultOf = (s: Sample): FileResult => results.find((r) => r.file === s.file)!;

  for (const s of samples) {
    it(`${s.id}: the crypto rules ran and passed`, () => {
      const r = resultOf(s);
      expect(r.verdict).toBe('valid');
      const compared = !!s.inputs.content && !s.inputs.layers;
      switch (s.contentType) {
        case 'envelopedData':
        case 'authEnvelopedData': {
          // Each RecipientInfo the given material opens is one pass on an encryptedKey.
          const opened = passes(r, 'cmsi/decryption', /\.encryptedKey$/).length;
          const material = (s.inputs.recipient ? 1 : 0) + (s.inputs.kek ? 1 : 0) + (s.inputs.password ? 1 : 0);
          expect(opened).toBeGreaterThanOrEqual(material);
          const contentPath = s.contentType === 'envelopedData' ? /\.encryptedContentInfo\.encryptedContent$/ : /^authEnvelopedData\.mac$/;
          expect(passes(r, 'cmsi/decryption', contentPath).length).toBeGreaterThanOrEqual(1);
          break;
        }
        case 'authData':
          expect(passes(r, 'cmsi/decryption', /\.encryptedKey$/)).toHaveLength(1);
          expect(passes(r, 'cmsi/mac-valid', /^authData\.mac$/)).toHaveLength(1);
          // Under the v3 profile the RFC 2630 statement of the same rule is cited.
          if (s.id.includes('/auth-attrs')) expect(r.findings.filter((f) => /^rfc(5652|2630)\/9\.3\/message-digest-attribute-matches$/.test(f.rule) && f.status === 'pass')).toHaveLength(1);
          break;
        case 'encryptedData':
          expect(passes(r, 'cmsi/decryption', /^encryptedData\.encryptedContentInfo\.encryptedContent$/)).toHaveLength(1);
          break;
        case 'digestedData':
          expect(passes(r, 'cmsi/digest-valid', /^digestedData\.digest$/)).toHaveLength(1);
          break;
        case 'compressedData':
          expect(passes(r, 'cmsi/decompression', /\.eContent$/)).toHaveLength(1);
          break;
      }
      if (compared) expect(passes(r, 'cmsi/content-matches')).toHaveLength(1);
    });
  }

  it('without key material the static rules run and pass, and the message is unchecked, not valid (issue 15)', () => {
    for (const id of ['enveloped-data/rsa-pkcs1/aes-128-cbc', 'auth-enveloped-data/aes-128-gcm', 'enveloped-data/pwri/aes-128-cbc']) {
      const s = bySample(id);
      const r = checkBytes(s.id, cmsOf(s), { catalog, profile: 'current', certs: [], content: null });
      expect(r.verdict).toBe('unchecked');
      expect(failed(r)).toEqual([]);
      expect(r.findings.filter((f) => f.rule === 'cmsi/decryption')).toEqual([]);
      expect(r.findings.filter((f) => f.status === 'unchecked').map((f) => f.rule)).toEqual(['cmsi/crypto-unverifiable']);
      expect(r.findings.some((f) => f.status === 'pass')).toBe(true);
    }
  });

  it('key material that matches no RecipientInfo is cmsi/crypto-unverifiable: unchecked, neither valid nor invalid', () => {
    const s = bySample('enveloped-data/rsa-pkcs1/aes-128-cbc');
    const keys = [{ key: readBytes(CORPUS, 'keys/alice-rsa.key.pem'), cert: readBytes(CORPUS, 'keys/alice-rsa.cert.pem') }];
    const r = check(s, cmsOf(s), { keys });
    expect(r.verdict).toBe('unchecked');
    expect(failed(r)).toEqual([]);
    expect(r.findings.filter((f) => f.status === 'unchecked').map((f) => f.rule)).toEqual(['cmsi/crypto-unverifiable']);
    const wrongPassword = check(bySample('enveloped-data/pwri/aes-128-cbc'), cmsOf(bySample('enveloped-data/pwri/aes-128-cbc')), { password: 'not the password' });
    expect(failed(wrongPassword).map((f) => `${f.rule} ${f.path}`)).toEqual(['cmsi/decryption envelopedData.recipientInfos[0].pwri.encryptedKey']);
  });

  it('a key given without its certificate is tried on the RecipientInfos of its kind', () => {
    const s = bySample('enveloped-data/ecdh-p384/aes-256-cbc');
    const r = check(s, cmsOf(s), { keys: [{ key: readBytes(CORPUS, s.inputs.recipient!.key), cert: null }] });
    expect(r.verdict).toBe('valid');
    expect(passes(r, 'cmsi/content-matches')).toHaveLength(1);
  });
});

// ------------------------------------------------------------------------------------------ (b)

/** The content of a ContentInfo: ContentInfo.content [0] -> the type's SEQUENCE (or OCTET STRING). */
const body = (cms: Uint8Array): Node => child(child(decode(cms), 1), 0);
const isSet = (n: Node) => n.cls === 1 && n.tag === 17;
const isSeq = (n: Node) => n.cls === 1 && n.tag === 16;
const isOctets = (n: Node) => n.cls === 1 && n.tag === 4;
const last = <T>(xs: readonly T[]): T => xs[xs.length - 1]!;

/** recipientInfos[i] of an EnvelopedData / AuthenticatedData / AuthEnvelopedData. */
const recipientInfo = (cms: Uint8Array, i = 0): Node => child(body(cms).children.find(isSet)!, i);
/** The last OCTET STRING of a RecipientInfo: encryptedKey of ktri, kekri, pwri. */
const encryptedKey = (ri: Node): Uint8Array => last(ri.children.filter(isOctets)).value;
/** kari recipientEncryptedKeys[0].encryptedKey. */
const kariEncryptedKey = (ri: Node): Uint8Array => child(last(ri.children.filter(isSeq)), 0).children[1]!.value;
/** encryptedContent [0] IMPLICIT of the EncryptedContentInfo after recipientInfos (or first, for EncryptedData). */
function encryptedContent(cms: Uint8Array): Uint8Array {
  const b = body(cms);
  const eci = b.children.find((c, i) => isSeq(c) && (i > 0) && c.children.some((x) => x.cls === 3 && x.tag === 0))!;
  return last(eci.children).value;
}
/** The mac / digest: the last OCTET STRING directly in the type's SEQUENCE. */
const lastOctets = (cms: Uint8Array): Uint8Array => last(body(cms).children.filter(isOctets)).value;

/** Flips one bit of the octet `delta` into the first occurrence of `needle`. */
function flipAt(bytes: Uint8Array, needle: Uint8Array, delta: number): Uint8Array {
  const at = Buffer.from(bytes).indexOf(Buffer.from(needle));
  if (at < 0) throw new Error('needle not found');
  expect(Buffer.from(bytes).indexOf(Buffer.from(needle), at + 1)).toBe(-1);
  const out = Uint8Array.from(bytes);
  out[at + delta]! ^= 0x01;
  return out;
}

interface Tamper {
  readonly sample: string;
  readonly what: string;
  readonly field: (cms: Uint8Array) => Uint8Array;
  /** Which octet of the field to change: default the middle. */
  readonly delta?: (n: number) => number;
  readonly rule: string;
  readonly path: RegExp;
}

const TAMPERS: readonly Tamper[] = [
  { sample: 'enveloped-data/rsa-pkcs1/aes-128-cbc', what: 'the RSA encryptedKey', field: (c) => encryptedKey(recipientInfo(c)), rule: 'cmsi/decryption', path: /^envelopedData\.recipientInfos\[0\]\.ktri\.encryptedKey$/ },
  { sample: 'enveloped-data/rsa-oaep-sha256/aes-256-cbc', what: 'the RSA-OAEP encryptedKey', field: (c) => encryptedKey(recipientInfo(c)), rule: 'cmsi/decryption', path: /^envelopedData\.recipientInfos\[0\]\.ktri\.encryptedKey$/ },
  { sample: 'enveloped-data/rsa-pkcs1/aes-128-cbc', what: 'the last ciphertext block', field: encryptedContent, delta: (n) => n - 3, rule: 'cmsi/decryption', path: /^envelopedData\.encryptedContentInfo\.encryptedContent$/ },
  { sample: 'enveloped-data/rsa-pkcs1/3des-cbc', what: 'the last 3DES ciphertext block', field: encryptedContent, delta: (n) => n - 1, rule: 'cmsi/decryption', path: /\.encryptedContentInfo\.encryptedContent$/ },
  { sample: 'enveloped-data/ecdh-p256/aes-128-cbc', what: 'the ECDH-wrapped key', field: (c) => kariEncryptedKey(recipientInfo(c)), rule: 'cmsi/decryption', path: /^envelopedData\.recipientInfos\[0\]\.kari\.recipientEncryptedKeys\[0\]\.encryptedKey$/ },
  { sample: 'enveloped-data/x25519/aes-128-cbc', what: 'the X25519-wrapped key', field: (c) => kariEncryptedKey(recipientInfo(c)), rule: 'cmsi/decryption', path: /\.kari\.recipientEncryptedKeys\[0\]\.encryptedKey$/ },
  { sample: 'enveloped-data/x448/aes-256-cbc', what: 'the X448-wrapped key', field: (c) => kariEncryptedKey(recipientInfo(c)), rule: 'cmsi/decryption', path: /\.kari\.recipientEncryptedKeys\[0\]\.encryptedKey$/ },
  { sample: 'enveloped-data/esdh/3des-cbc', what: 'the ES-DH 3DES-wrapped key', field: (c) => kariEncryptedKey(recipientInfo(c)), rule: 'cmsi/decryption', path: /\.kari\.recipientEncryptedKeys\[0\]\.encryptedKey$/ },
  { sample: 'enveloped-data/kek-aes/aes-128-cbc', what: 'the AES-KEK-wrapped key', field: (c) => encryptedKey(recipientInfo(c)), rule: 'cmsi/decryption', path: /^envelopedData\.recipientInfos\[0\]\.kekri\.encryptedKey$/ },
  { sample: 'enveloped-data/kek-3des/3des-cbc', what: 'the 3DES-KEK-wrapped key', field: (c) => encryptedKey(recipientInfo(c)), rule: 'cmsi/decryption', path: /\.kekri\.encryptedKey$/ },
  { sample: 'rfc4134/5.2-enveloped-rc2', what: 'the RC2-KEK-wrapped key', field: (c) => encryptedKey(recipientInfo(c, 1)), rule: 'cmsi/decryption', path: /^envelopedData\.recipientInfos\[1\]\.kekri\.encryptedKey$/ },
  { sample: 'enveloped-data/pwri/aes-128-cbc', what: 'the password-wrapped key', field: (c) => encryptedKey(recipientInfo(c)), rule: 'cmsi/decryption', path: /^envelopedData\.recipientInfos\[0\]\.pwri\.encryptedKey$/ },
  { sample: 'auth-enveloped-data/aes-128-gcm', what: 'the GCM tag', field: lastOctets, rule: 'cmsi/decryption', path: /^authEnvelopedData\.mac$/ },
  { sample: 'auth-enveloped-data/aes-256-ccm/auth-attrs', what: 'the CCM tag', field: lastOctets, rule: 'cmsi/decryption', path: /^authEnvelopedData\.mac$/ },
  { sample: 'auth-enveloped-data/aes-256-gcm/auth-attrs', what: 'the GCM ciphertext', field: encryptedContent, rule: 'cmsi/decryption', path: /^authEnvelopedData\.mac$/ },
  { sample: 'authenticated-data/hmac-sha256/auth-attrs', what: 'the MAC', field: lastOctets, rule: 'cmsi/mac-valid', path: /^authData\.mac$/ },
  { sample: 'authenticated-data/hmac-sha1/auth-attrs', what: 'the MAC-key encryptedKey', field: (c) => encryptedKey(recipientInfo(c)), rule: 'cmsi/decryption', path: /^authData\.recipientInfos\[0\]\.ktri\.encryptedKey$/ },
  { sample: 'encrypted-data/aes-128-cbc', what: 'the EncryptedData last block', field: encryptedContent, delta: (n) => n - 2, rule: 'cmsi/decryption', path: /^encryptedData\.encryptedContentInfo\.encryptedContent$/ },
  { sample: 'digested-data/sha256', what: 'the digest', field: lastOctets, rule: 'cmsi/digest-valid', path: /^digestedData\.digest$/ },
  { sample: 'rfc4134/6.0-digested', what: 'the SHA-1 digest', field: lastOctets, rule: 'cmsi/digest-valid', path: /^digestedData\.digest$/ },
];

describe('(b) tampered copies check invalid, with a finding on the broken field', () => {
  for (const t of TAMPERS) {
    it(`${t.sample}: one byte of ${t.what}`, () => {
      const s = bySample(t.sample);
      const cms = cmsOf(s);
      expect(check(s, cms).verdict).toBe('valid');
      const field = t.field(cms);
      const r = check(s, flipAt(cms, field, t.delta ? t.delta(field.length) : field.length >> 1));
      expect(r.verdict).toBe('invalid');
      expect(failed(r).filter((f) => f.rule === t.rule).map((f) => f.path)).toContainEqual(expect.stringMatching(t.path));
    });
  }

  it('a CBC padding failure reads like any other decryption failure (no padding oracle in the text)', () => {
    const s = bySample('enveloped-data/rsa-pkcs1/aes-128-cbc');
    const cms = cmsOf(s);
    const ct = encryptedContent(cms);
    const r = check(s, flipAt(cms, ct, ct.length - 1));
    const f = failed(r).find((x) => x.rule === 'cmsi/decryption')!;
    expect(f.message).not.toMatch(/pad/i);
    const keyFlip = check(s, flipAt(cms, encryptedKey(recipientInfo(cms)), 100));
    expect(failed(keyFlip).find((x) => x.rule === 'cmsi/decryption')!.message).not.toMatch(/pad/i);
  });

  it('a changed content byte in AuthenticatedData breaks the message-digest attribute, or the MAC without attributes', () => {
    for (const [id, rule, path] of [
      ['authenticated-data/hmac-sha256/auth-attrs', 'rfc5652/9.3/message-digest-attribute-matches', /^authData\.authAttrs\[\d\]\.values\[0\]$/],
      ['authenticated-data/hmac-sha256/no-auth-attrs', 'cmsi/mac-valid', /^authData\.mac$/],
    ] as const) {
      const s = bySample(id);
      const cms = cmsOf(s);
      const r = check(s, flipAt(cms, Buffer.from('cms-interop sample message'), 4), { content: null });
      expect(r.verdict).toBe('invalid');
      expect(failed(r).filter((f) => f.rule === rule).map((f) => f.path)).toContainEqual(expect.stringMatching(path));
    }
  });

  it('a corrupted zlib stream is a cmsi/decompression failure on eContent', () => {
    const s = bySample('compressed-data/zlib');
    const cms = cmsOf(s);
    const z = child(child(child(body(cms), 2), 1), 0).value;
    const r = check(s, flipAt(cms, z, z.length - 2));
    expect(r.verdict).toBe('invalid');
    expect(failed(r).some((f) => (f.rule === 'cmsi/decompression' || f.rule === 'cmsi/content-matches') && f.path.endsWith('.eContent'))).toBe(true);
  });

  it('a decompression bomb is a finding, not an exhausted checker', () => {
    const z = new Uint8Array(deflateSync(Buffer.alloc(65 * 1024 * 1024), { level: 9 }));
    const cms = compressedData(z);
    const r = checkBytes('bomb', cms, { catalog, profile: 'current', certs: [], content: null });
    expect(r.verdict).toBe('invalid');
    const f = failed(r).find((x) => x.rule === 'cmsi/decompression')!;
    expect(f.path).toBe('compressedData.encapContentInfo.eContent');
    expect(f.message).toMatch(/more than 67108864 octets/);
  });

  it('the recovered content is compared with the expected content', () => {
    const s = bySample('encrypted-data/aes-128-cbc');
    const r = check(s, cmsOf(s), { content: new Uint8Array(Buffer.from('something else')) });
    expect(failed(r).map((f) => `${f.rule} ${f.path}`)).toEqual(['cmsi/content-matches encryptedData.encryptedContentInfo.encryptedContent']);
  });
});

/** A CompressedData ContentInfo around a zlib stream, built here with a minimal DER writer. */
function compressedData(z: Uint8Array): Uint8Array {
  const len = (n: number) => (n < 128 ? [n] : (() => { const b: number[] = []; for (let v = n; v > 0; v = Math.floor(v / 256)) b.unshift(v % 256); return [0x80 | b.length, ...b]; })());
  const tlv = (tag: number, ...parts: Uint8Array[]) => { const c = Buffer.concat(parts); return new Uint8Array(Buffer.concat([Buffer.from([tag, ...len(c.length)]), c])); };
  const oid = (hex: string) => tlv(0x06, Buffer.from(hex, 'hex'));
  const zlibOid = oid('2a864886f70d0109100308'); // 1.2.840.113549.1.9.16.3.8, RFC 3274
  const dataOid = oid('2a864886f70d010701');
  const ctOid = oid('2a864886f70d0109100109'); // id-ct-compressedData
  const inner = tlv(0x30, tlv(0x02, Buffer.from([0])), tlv(0x30, zlibOid), tlv(0x30, dataOid, tlv(0xa0, tlv(0x04, z))));
  return tlv(0x30, ctOid, tlv(0xa0, inner));
}

// ------------------------------------------------------------------------------------------ (c)

const tmp = mkdtempSync(join(tmpdir(), 'cmsi-ossl-env-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const keyFile = (id: string) => join(CORPUS, 'keys', `${id}.key.pem`);
const certFile = (id: string) => join(CORPUS, 'keys', `${id}.cert.pem`);
const content = Buffer.from('Content-Type: text/plain\r\n\r\nEncrypted by OpenSSL for cms-interop.\r\n');
writeFileSync(join(tmp, 'content.txt'), content);
const KEK = '000102030405060708090a0b0c0d0e0f';
const KEK_ID = '6f70656e73736c2d6b656b';

interface OpenSslCase {
  readonly name: string;
  readonly args: readonly string[];
  readonly options: Partial<CheckOptions>;
  /** The field one byte of which is changed: the first RecipientInfo's encrypted key unless said. */
  readonly tamper: (cms: Uint8Array) => Uint8Array;
  readonly path: RegExp;
  readonly rule?: string;
  /** Which octet of the field to change: default the middle. */
  readonly delta?: (n: number) => number;
}

const rsaKey = { keys: [{ key: new Uint8Array(readFileSync(keyFile('bob-rsa'))), cert: new Uint8Array(readFileSync(certFile('bob-rsa'))) }] };
const ecKey = (id: string) => ({ keys: [{ key: new Uint8Array(readFileSync(keyFile(id))), cert: new Uint8Array(readFileSync(certFile(id))) }] });
const firstKey = (c: Uint8Array) => encryptedKey(recipientInfo(c));
const kariKey = (c: Uint8Array) => kariEncryptedKey(recipientInfo(c));

const OPENSSL: readonly OpenSslCase[] = [
  { name: 'rsa-aes256', args: ['-encrypt', '-aes256', '-recip', certFile('bob-rsa')], options: rsaKey, tamper: firstKey, path: /\.ktri\.encryptedKey$/ },
  { name: 'rsa-oaep', args: ['-encrypt', '-aes256', '-recip', certFile('bob-rsa'), '-keyopt', 'rsa_padding_mode:oaep'], options: rsaKey, tamper: firstKey, path: /\.ktri\.encryptedKey$/ },
  { name: 'rsa-oaep-sha256', args: ['-encrypt', '-aes128', '-recip', certFile('bob-rsa'), '-keyopt', 'rsa_padding_mode:oaep', '-keyopt', 'rsa_oaep_md:sha256'], options: rsaKey, tamper: firstKey, path: /\.ktri\.encryptedKey$/ },
  { name: 'ecdh-p256', args: ['-encrypt', '-aes128', '-recip', certFile('bob-p256'), '-keyopt', 'ecdh_kdf_md:sha256'], options: ecKey('bob-p256'), tamper: kariKey, path: /\.kari\.recipientEncryptedKeys\[0\]\.encryptedKey$/ },
  { name: 'ecdh-p384', args: ['-encrypt', '-aes256', '-recip', certFile('bob-p384'), '-keyopt', 'ecdh_kdf_md:sha384'], options: ecKey('bob-p384'), tamper: kariKey, path: /\.kari\.recipientEncryptedKeys\[0\]\.encryptedKey$/ },
  { name: 'pwri', args: ['-encrypt', '-aes128', '-pwri_password', 'open sesame'], options: { password: 'open sesame' }, tamper: firstKey, path: /\.pwri\.encryptedKey$/ },
  { name: 'kekri', args: ['-encrypt', '-aes128', '-secretkey', KEK, '-secretkeyid', KEK_ID], options: { kek: { keyId: new Uint8Array(Buffer.from(KEK_ID, 'hex')), key: new Uint8Array(Buffer.from(KEK, 'hex')) } }, tamper: firstKey, path: /\.kekri\.encryptedKey$/ },
  { name: 'auth-enveloped-gcm', args: ['-encrypt', '-aes-128-gcm', '-recip', certFile('bob-rsa')], options: rsaKey, tamper: firstKey, path: /^authEnvelopedData\.recipientInfos\[0\]\.ktri\.encryptedKey$/ },
  { name: 'encrypted-data', args: ['-EncryptedData_encrypt', '-aes128', '-secretkey', KEK], options: { kek: { keyId: null, key: new Uint8Array(Buffer.from(KEK, 'hex')) } }, tamper: encryptedContent, delta: (n) => n - 1, path: /^encryptedData\.encryptedContentInfo\.encryptedContent$/ },
  { name: 'digested-data', args: ['-digest_create', '-md', 'sha256'], options: {}, tamper: lastOctets, path: /^digestedData\.digest$/, rule: 'cmsi/digest-valid' },
];

function openssl(c: OpenSslCase): Uint8Array {
  const out = join(tmp, `${c.name}.der`);
  execFileSync('openssl', ['cms', ...c.args, '-binary', '-in', join(tmp, 'content.txt'), '-outform', 'DER', '-out', out], { stdio: 'pipe' });
  return new Uint8Array(readFileSync(out));
}

const checkOpenSsl = (c: OpenSslCase, bytes: Uint8Array): FileResult =>
  checkBytes(c.name, bytes, { catalog, profile: 'current', certs: [], content: new Uint8Array(content), ...c.options });

describe('(c) messages made by OpenSSL', () => {
  for (const c of OPENSSL) {
    describe(c.name, () => {
      const bytes = openssl(c);

      it('check valid with the key, and the crypto rules ran', () => {
        const r = checkOpenSsl(c, bytes);
        expect(failed(r).map((f) => `${f.rule}: ${f.message}`)).toEqual([]);
        expect(r.verdict).toBe('valid');
        expect(passes(r, 'cmsi/content-matches')).toHaveLength(1);
        if (c.rule !== 'cmsi/digest-valid') expect(passes(r, 'cmsi/decryption').length).toBeGreaterThanOrEqual(c.name === 'encrypted-data' ? 1 : 2);
      });

      it('with one byte of the encrypted key (or ciphertext, digest) changed: invalid, finding on it', () => {
        const field = c.tamper(bytes);
        const r = checkOpenSsl(c, flipAt(bytes, field, c.delta ? c.delta(field.length) : field.length >> 1));
        expect(r.verdict).toBe('invalid');
        expect(failed(r).filter((f) => f.rule === (c.rule ?? 'cmsi/decryption')).map((f) => f.path)).toContainEqual(expect.stringMatching(c.path));
      });
    });
  }

  it('OpenSSL 3.0 cms cannot encrypt to X25519 (so the X25519/X448 checks rest on the corpus)', () => {
    const r = spawnSync('openssl', ['cms', '-encrypt', '-aes128', '-binary', '-in', join(tmp, 'content.txt'), '-outform', 'DER', '-out', join(tmp, 'x.der'), '-recip', certFile('bob-x25519')], { encoding: 'utf8' });
    expect(r.status).not.toBe(0);
  });
});

/**
 * An OtherRecipientInfo of a type the checker does not know, beside a ktri the key opens (OpenSSL
 * output with the ori added, EnvelopedData version 3 as RFC 5652 6.1 asks when an ori is present).
 * RFC 5652 6.2: a recipient MUST handle an unknown ori alternative gracefully, so the ktri still
 * decrypts and nothing fails; but the ori's oriValue is ANY DEFINED BY oriType (6.2.5), bytes the
 * checker cannot judge: it says so for that recipient (unchecked), it does not skip it in silence.
 */
describe('an ori of an unknown type beside a RecipientInfo the key opens', () => {
  const tlv = (tag: number, ...parts: Uint8Array[]): Uint8Array => {
    const body = Buffer.concat(parts);
    const n = body.length;
    const len = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
    return new Uint8Array(Buffer.concat([Uint8Array.of(tag, ...len), body]));
  };
  const ORI_TYPE = Uint8Array.of(0x06, 0x09, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x86, 0x8d, 0x1f, 0x01); // 1.3.6.1.4.1.99999.1
  const withOri = (cms: Uint8Array): Uint8Array => {
    const ci = decode(cms);
    const env = child(child(ci, 1), 0);
    expect(child(env, 0).value).toEqual(Uint8Array.of(0)); // version 0: ktri only, as OpenSSL writes it
    const ris = child(env, 1);
    const ori = tlv(0xa4, ORI_TYPE, tlv(0x04, new Uint8Array(Buffer.from('a recipient of another technique'))));
    const envelope = tlv(0x30, Uint8Array.of(0x02, 0x01, 0x03), tlv(0x31, ...ris.children.map((r) => r.raw), ori), ...env.children.slice(2).map((c) => c.raw));
    return tlv(0x30, child(ci, 0).raw, tlv(0xa0, envelope));
  };
  const c = OPENSSL.find((x) => x.name === 'rsa-aes256')!;
  const original = openssl(c);
  const bytes = withOri(original);

  it('OpenSSL still decrypts it with the key (the ori is handled gracefully)', () => {
    const f = join(tmp, 'with-ori.der');
    writeFileSync(f, bytes);
    const r = spawnSync('openssl', ['cms', '-decrypt', '-inform', 'DER', '-in', f, '-inkey', keyFile('bob-rsa'), '-recip', certFile('bob-rsa')], { stdio: 'pipe' });
    expect(r.status).toBe(0);
    expect(Buffer.from(r.stdout).equals(content)).toBe(true);
  });

  it('the ktri opens and the content matches; the ori is unchecked for that recipient, so the verdict is not valid', () => {
    expect(checkOpenSsl(c, original).verdict).toBe('valid');
    const r = checkOpenSsl(c, bytes);
    expect(failed(r).map((f) => `${f.rule}: ${f.message}`)).toEqual([]);
    expect(passes(r, 'cmsi/decryption', /\.ktri\.encryptedKey$/)).toHaveLength(1);
    expect(passes(r, 'cmsi/content-matches')).toHaveLength(1);
    const ori = r.findings.filter((f) => /recipientInfos\[1\]\.ori$/.test(f.path));
    expect(ori.map((f) => [f.rule, f.status])).toEqual([['cmsi/unknown-ori-type', 'unchecked']]);
    expect(ori[0]!.message).toContain('1.3.6.1.4.1.99999.1');
    expect(r.verdict).toBe('unchecked');
  });

  it('without any key the same ori is reported too (it does not depend on the keys)', () => {
    const r = checkBytes('no-key', bytes, { catalog, profile: 'current', certs: [], content: null });
    expect(r.findings.filter((f) => f.rule === 'cmsi/unknown-ori-type').map((f) => f.status)).toEqual(['unchecked']);
  });
});

// ------------------------------------------------------------------------------------------ robustness

describe('mutated samples checked with their keys', () => {
  it('never throw, always give a verdict, and stay within 2 s each', () => {
    const pool = samples.filter((x) => x.format !== 'smime').map((x) => ({ s: x, cms: cmsOf(x), options: optionsFor(x) }));
    let slowest = 0;
    fc.assert(fc.property(
      fc.nat(pool.length - 1), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }),
      (i, edits) => {
        const { s, cms, options } = pool[i]!;
        const bytes = Uint8Array.from(cms);
        for (const [at, value] of edits) bytes[at % bytes.length] = value;
        const t = performance.now();
        const r = checkBytes(s.id, bytes, options);
        slowest = Math.max(slowest, performance.now() - t);
        expect(['valid', 'acceptable', 'invalid', 'unchecked', 'unparseable']).toContain(r.verdict);
        if (r.verdict === 'invalid' || r.verdict === 'unparseable') expect(failed(r).length).toBeGreaterThan(0);
        if (r.verdict === 'unchecked') expect(!!r.limit || r.findings.some((f) => f.status === 'unchecked')).toBe(true);
      },
    ), { numRuns: 1500, seed: 5652 });
    expect(slowest).toBeLessThan(2_000);
  });
});

// ------------------------------------------------------------------------------------------ CLI, RC2

describe('cmsi check --key/--cert, --password, --kek', () => {
  // In process (checkCommand with --out), as bin/cmsi.js runs it, without a process start per case.
  const run = (...args: string[]) => {
    const out = join(tmp, `cli-${Math.random().toString(36).slice(2)}.json`);
    const code = checkCommand([...args, '--format', 'json', '--out', out]);
    const findings = (JSON.parse(readFileSync(out, 'utf8')) as { results: FileResult[] }).results.flatMap((x) => x.findings);
    return { code, findings };
  };
  const sample = (id: string) => join(CORPUS, bySample(id).file);

  it('decrypts with a key paired to its certificate among several --cert', () => {
    const r = run(sample('enveloped-data/ecdh-p256/aes-128-cbc'), '--key', keyFile('bob-p256'), '--cert', certFile('alice-rsa'), '--cert', certFile('bob-p256'), '--content', join(CORPUS, 'content/message.txt'));
    expect(r.code).toBe(0);
    expect(r.findings.filter((f) => f.rule === 'cmsi/decryption' && f.status === 'pass')).toHaveLength(2);
    expect(r.findings.some((f) => f.rule === 'cmsi/content-matches' && f.status === 'pass')).toBe(true);
  });

  it('pairs an X9.42 DH key with its certificate', () => {
    const r = run(sample('enveloped-data/esdh/aes-128-cbc'), '--key', keyFile('bob-dh'), '--cert', certFile('bob-dh'));
    expect(r.code).toBe(0);
    expect(r.findings.filter((f) => f.rule === 'cmsi/decryption' && f.status === 'pass')).toHaveLength(2);
  });

  it('takes --password and --kek KEYID:KEY or KEY', () => {
    expect(run(sample('enveloped-data/pwri/3des-cbc'), '--password', 'cms-interop sample password').code).toBe(0);
    expect(run(sample('enveloped-data/pwri/3des-cbc'), '--password', 'wrong').code).toBe(1);
    const kek = bySample('enveloped-data/kek-aes/aes-128-cbc').inputs.kek!;
    expect(run(sample('enveloped-data/kek-aes/aes-128-cbc'), '--kek', `${kek.keyId}:${kek.key}`).code).toBe(0);
    const ed = bySample('encrypted-data/aes-128-cbc').inputs.kek!;
    const r = run(sample('encrypted-data/aes-128-cbc'), '--kek', ed.key);
    expect(r.code).toBe(0);
    expect(r.findings.some((f) => f.rule === 'cmsi/decryption' && f.status === 'pass')).toBe(true);
  });

  it('a malformed --kek is a usage error', () => {
    expect(() => parseKek('zz:00')).toThrow(UsageError);
    expect(() => parseKek('0')).toThrow(/--kek/);
    expect(parseKek('6b31:0011')).toEqual({ keyId: new Uint8Array([0x6b, 0x31]), key: new Uint8Array([0x00, 0x11]) });
    expect(parseKek('0011').keyId).toBeNull();
  });
});

describe('the checker\'s RC2 (RFC 2268 section 5 vectors)', () => {
  const h = (s: string) => new Uint8Array(Buffer.from(s, 'hex'));
  const V = [
    ['0000000000000000', 63, '0000000000000000', 'ebb773f993278eff'],
    ['ffffffffffffffff', 64, 'ffffffffffffffff', '278b27e42e2f0d49'],
    ['3000000000000000', 64, '1000000000000001', '30649edf9be7d2c2'],
    ['88', 64, '0000000000000000', '61a8a244adacccf0'],
    ['88bca90e90875a', 64, '0000000000000000', '6ccf4308974c267f'],
    ['88bca90e90875a7f0f79c384627bafb2', 64, '0000000000000000', '1a807d272bbe5db1'],
    ['88bca90e90875a7f0f79c384627bafb2', 128, '0000000000000000', '2269552ab0f85ca6'],
    ['88bca90e90875a7f0f79c384627bafb216f80a6f85920584c42fceb0be255daf1e', 129, '0000000000000000', '5b78d3a43dfff1f1'],
  ] as const;
  for (const [key, bits, pt, ct] of V) {
    it(`key ${key.length / 2} octets, ${bits} effective bits`, () => {
      const K = rc2ExpandKey(h(key), bits);
      expect(Buffer.from(rc2EncryptBlock(K, h(pt))).toString('hex')).toBe(ct);
      expect(Buffer.from(rc2DecryptBlock(K, h(ct))).toString('hex')).toBe(pt);
    });
  }
});
