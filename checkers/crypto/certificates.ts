/**
 * Certificates as the checker needs them: matched to a signer or recipient identifier by the
 * exact DER of issuer and serial, or by the subjectKeyIdentifier extension; the public key as a
 * Node KeyObject. Built only on the strict reader (checkers/x509/certificate.ts): a certificate
 * that does not parse as an RFC 5280 Certificate has no CertInfo, so no key is ever taken from it
 * (its problems are reported where the certificate set is read, checkers/x509/certificate-set.ts).
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { contentOf, encodingOf, readDer, type DerNode } from '../../core/der/reader.ts';
import { decodeOid } from '../../core/der/values.ts';
import { publicKeyCached, readCertificateCached } from '../x509/cache.ts';
import type { X509Certificate } from '../x509/certificate.ts';
import { skiOf } from '../x509/extensions.ts';

export interface CertInfo {
  readonly der: Uint8Array;
  readonly issuer: Uint8Array;
  readonly subject: Uint8Array;
  /** DER of SEQUENCE { issuer, serialNumber }, comparable with an IssuerAndSerialNumber. */
  readonly issuerAndSerial: Uint8Array;
  readonly ski: Uint8Array | null;
  readonly spki: Uint8Array;
  /** The strictly read certificate. */
  readonly cert: X509Certificate;
}

/** The CertInfo of a certificate that parses strictly, else null. */
export function certInfo(der: Uint8Array): CertInfo | null {
  const r = readCertificateCached(der);
  return r.ok ? fromCertificate(r.cert) : null;
}

export function fromCertificate(c: X509Certificate): CertInfo {
  return { der: c.der, issuer: c.issuer.der, subject: c.subject.der, issuerAndSerial: c.issuerAndSerial, ski: skiOf(c), spki: c.spki, cert: c };
}

function lengthOctets(n: number): number[] {
  if (n < 0x80) return [n];
  const out: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) out.unshift(v % 256);
  return [0x80 | out.length, ...out];
}

const DSA_OID = '1.2.840.10040.4.1';

/**
 * The certificate's public key. A DSA key without parameters inherits them from its issuer's
 * certificate (RFC 3279 2.3.2), found among `others` by subject name, as RFC 4134's Diane has it.
 */
export function publicKeyOf(c: CertInfo, others: readonly CertInfo[] = []): KeyObject | null {
  const own = publicKeyCached(c.spki, loadSpki);
  if (own) return own;
  const withParams = inheritDsaParameters(c, others);
  return withParams ? publicKeyCached(withParams, loadSpki) : null;
}

function loadSpki(spki: Uint8Array): KeyObject | null {
  try {
    return createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
  } catch {
    return null;
  }
}

function dsaAlgorithm(spki: Uint8Array): { alg: DerNode; key: DerNode } | null {
  const r = readDer(spki);
  const alg = r.root?.children[0];
  const key = r.root?.children[1];
  const id = alg?.children[0];
  if (!alg || !key || !id) return null;
  const d = decodeOid(contentOf(spki, id));
  return d.ok && d.value === DSA_OID ? { alg, key } : null;
}

function inheritDsaParameters(c: CertInfo, others: readonly CertInfo[]): Uint8Array | null {
  const own = dsaAlgorithm(c.spki);
  if (!own || own.alg.children.length > 1) return null;
  const issuer = others.find((o) => o !== c && equal(o.subject, c.issuer) && (dsaAlgorithm(o.spki)?.alg.children.length ?? 0) > 1);
  const parent = issuer ? dsaAlgorithm(issuer.spki) : null;
  if (!issuer || !parent) return null;
  const alg = encodingOf(issuer.spki, parent.alg);
  const key = encodingOf(c.spki, own.key);
  const body = new Uint8Array([...alg, ...key]);
  return new Uint8Array([0x30, ...lengthOctets(body.length), ...body]);
}

const equal = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

const hexOf = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/**
 * Certificates indexed by IssuerAndSerialNumber and SubjectKeyIdentifier, so matching thousands of
 * signers against thousands of certificates stays linear (hostile messages carry both).
 */
export class CertIndex {
  private readonly byIssuerSerial = new Map<string, CertInfo>();
  private readonly bySki = new Map<string, CertInfo>();
  /** Signature verifications spent on certificates a signer identifier does not name. */
  fallbackTries = 0;

  constructor(readonly all: readonly CertInfo[]) {
    for (const c of all) {
      const k = hexOf(c.issuerAndSerial);
      if (!this.byIssuerSerial.has(k)) this.byIssuerSerial.set(k, c);
      if (c.ski) {
        const s = hexOf(c.ski);
        if (!this.bySki.has(s)) this.bySki.set(s, c);
      }
    }
  }

  issuerSerial(encoded: Uint8Array): CertInfo | null {
    return this.byIssuerSerial.get(hexOf(encoded)) ?? null;
  }

  ski(ski: Uint8Array): CertInfo | null {
    return this.bySki.get(hexOf(ski)) ?? null;
  }
}

export { equal as bytesEqual };
