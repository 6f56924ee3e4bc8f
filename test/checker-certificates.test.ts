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

/**
 * Follow-up of issue 10: a signer certificate whose bytes are BER, not DER (one length in long
 * form, as a re-encoding producer writes it). RFC 5280 4.1 / 4.1.1.3 ask the certificate in DER
 * (the issuer signs the DER of tbsCertificate), a MUST on whoever made those bytes: the message is
 * invalid in the encoding layer, the defect reported at the offset of the length. But the
 * certificate is still the one the sid names: RFC 5652 10.2.4 identifies it "by the distinguished
 * name of the certificate issuer and an issuer-specific certificate serial number", values that a
 * length form does not change, and the CMS signature covers the signed attributes, not the
 * certificate (RFC 5652 5.4), so it verifies with the certificate's key as OpenSSL, gpgsm and BC
 * find. Hence: crypto passes, encoding fails, never "no certificate matches the signer
 * identifier". The issuer's signature over tbsCertificate (the path layer) is another matter: it
 * was made over the DER, so with the BER inside tbsCertificate it fails over the bytes received,
 * as OpenSSL's own path check does (compared below).
 */
describe('a signer certificate with a long-form length (BER, not DER)', () => {
  interface Tlv { readonly off: number; readonly tag: number; readonly hl: number; readonly len: number; readonly kids: Tlv[] }
  const parse = (b: Uint8Array, off: number): Tlv => {
    const { header, end } = tlv(b, off);
    const kids: Tlv[] = [];
    if (b[off]! & 0x20) for (let q = off + header; q < end; q = tlv(b, q).end) kids.push(parse(b, q));
    return { off, tag: b[off]!, hl: header, len: end - off - header, kids };
  };
  // Long form where the short form serves (0x81 n), or one leading zero octet above 127.
  const longForm = (n: number): number[] => {
    if (n < 0x80) return [0x81, n];
    const o: number[] = [];
    for (let v = n; v > 0; v = Math.floor(v / 256)) o.unshift(v % 256);
    return [0x80 | (o.length + 1), 0, ...o];
  };
  const minimal = (n: number): number[] => {
    if (n < 0x80) return [n];
    const o: number[] = [];
    for (let v = n; v > 0; v = Math.floor(v / 256)) o.unshift(v % 256);
    return [0x80 | o.length, ...o];
  };
  /** The message re-encoded with the length of the node at `target` in long form; where it lands. */
  const lengthen = (b: Uint8Array, target: number): { bytes: Uint8Array; at: number } => {
    // Returns the encoding and where the target node starts in it (-1: not inside).
    const enc = (t: Tlv): { out: number[]; at: number } => {
      const out: number[] = [];
      let at = -1;
      if (t.tag & 0x20) {
        for (const k of t.kids) {
          const e = enc(k);
          if (e.at >= 0) at = out.length + e.at;
          out.push(...e.out);
        }
      } else out.push(...b.subarray(t.off + t.hl, t.off + t.hl + t.len));
      const head = [t.tag, ...(t.off === target ? longForm(out.length) : minimal(out.length))];
      return { out: [...head, ...out], at: t.off === target ? 0 : at >= 0 ? head.length + at : -1 };
    };
    const e = enc(parse(b, 0));
    return { bytes: new Uint8Array(e.out), at: e.at };
  };
  const certStart = Buffer.from(message).indexOf(Buffer.from(aliceCert));
  const cert = parse(message, certStart);
  const tbs = cert.kids[0]!;
  const FIELDS: Record<string, Tlv> = {
    'Certificate SEQUENCE': cert, tbsCertificate: tbs, serialNumber: tbs.kids[1]!, 'tbsCertificate.signature': tbs.kids[2]!, issuer: tbs.kids[3]!,
    subjectPublicKeyInfo: tbs.kids[6]!, signatureAlgorithm: cert.kids[1]!,
  };
  it('the re-encoder keeps a DER message as it is', () => expect(lengthen(message, -1).bytes).toEqual(message));

  it('a sid (IssuerAndSerialNumber) with a long-form length still names the certificate: BER is allowed there (RFC 5652 1)', () => {
    const signedData = parse(message, 0).kids[1]!.kids[0]!;
    const sid = signedData.kids.at(-1)!.kids[0]!.kids[1]!;
    expect(sid.tag).toBe(0x30);
    const { bytes: m } = lengthen(message, sid.off);
    const f = join(dir, 'long-sid.der');
    writeFileSync(f, m);
    expect(spawnSync('openssl', ['cms', '-verify', '-inform', 'DER', '-in', f, '-out', '/dev/null', '-noverify'], { stdio: 'pipe' }).status).toBe(0);
    const r = check(m);
    expect(r.findings.filter((x) => x.rule === 'cmsi/signature-valid').map((x) => x.status)).toEqual(['pass']);
    expect(r.findings.filter((x) => x.status === 'fail')).toEqual([]);
  });

  for (const [field, node] of Object.entries(FIELDS)) {
    it(`${field}: found and verified, invalid for the encoding at the length's offset, the path as OpenSSL judges it`, () => {
      const { bytes: m, at: lengthAt } = lengthen(message, node.off);
      expect(m.length).toBeGreaterThan(message.length);
      const f = join(dir, 'long.der');
      writeFileSync(f, m);
      const verify = (args: string[]) => spawnSync('openssl', ['cms', '-verify', '-inform', 'DER', '-in', f, '-out', '/dev/null', ...args], { stdio: 'pipe' }).status === 0;
      expect(verify(['-noverify'])).toBe(true);
      const r = check(m);
      expect(r.verdict).toBe('invalid');
      expect(r.reason).toMatch(/^encoding /);
      expect(r.findings.filter((x) => x.rule === 'rfc5280/4.1/der-encoded' && x.status === 'fail').map((x) => x.offset)).toEqual([lengthAt]);
      // Nothing else is wrong with it: not "no certificate matches", not "the two signature AlgorithmIdentifiers differ".
      expect(r.findings.filter((x) => x.status === 'fail' && x.rule !== 'rfc5280/4.1/der-encoded').map((x) => `${x.rule}: ${x.message}`)).toEqual([]);
      expect(r.findings.filter((x) => x.rule === 'cmsi/signature-valid').map((x) => x.status)).toEqual(['pass']);
      expect(r.findings.filter((x) => x.rule === 'cmsi/crypto-unverifiable' || x.rule === 'rfc8550/2.3/include-own-and-issuer-certificates').filter((x) => x.status !== 'pass')).toEqual([]);
      const withCa = check(m, CA);
      expect(withCa.findings.filter((x) => x.rule === 'cmsi/signature-valid').map((x) => x.status)).toEqual(['pass']);
      expect(withCa.layers.path === 'pass').toBe(verify(['-CAfile', join(CORPUS, 'keys', 'carl-rsa.cert.pem'), '-attime', String(Date.parse('2026-06-01T00:00:00Z') / 1000)]));
    });
  }
});
