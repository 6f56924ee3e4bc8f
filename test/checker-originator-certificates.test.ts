/**
 * Issue 10 item 5, the static-static side: a KeyAgreeRecipientInfo whose originator is an
 * issuerAndSerialNumber or [0] subjectKeyIdentifier (RFC 5652 6.2.2) names the sender's
 * certificate, whose public key the recipient agrees a key with. That certificate (given with
 * --cert or carried in originatorInfo) is read and profiled as a recipient's, its key validated as
 * an originatorKey is (RFC 8550 1; RFC 2632 1 under v3; RFC 2631 2.4 asks static-static DH to
 * validate the peer key, RFC 2785), its keyUsage must allow keyAgreement (RFC 5280 4.2.1.3), and
 * for id-alg-SSDH it must hold a dh-public-number key (RFC 3370 4.1.2).
 *
 * The corpus generators make only ephemeral-static agreement (originatorKey), and the cast has one
 * DH certificate (Bob's, the recipient's), so the messages here are hand-built DER: the corpus's
 * ECDH and ESDH samples with the originator [0] replaced by a certificate reference (and, for
 * SSDH, the keyEncryptionAlgorithm OID changed). The certificates are cast ones or byte edits of
 * them ("Bob's second certificate": his with a changed serialNumber, a distinct certificate with
 * the same key). Offsets asserted come from the generators' TLV walk, not the checker's reader.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../core/catalog.ts';
import { explicit, implicit, octets, oid, setUnsorted } from '../core/der/encode.ts';
import { checkBytes, type CheckOptions } from '../checkers/engine.ts';
import type { FileResult, Finding } from '../checkers/finding.ts';
import { issuerAndSerialOf } from '../generators/mutations/certificates/common.ts';
import { findPath, insertNode, nodeAt, replaceNode, type Path } from '../generators/mutations/tlv-edit.ts';
import { CORPUS } from './helpers/corpus.ts';

const catalog = loadCatalog();
const KEY_RULE = 'rfc8550/1/validate-public-key-before-use';
const KU_RULE = 'rfc5280/4.2.1.12/use-consistent-with-key-usage';
const SSDH_RULE = 'rfc3370/4.1.2/ssdh-originator-cert-dh-public-number';
const SSDH_OID = '1.2.840.113549.1.9.16.3.10';
const ESDH_OID = '1.2.840.113549.1.9.16.3.5';

const sample = (rel: string): Uint8Array => new Uint8Array(readFileSync(join(CORPUS, 'samples', rel)));
const derOfPem = (pem: string): Uint8Array => new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64'));
const certDer = (id: string): Uint8Array => derOfPem(readFileSync(join(CORPUS, 'keys', `${id}.cert.pem`), 'utf8'));

const check = (bytes: Uint8Array, certs: readonly Uint8Array[], extra: Partial<CheckOptions> = {}): FileResult =>
  checkBytes('m.der', bytes, { catalog, profile: 'current', certs, certLabels: certs.map((_, i) => `cert${i}.der`), content: null, ...extra });
const findings = (r: FileResult, rule: string): Finding[] => r.findings.filter((f) => f.rule === rule);

// ContentInfo -> [0] -> EnvelopedData; recipientInfos is its first SET, the kari its first element.
const ENVELOPED: Path = [1, 0];
const kariPath = (m: Uint8Array): Path => [...ENVELOPED, nodeAt(m, ENVELOPED).children.findIndex((n) => n.cls === 'universal' && n.tag === 17), 0];
/** KeyAgreeRecipientInfo: version, originator [0] EXPLICIT, ukm [1] OPTIONAL, keyEncryptionAlgorithm, ... */
const originatorPath = (m: Uint8Array): Path => [...kariPath(m), 1];

/** The message with its kari originator replaced by `choice` (an OriginatorIdentifierOrKey). */
const withOriginator = (m: Uint8Array, choice: Uint8Array): Uint8Array => replaceNode(m, originatorPath(m), explicit(0, choice));

/** Offsets inside a certificate: serialNumber content, subjectPublicKey BIT STRING, SPKI algorithm. */
function landmarks(c: Uint8Array) {
  const tbs = nodeAt(c, [0]);
  const o = tbs.children[0]!.cls === 'context' ? 1 : 0;
  const spki = tbs.children[o + 5]!;
  return { serial: tbs.children[o]!, publicKey: spki.children[1]!, spkiAlgorithm: spki.children[0]! };
}

/** The certificate with one bit of the byte at `offset` flipped (same length, so offsets hold). */
function flip(c: Uint8Array, offset: number): Uint8Array {
  const out = Uint8Array.from(c);
  out[offset]! ^= 0x01;
  return out;
}

/** The subjectKeyIdentifier extension's key identifier octets (its extnValue holds OCTET STRING { id }). */
function skiOfCert(c: Uint8Array): Uint8Array {
  const p = findPath(c, (n) => n.cls === 'universal' && n.tag === 6 && Buffer.from(c.subarray(n.offset, n.end)).toString('hex') === '0603551d0e');
  const value = nodeAt(c, p.slice(0, -1)).children.at(-1)!;
  // extnValue content: 04 <len> <id>, a short-form length for the 20-octet SHA-1 identifiers of the cast.
  expect([c[value.contentOffset], c[value.contentOffset + 1]]).toEqual([0x04, value.length - 2]);
  return c.slice(value.contentOffset + 2, value.end);
}

const ecdh = sample('enveloped-data/ecdh-p256/aes-128-cbc.der');
const bobP256 = certDer('bob-p256');
/** Bob's second P-256 certificate: the same key and extensions under another serialNumber. */
const bob2 = flip(bobP256, landmarks(bobP256).serial.end - 1);
const alice = certDer('alice-p256');

describe('an ECDH originator named by certificate, the certificate given with --cert', () => {
  it('the corpus sample names its originator by key: no originator certificate is judged', () => {
    expect(nodeAt(ecdh, originatorPath(ecdh)).children[0]!.tag).toBe(1); // [1] originatorKey
    expect(findings(check(ecdh, [bob2]), KEY_RULE)).toEqual([]);
  });

  for (const [how, choice] of [
    ['issuerAndSerialNumber', issuerAndSerialOf(bob2)],
    ['[0] subjectKeyIdentifier', implicit(0, octets(skiOfCert(bob2)))],
  ] as const) {
    it(`by ${how}: a valid P-256 key with keyAgreement passes, in the certificate layer`, () => {
      const m = withOriginator(ecdh, choice);
      const r = check(m, [bob2]);
      const key = findings(r, KEY_RULE);
      expect(key.map((f) => [f.status, f.layer])).toEqual([['pass', 'certificate']]);
      expect(key[0]!.message).toMatch(/^originator certificate: the public key is a point of P-256/);
      const ku = findings(r, KU_RULE);
      expect(ku.map((f) => f.status)).toEqual(['pass']);
      expect(ku[0]!.message).toContain('originator certificate');
      // Not SSDH: the dh-public-number rule is not asked. RFC 5753 3.1.1 wants originatorKey for ECDH.
      expect(findings(r, SSDH_RULE)).toEqual([]);
      expect(findings(r, 'rfc5753/3.1.1/ecdh-originator-key').map((f) => f.status)).toEqual(['fail']);
    });
  }

  it('a key off the curve fails key validation, citing the key\'s offset in the file', () => {
    const L = landmarks(bob2);
    const offCurve = flip(bob2, L.publicKey.end - 1);
    const r = check(withOriginator(ecdh, issuerAndSerialOf(offCurve)), [offCurve]);
    const f = findings(r, KEY_RULE);
    expect(f.map((x) => [x.status, x.layer])).toEqual([['fail', 'certificate']]);
    expect(f[0]!.message).toContain('originator certificate: the public key is not a point of P-256');
    expect(f[0]!.message).toContain(`cert0.der, at offset ${L.publicKey.offset})`);
    expect(r.layers.certificate).toBe('fail');
    for (const [profile, rule] of [['v3', 'rfc2632/1/certify-public-key-before-use']] as const) {
      expect(findings(check(withOriginator(ecdh, issuerAndSerialOf(offCurve)), [offCurve], { profile }), rule).map((x) => x.status), profile).toEqual(['fail']);
    }
  });

  it('a signing-only certificate (Alice\'s P-256: digitalSignature, nonRepudiation) may not agree keys', () => {
    const r = check(withOriginator(ecdh, issuerAndSerialOf(alice)), [alice]);
    expect(findings(r, KEY_RULE).map((f) => f.status)).toEqual(['pass']);
    const ku = findings(r, KU_RULE);
    expect(ku.map((f) => [f.status, f.layer])).toEqual([['fail', 'certificate']]);
    expect(ku[0]!.message).toContain('originator certificate: the key is used for key-agreement');
    expect(ku[0]!.message).toContain('keyAgreement');
  });

  it('a certificate the originator does not name is not judged as the originator', () => {
    const r = check(withOriginator(ecdh, issuerAndSerialOf(bob2)), [alice]);
    expect(findings(r, KEY_RULE)).toEqual([]);
    expect(findings(r, KU_RULE)).toEqual([]);
  });

  it('one certificate both recipient and originator (a sender encrypting to itself) is checked once', () => {
    const r = check(withOriginator(ecdh, issuerAndSerialOf(bobP256)), [bobP256]);
    expect(findings(r, KEY_RULE).map((f) => f.status)).toEqual(['pass']);
    expect(findings(r, KU_RULE).map((f) => f.status)).toEqual(['pass']);
  });
});

describe('an originator certificate carried in originatorInfo, judged at its offset in the message', () => {
  // EnvelopedData ::= SEQUENCE { version, originatorInfo [0] IMPLICIT OPTIONAL, recipientInfos, ... };
  // OriginatorInfo ::= SEQUENCE { certs [0] IMPLICIT CertificateSet OPTIONAL, ... }. Version 2 already.
  const build = (cert: Uint8Array): Uint8Array => {
    const m = withOriginator(ecdh, issuerAndSerialOf(cert));
    // [0] IMPLICIT OriginatorInfo SEQUENCE { [0] IMPLICIT CertificateSet }: both tags constructed [0].
    return insertNode(m, ENVELOPED, 1, explicit(0, implicit(0, setUnsorted(cert))));
  };

  it('a valid key passes; the key edited off the curve fails at the key\'s offset in the message', () => {
    expect(findings(check(build(bob2), []), KEY_RULE).map((f) => f.status)).toEqual(['pass']);
    const L = landmarks(bob2);
    const m = build(flip(bob2, L.publicKey.end - 1));
    const certAt = nodeAt(m, [...ENVELOPED, 1, 0, 0]);
    expect(m[certAt.offset]).toBe(0x30);
    const r = check(m, []);
    const f = findings(r, KEY_RULE);
    expect(f.map((x) => [x.status, x.offset, x.layer])).toEqual([['fail', certAt.offset + L.publicKey.offset, 'certificate']]);
    expect(f[0]!.path).toBe('envelopedData.originatorInfo.certs[0].tbsCertificate.subjectPublicKeyInfo.subjectPublicKey');
    expect(r.verdict).toBe('invalid');
  });

  it('the originator certificate is read strictly: a serialNumber that is not an INTEGER is a syntax failure there', () => {
    const L = landmarks(bob2);
    const m = build(bob2);
    const certAt = nodeAt(m, [...ENVELOPED, 1, 0, 0]);
    const edited = Uint8Array.from(m);
    expect(edited[certAt.offset + L.serial.offset]).toBe(0x02);
    edited[certAt.offset + L.serial.offset] = 0x04;
    const f = findings(check(edited, []), 'rfc5280/4.1/certificate-syntax');
    expect(f.map((x) => [x.status, x.offset, x.layer])).toEqual([['fail', certAt.offset + L.serial.offset, 'certificate']]);
  });
});

describe('id-alg-SSDH: the originator certificate holds a dh-public-number key (RFC 3370 4.1.2)', () => {
  const esdh = sample('enveloped-data/esdh/aes-128-cbc.der');
  const bobDh = certDer('bob-dh');
  const bobDh2 = flip(bobDh, landmarks(bobDh).serial.end - 1);
  /** The ESDH sample as static-static: keyEncryptionAlgorithm id-alg-SSDH, originator by certificate. */
  const ssdh = (originator: Uint8Array): Uint8Array => {
    const m = withOriginator(esdh, issuerAndSerialOf(originator));
    const kea = findPath(m, (n) => n.cls === 'universal' && n.tag === 6 && Buffer.from(m.subarray(n.offset, n.end)).equals(Buffer.from(oid(ESDH_OID))));
    return replaceNode(m, kea, oid(SSDH_OID));
  };

  it('Bob\'s second DH certificate as originator: dh-public-number, key in the subgroup, keyAgreement', () => {
    const r = check(ssdh(bobDh2), [bobDh2]);
    expect(findings(r, SSDH_RULE).map((f) => [f.status, f.layer])).toEqual([['pass', 'certificate']]);
    const key = findings(r, KEY_RULE);
    expect(key.map((f) => f.status)).toEqual(['pass']);
    expect(key[0]!.message).toContain('originator certificate: the DH public key is in the prime-order subgroup q');
    expect(findings(r, KU_RULE).map((f) => f.status)).toEqual(['pass']);
    expect(findings(r, 'rfc3370/4.1.2/ssdh-originator-cert-ref').map((f) => f.status)).toEqual(['pass']);
  });

  it('an EC certificate as SSDH originator fails, at its SPKI algorithm', () => {
    const r = check(ssdh(bob2), [bob2]);
    const f = findings(r, SSDH_RULE);
    expect(f.map((x) => [x.status, x.layer])).toEqual([['fail', 'certificate']]);
    expect(f[0]!.message).toContain('1.2.840.10045.2.1');
    expect(f[0]!.message).toContain(`at offset ${landmarks(bob2).spkiAlgorithm.offset}`);
  });

  it('a DH key outside the subgroup (one bit of y flipped) fails key validation', () => {
    const L = landmarks(bobDh2);
    const bad = flip(bobDh2, L.publicKey.end - 1);
    const r = check(ssdh(bad), [bad]);
    const f = findings(r, KEY_RULE);
    expect(f.map((x) => [x.status, x.layer])).toEqual([['fail', 'certificate']]);
    expect(f[0]!.message).toContain('originator certificate: y^q mod p is not 1');
    expect(f[0]!.message).toContain(`at offset ${L.publicKey.offset}`);
  });

  it('ephemeral-static ESDH with originatorKey does not ask for an originator certificate', () => {
    expect(findings(check(esdh, [bobDh2]), SSDH_RULE)).toEqual([]);
  });
});
