/**
 * Issue 10, the envelope side of the certificate layer: recipient certificates (given with --cert
 * or carried in originatorInfo) are checked for the purpose their key is used for (RFC 5280
 * 4.2.1.3/4.2.1.12, RFC 8550 4.4.4) and for the validity of the key itself (RFC 8550 1, RFC 2632 1
 * under v3); originatorInfo certificates and CRLs are read strictly (RFC 5652 6.1, RFC 5280 4.1,
 * 5.1). The messages are real OpenSSL output (`openssl cms -encrypt`, made here) or the corpus's
 * originatorInfo sample; the defective certificates are hand edits of the cast's DER, located by a
 * small TLV walk here, not by the checker's reader, and the offsets asserted come from that walk.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../core/catalog.ts';
import { checkBytes, type CheckOptions } from '../checkers/engine.ts';
import type { FileResult, Finding } from '../checkers/finding.ts';
import { CORPUS } from './helpers/corpus.ts';

const catalog = loadCatalog();
const dir = mkdtempSync(join(tmpdir(), 'cmsi-recipient-certs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, 'content.txt'), 'Content-Type: text/plain\r\n\r\nEncrypted by OpenSSL to Bob.\r\n');

const keyFile = (name: string) => join(CORPUS, 'keys', name);
const derOfPem = (pem: string): Uint8Array => new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64'));
const certDer = (id: string): Uint8Array => derOfPem(readFileSync(keyFile(`${id}.cert.pem`), 'utf8'));

function encrypt(recipient: string, name: string): Uint8Array {
  const out = join(dir, `${name}.der`);
  execFileSync('openssl', ['cms', '-encrypt', '-binary', '-aes-128-cbc', '-in', join(dir, 'content.txt'), '-outform', 'DER', '-out', out, keyFile(`${recipient}.cert.pem`)], { stdio: 'pipe' });
  return new Uint8Array(readFileSync(out));
}

const check = (bytes: Uint8Array, certs: readonly Uint8Array[], extra: Partial<CheckOptions> = {}): FileResult =>
  checkBytes('m.der', bytes, { catalog, profile: 'current', certs, certLabels: certs.map((_, i) => `cert${i}.der`), content: null, ...extra });

const findings = (r: FileResult, rule: string): Finding[] => r.findings.filter((f) => f.rule === rule);

/** A TLV at `at`: header length, content start and end (definite lengths only, as DER has). */
function tlv(b: Uint8Array, at: number): { header: number; content: number; end: number } {
  const l0 = b[at + 1]!;
  if (l0 < 0x80) return { header: 2, content: at + 2, end: at + 2 + l0 };
  let len = 0;
  for (let i = 0; i < (l0 & 0x7f); i++) len = len * 256 + b[at + 2 + i]!;
  return { header: 2 + (l0 & 0x7f), content: at + 2 + (l0 & 0x7f), end: at + 2 + (l0 & 0x7f) + len };
}

/** The children offsets of the constructed TLV at `at`. */
function children(b: Uint8Array, at: number): number[] {
  const t = tlv(b, at);
  const out: number[] = [];
  for (let p = t.content; p < t.end; p = tlv(b, p).end) out.push(p);
  return out;
}

/** Offsets in a certificate: serialNumber, the subjectPublicKey BIT STRING, and each extension by OID bytes. */
function landmarks(c: Uint8Array) {
  const tbs = children(c, 0)[0]!;
  const f = children(c, tbs);
  const o = c[f[0]!] === 0xa0 ? 1 : 0;
  const spki = f[o + 5]!;
  const exts = children(c, children(c, f[f.length - 1]!)[0]!);
  const extension = (oidHex: string) => exts.find((e) => Buffer.from(c.subarray(...((x) => [x, tlv(c, x).end])(children(c, e)[0]!))).toString('hex') === `0603${oidHex}`)!;
  return { serial: f[o]!, publicKey: children(c, spki)[1]!, extension };
}

const KEY_USAGE = '551d0f';
const EXT_KEY_USAGE = '551d25';

/** `c` with the content octets of the TLV at `at` replaced by `content` of the same length. */
function sameLength(c: Uint8Array, at: number, content: Uint8Array): Uint8Array {
  const t = tlv(c, at);
  expect(t.end - t.content).toBe(content.length);
  const out = Uint8Array.from(c);
  out.set(content, t.content);
  return out;
}

/** The extnValue OCTET STRING of an extension (its last child). */
const extnValue = (c: Uint8Array, ext: number): number => children(c, ext).at(-1)!;

describe('recipient certificates given with --cert (OpenSSL EnvelopedData)', () => {
  const rsaMessage = encrypt('bob-rsa', 'rsa');
  const bob = certDer('bob-rsa');

  it('the cast certificate passes purpose and key checks, in the certificate layer', () => {
    const r = check(rsaMessage, [bob]);
    for (const rule of ['rfc5280/4.2.1.12/use-consistent-with-key-usage', 'rfc5280/4.2.1.12/eku-lists-the-purpose', 'rfc8550/1/validate-public-key-before-use']) {
      const f = findings(r, rule);
      expect(f.map((x) => [x.status, x.layer]), rule).toEqual([['pass', 'certificate']]);
    }
    expect(r.layers.certificate).toBe('pass');
  });

  it('keyUsage digitalSignature only (no keyEncipherment) fails key transport, citing the extension offset', () => {
    const L = landmarks(bob);
    const ku = L.extension(KEY_USAGE);
    // extnValue holds BIT STRING 03 02 05 20 (keyEncipherment); make it 03 02 07 80 (digitalSignature).
    const v = extnValue(bob, ku);
    expect(Buffer.from(bob.subarray(tlv(bob, v).content, tlv(bob, v).end)).toString('hex')).toBe('03020520');
    const signingOnly = sameLength(bob, v, Uint8Array.of(0x03, 0x02, 0x07, 0x80));
    const r = check(rsaMessage, [signingOnly]);
    const f = findings(r, 'rfc5280/4.2.1.12/use-consistent-with-key-usage');
    expect(f.map((x) => x.status)).toEqual(['fail']);
    expect(f[0]!.layer).toBe('certificate');
    expect(f[0]!.message).toContain('keyEncipherment');
    expect(f[0]!.message).toContain(`at offset ${ku}`);
    expect(r.verdict).toBe('invalid');
  });

  it('extendedKeyUsage serverAuth only fails: neither emailProtection nor anyExtendedKeyUsage', () => {
    const L = landmarks(bob);
    const eku = L.extension(EXT_KEY_USAGE);
    // SEQUENCE { id-kp-emailProtection 1.3.6.1.5.5.7.3.4 }: the last OID octet 04 becomes 01 (serverAuth).
    const v = extnValue(bob, eku);
    const edited = Uint8Array.from(bob);
    expect(edited[tlv(bob, v).end - 1]).toBe(0x04);
    edited[tlv(bob, v).end - 1] = 0x01;
    const f = findings(check(rsaMessage, [edited]), 'rfc5280/4.2.1.12/eku-lists-the-purpose');
    expect(f.map((x) => x.status)).toEqual(['fail']);
    expect(f[0]!.message).toContain('1.3.6.1.5.5.7.3.1');
    expect(f[0]!.message).toContain(`at offset ${eku}`);
  });

  it('an even RSA public exponent is not a valid key (RFC 8550 1; RFC 2632 1 under v3)', () => {
    const L = landmarks(bob);
    const bits = bob.subarray(tlv(bob, L.publicKey).content + 1, tlv(bob, L.publicKey).end);
    // RSAPublicKey ends in INTEGER 65537 (02 03 01 00 01): make it 65536 (02 03 01 00 00).
    expect(Buffer.from(bits.subarray(-5)).toString('hex')).toBe('0203010001');
    const edited = Uint8Array.from(bob);
    edited[tlv(bob, L.publicKey).end - 1] = 0x00;
    for (const [profile, rule] of [['current', 'rfc8550/1/validate-public-key-before-use'], ['v3', 'rfc2632/1/certify-public-key-before-use']] as const) {
      const r = check(rsaMessage, [edited], { profile });
      const f = findings(r, rule);
      expect(f.map((x) => [x.status, x.layer]), profile).toEqual([['fail', 'certificate']]);
      expect(f[0]!.message).toContain('exponent is even');
      expect(f[0]!.message).toContain(`at offset ${L.publicKey}`);
    }
  });

  it('a P-256 key off the curve is not a valid key of a key agreement recipient', () => {
    const message = encrypt('bob-p256', 'ecdh');
    const p256 = certDer('bob-p256');
    const L = landmarks(p256);
    const good = findings(check(message, [p256]), 'rfc8550/1/validate-public-key-before-use');
    expect(good.map((x) => x.status)).toEqual(['pass']);
    const edited = Uint8Array.from(p256);
    edited[tlv(p256, L.publicKey).end - 1]! ^= 0x01;
    const r = check(message, [edited]);
    const f = findings(r, 'rfc8550/1/validate-public-key-before-use');
    expect(f.map((x) => x.status)).toEqual(['fail']);
    expect(f[0]!.message).toContain('not a point of P-256');
    // keyAgreement is what a KeyAgreeRecipientInfo needs: the cast's keyUsage passes.
    expect(findings(r, 'rfc5280/4.2.1.12/use-consistent-with-key-usage').map((x) => x.status)).toEqual(['pass']);
  });

  it('a certificate that names no recipient is not judged as one, and --layers without certificate runs none of it', () => {
    const alice = certDer('alice-rsa');
    expect(findings(check(rsaMessage, [alice]), 'rfc8550/1/validate-public-key-before-use')).toEqual([]);
    const r = check(rsaMessage, [bob], { layers: ['encoding', 'structure', 'crypto'] });
    expect(r.findings.filter((f) => f.layer === 'certificate')).toEqual([]);
  });
});

describe('the other enveloping types', () => {
  it('AuthEnvelopedData and AuthenticatedData recipients are checked as EnvelopedData ones', () => {
    const bob = certDer('bob-rsa');
    const v = extnValue(bob, landmarks(bob).extension(KEY_USAGE));
    const signingOnly = sameLength(bob, v, Uint8Array.of(0x03, 0x02, 0x07, 0x80));
    for (const file of ['auth-enveloped-data/aes-128-gcm.der', 'authenticated-data/hmac-sha256/auth-attrs.der']) {
      const bytes = new Uint8Array(readFileSync(join(CORPUS, 'samples', file)));
      expect(findings(check(bytes, [bob]), 'rfc5280/4.2.1.12/use-consistent-with-key-usage').map((f) => f.status), file).toEqual(['pass']);
      expect(findings(check(bytes, [signingOnly]), 'rfc5280/4.2.1.12/use-consistent-with-key-usage').map((f) => f.status), file).toEqual(['fail']);
    }
  });
});

describe('originatorInfo certificates and CRLs, read strictly at their offsets in the message', () => {
  const sample = new Uint8Array(readFileSync(join(CORPUS, 'samples', 'enveloped-data', 'originator-info.der')));
  // ContentInfo -> [0] -> EnvelopedData -> originatorInfo [0] IMPLICIT -> certs [0], crls [1]
  const body = children(sample, children(sample, 0)[1]!)[0]!;
  const oi = children(sample, body)[1]!;
  const [certsAt, crlsAt] = children(sample, oi);
  const cert = children(sample, certsAt!)[0]!;
  const crl = children(sample, crlsAt!)[0]!;

  it('the sample as generated has no certificate-layer failure', () => {
    const r = check(sample, []);
    expect(sample[oi]).toBe(0xa0);
    expect(r.findings.filter((f) => f.layer === 'certificate' && f.status === 'fail')).toEqual([]);
    expect(findings(r, 'rfc5280/4.1/certificate-syntax').map((f) => [f.status, f.offset])).toEqual([['pass', cert]]);
  });

  it('a certificate whose serialNumber is not an INTEGER is a syntax failure at the serial\'s offset', () => {
    const serial = children(sample, children(sample, cert)[0]!)[1]!; // version [0] first
    expect(sample[serial]).toBe(0x02);
    const edited = Uint8Array.from(sample);
    edited[serial] = 0x04;
    const r = check(edited, []);
    const f = findings(r, 'rfc5280/4.1/certificate-syntax');
    expect(f.map((x) => [x.status, x.offset, x.layer])).toEqual([['fail', serial, 'certificate']]);
    expect(f[0]!.path).toBe('envelopedData.originatorInfo.certs[0].tbsCertificate.serialNumber');
    expect(r.verdict).toBe('invalid');
  });

  it('a CRL whose signatureAlgorithm is no AlgorithmIdentifier is a CRL syntax failure at its offset', () => {
    const sigAlg = children(sample, crl)[1]!;
    const oid = children(sample, sigAlg)[0]!;
    expect(sample[oid]).toBe(0x06);
    const edited = Uint8Array.from(sample);
    edited[oid] = 0x0c;
    const f = findings(check(edited, []), 'rfc5280/5.1/crl-syntax');
    expect(f.map((x) => [x.status, x.layer])).toEqual([['fail', 'certificate']]);
    expect([sigAlg, oid]).toContain(f[0]!.offset);
  });
});
