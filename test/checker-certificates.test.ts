/**
 * Issue 10 acceptance: a message whose signer certificate is not a parseable X.509 certificate is
 * never `valid`. Real OpenSSL output (`openssl cms -sign`, made here) with its signer certificate
 * corrupted byte by byte: the structural corruptions the mutation campaign found (an OID tag
 * replaced, a SEQUENCE retagged, a length off by one), each confirmed unparseable by OpenSSL
 * itself, and then every single-byte change of the certificate. The offsets come from a small
 * TLV walk here, not from the checker's reader.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../core/catalog.ts';
import { checkBytes, type CheckOptions } from '../checkers/engine.ts';
import type { FileResult } from '../checkers/finding.ts';
import { CORPUS } from './helpers/corpus.ts';

const catalog = loadCatalog();
const dir = mkdtempSync(join(tmpdir(), 'cmsi-certs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, 'content.txt'), 'Content-Type: text/plain\r\n\r\nSigned by OpenSSL, certificate to be broken.\r\n');

function sign(certPem: string, keyPem: string, name: string): Uint8Array {
  const out = join(dir, `${name}.der`);
  execFileSync('openssl', ['cms', '-sign', '-binary', '-nodetach', '-md', 'sha256', '-in', join(dir, 'content.txt'), '-signer', certPem, '-inkey', keyPem, '-outform', 'DER', '-out', out], { stdio: 'pipe' });
  return new Uint8Array(readFileSync(out));
}

const derOfPem = (pem: string): Uint8Array => new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64'));
const carl = readFileSync(join(CORPUS, 'keys', 'carl-rsa.cert.pem'), 'utf8');
const CA = { anchors: [{ der: derOfPem(carl), label: '--ca carl-rsa.cert.pem' }], at: { ms: Date.parse('2026-06-01T00:00:00Z'), source: 'at' as const } };

const check = (bytes: Uint8Array, extra: Partial<CheckOptions> = {}): FileResult => checkBytes('m.der', bytes, { catalog, profile: 'current', certs: [], content: null, ...extra });

/** Header length and end of the TLV at `at` (definite lengths only, as DER has). */
function tlv(b: Uint8Array, at: number): { header: number; end: number } {
  const l0 = b[at + 1]!;
  if (l0 < 0x80) return { header: 2, end: at + 2 + l0 };
  let len = 0;
  for (let i = 0; i < (l0 & 0x7f); i++) len = len * 256 + b[at + 2 + i]!;
  return { header: 2 + (l0 & 0x7f), end: at + 2 + (l0 & 0x7f) + len };
}

/** Offsets in a certificate: [tbs, signatureAlgorithm, its OID, serial, validity, extensions wrapper]. */
function landmarks(c: Uint8Array) {
  const tbs = tlv(c, 0).header;
  const sigAlg = tlv(c, tbs).end;
  let p = tbs + tlv(c, tbs).header;
  if (c[p] === 0xa0) p = tlv(c, p).end; // version
  const serial = p;
  p = tlv(c, p).end; // serial
  p = tlv(c, p).end; // signature
  p = tlv(c, p).end; // issuer
  const validity = p;
  p = tlv(c, p).end; // validity
  p = tlv(c, p).end; // subject
  p = tlv(c, p).end; // spki
  return { tbs, sigAlg, sigAlgOid: sigAlg + tlv(c, sigAlg).header, serial, validity, extensions: c[p] === 0xa3 ? p : -1 };
}

function replaceCert(message: Uint8Array, cert: Uint8Array, broken: Uint8Array): Uint8Array {
  const at = Buffer.from(message).indexOf(Buffer.from(cert));
  if (at < 0 || broken.length !== cert.length) throw new Error('certificate not found in the message');
  const out = Uint8Array.from(message);
  out.set(broken, at);
  return out;
}

function opensslParses(cert: Uint8Array): boolean {
  const f = join(dir, 'probe.der');
  writeFileSync(f, cert);
  return spawnSync('openssl', ['x509', '-inform', 'DER', '-in', f, '-noout'], { stdio: 'pipe' }).status === 0;
}

const aliceCertPem = join(CORPUS, 'keys', 'alice-rsa.cert.pem');
const aliceCert = derOfPem(readFileSync(aliceCertPem, 'utf8'));
const message = sign(aliceCertPem, join(CORPUS, 'keys', 'alice-rsa.key.pem'), 'alice');
const L = landmarks(aliceCert);

const STRUCTURAL: readonly { name: string; edit: (c: Uint8Array) => void }[] = [
  { name: 'signatureAlgorithm OID tag replaced by UTF8String', edit: (c) => { c[L.sigAlgOid] = 0x0c; } },
  { name: 'tbsCertificate SEQUENCE retagged as SET', edit: (c) => { c[L.tbs] = 0x31; } },
  { name: 'serialNumber INTEGER retagged as OCTET STRING', edit: (c) => { c[L.serial] = 0x04; } },
  { name: 'validity length one too long', edit: (c) => { c[L.validity + 1] = c[L.validity + 1]! + 1; } },
  { name: 'extensions [3] retagged [4]', edit: (c) => { c[L.extensions] = 0xa4; } },
  { name: 'outer Certificate length one short', edit: (c) => { c[3] = c[3]! - 1; } },
];

describe('a signer certificate that does not parse (OpenSSL output, corrupted)', () => {
  it('the untouched message is valid, with the certificate and path layers passing under the cast CA', () => {
    const r = check(message, CA);
    expect(r.verdict).toBe('valid');
    expect(r.layers.path).toBe('pass');
    expect(['pass', 'warn']).toContain(r.layers.certificate);
    expect(r.findings.some((f) => f.rule === 'rfc5280/6.1/path-to-trust-anchor' && f.status === 'pass')).toBe(true);
  });

  for (const s of STRUCTURAL) {
    it(`${s.name}: OpenSSL rejects the certificate; cmsi says invalid at the certificate and verifies nothing with it`, () => {
      const broken = Uint8Array.from(aliceCert);
      s.edit(broken);
      expect(opensslParses(broken)).toBe(false);
      const start = Buffer.from(message).indexOf(Buffer.from(aliceCert));
      for (const extra of [{}, CA]) {
        const r = check(replaceCert(message, aliceCert, broken), extra);
        expect(['invalid', 'unparseable']).toContain(r.verdict);
        // A length that breaks the certificate's own TLV breaks the message's too: the reader
        // then reports it as an encoding failure of the message, still inside the certificate.
        const at = r.findings.filter((f) => f.status === 'fail' && f.offset >= start && f.offset < start + aliceCert.length);
        expect(at.some((f) => f.rule === 'rfc5280/4.1/certificate-syntax' || f.layer === 'encoding'), at.map((f) => f.rule).join()).toBe(true);
        expect(r.findings.some((f) => f.rule === 'cmsi/signature-valid' && f.status === 'pass')).toBe(false);
      }
    });
  }

  it('no single-byte change anywhere in the signer certificate leaves the message valid (with the CA as trust anchor)', () => {
    const survivors: string[] = [];
    for (let i = 0; i < aliceCert.length; i++) {
      for (const mask of [0x01, 0x80]) {
        const broken = Uint8Array.from(aliceCert);
        broken[i] = broken[i]! ^ mask;
        const r = check(replaceCert(message, aliceCert, broken), CA);
        if (r.verdict === 'valid' || r.verdict === 'acceptable') survivors.push(`offset ${i} ^ 0x${mask.toString(16)}: ${r.verdict}`);
      }
    }
    expect(survivors).toEqual([]);
  });

  it('a self-signed signer without --ca: no single-byte change that OpenSSL cannot parse leaves the message valid', () => {
    const key = join(dir, 'self.key');
    const pem = join(dir, 'self.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', key, '-out', pem, '-subj', '/CN=Self Signer/emailAddress=self@example.com', '-days', '3650', '-addext', 'keyUsage=critical,digitalSignature'], { stdio: 'pipe' });
    const cert = derOfPem(readFileSync(pem, 'utf8'));
    const m = sign(pem, key, 'self');
    expect(['valid', 'acceptable']).toContain(check(m).verdict);
    const survivors: string[] = [];
    let notValid = 0;
    for (let i = 0; i < cert.length; i++) {
      const broken = Uint8Array.from(cert);
      broken[i] = broken[i]! ^ 0x01;
      const r = check(replaceCert(m, cert, broken));
      // A change OpenSSL still parses (another name, another date) is a question of trust, which
      // needs --ca; what it cannot parse must never be valid.
      if (r.verdict === 'valid' || r.verdict === 'acceptable') {
        if (!opensslParses(broken)) survivors.push(`offset ${i}: ${r.verdict}`);
      } else notValid++;
    }
    expect(notValid).toBeGreaterThan(cert.length / 2);
    expect(survivors).toEqual([]);
  });
});

describe('layers and validation time', () => {
  const expired = new Uint8Array(readFileSync(join(CORPUS, 'samples', 'invalid', 'certificates', 'signer-expired.der')));
  it('the expired signer is invalid in the path layer at the manifest time, and says when it was checked', () => {
    const r = check(expired, CA);
    expect(r.verdict).toBe('invalid');
    expect(r.reason).toMatch(/^path \("Alice \(rsa2048\)" expired 2025-12-31T23:59:59Z/);
    expect(r.validation).toEqual({ time: '2026-06-01T00:00:00Z', source: 'at', anchors: 1 });
  });

  it('--layers encoding,structure,crypto: the path rules do not run, their layer is none, the message is valid', () => {
    const r = check(expired, { ...CA, layers: ['encoding', 'structure', 'crypto'] });
    expect(r.verdict).toBe('valid');
    expect(r.layers.path).toBe('none');
    expect(r.layers.certificate).toBe('none');
    expect(r.findings.every((f) => ['encoding', 'structure', 'crypto'].includes(f.layer))).toBe(true);
  });

  it('--at before the expiry makes the same signer valid', () => {
    const r = check(expired, { ...CA, at: { ms: Date.parse('2025-06-01T00:00:00Z'), source: 'at' } });
    expect(r.verdict).toBe('valid');
    expect(r.layers.path).toBe('pass');
  });
});
