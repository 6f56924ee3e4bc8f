/**
 * Decoders for the certificate extensions the S/MIME profile names (RFC 8550 4.4: basic
 * constraints, key usage, authority and subject key identifiers, subject alternative name) and
 * extended key usage (RFC 8550 4.4.4), with the syntax of RFC 5280 4.2.1. Each returns the value
 * or a problem string, never throws; `decodeKnown` says which extensions this checker can process
 * (a critical extension it cannot is reported as unchecked, not as a failure: another verifier
 * may know it).
 */
import { contentOf, readDer, type DerNode } from '../../core/der/reader.ts';
import { decodeBitString, decodeBoolean, decodeOid, decodeSmallInt } from '../../core/der/values.ts';
import { OID } from '../../core/oids.ts';
import type { Extension, X509Certificate } from './certificate.ts';
import { isCtx, isTag } from './fields.ts';

export const KEY_USAGE = ['digitalSignature', 'nonRepudiation', 'keyEncipherment', 'dataEncipherment', 'keyAgreement', 'keyCertSign', 'cRLSign', 'encipherOnly', 'decipherOnly'] as const;
export type KeyUsage = (typeof KEY_USAGE)[number];

export interface BasicConstraints { readonly ca: boolean; readonly pathLen: number | null }
export interface SubjectAltName {
  readonly rfc822: readonly string[];
  /** SmtpUTF8Mailbox otherName values (RFC 8398 3), as text. */
  readonly smtpUtf8: readonly string[];
  readonly count: number;
  /**
   * rfc822Name values holding octets above 0x7f (read as UTF-8): not IA5String, so the extension
   * has no RFC 5280 syntax; only readSubjectAltName returns them, for the RFC 8550 4.4.3 check.
   */
  readonly nonAsciiRfc822: readonly string[];
}

export type Decoded<T> = T | string;

function inner(value: Uint8Array): DerNode | string {
  const r = readDer(value, { maxDepth: 16, maxNodes: 5_000 });
  if (r.fatal || !r.root) return `extnValue is not one DER value (${r.defects[0]?.message ?? 'empty'})`;
  if (!r.isDer) return `extnValue is not DER (${r.defects[0]?.message})`;
  return r.root;
}

export function basicConstraints(value: Uint8Array): Decoded<BasicConstraints> {
  const n = inner(value);
  if (typeof n === 'string') return n;
  if (!isTag(n, 16) || n.children.length > 2) return 'basicConstraints is not SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLenConstraint INTEGER OPTIONAL }';
  let [a, b] = n.children;
  let ca = false;
  if (isTag(a, 1)) {
    const d = decodeBoolean(contentOf(value, a));
    if (!d.ok) return d.error;
    if (!d.value) return 'cA FALSE is encoded, but DER omits a DEFAULT value';
    ca = true;
    a = b;
    b = undefined;
  }
  if (b) return 'basicConstraints has a field after pathLenConstraint';
  if (!a) return { ca, pathLen: null };
  if (!isTag(a, 2)) return 'pathLenConstraint is not an INTEGER';
  const p = decodeSmallInt(contentOf(value, a));
  return p.ok ? { ca, pathLen: p.value } : `pathLenConstraint: ${p.error}`;
}

/** KeyUsage ::= BIT STRING; DER removes trailing zero bits (X.690 11.2.2). */
export function keyUsage(value: Uint8Array): Decoded<ReadonlySet<KeyUsage>> {
  const n = inner(value);
  if (typeof n === 'string') return n;
  if (!isTag(n, 3)) return 'keyUsage is not a BIT STRING';
  const d = decodeBitString(contentOf(value, n));
  if (!d.ok) return d.error;
  if (d.ber) return d.ber;
  const bytes = d.value.bytes;
  if (bytes.length > 0 && !(bytes[bytes.length - 1]! & (1 << d.value.unused))) return 'keyUsage BIT STRING has trailing zero bits (DER removes them, X.690 11.2.2)';
  const set = new Set<KeyUsage>();
  KEY_USAGE.forEach((name, bit) => {
    if (bytes[bit >> 3] !== undefined && bytes[bit >> 3]! & (0x80 >> (bit & 7))) set.add(name);
  });
  return set;
}

export function extKeyUsage(value: Uint8Array): Decoded<readonly string[]> {
  const n = inner(value);
  if (typeof n === 'string') return n;
  if (!isTag(n, 16) || n.children.length === 0) return 'extKeyUsage is not a non-empty SEQUENCE OF KeyPurposeId';
  const out: string[] = [];
  for (const c of n.children) {
    if (!isTag(c, 6)) return 'KeyPurposeId is not an OBJECT IDENTIFIER';
    const d = decodeOid(contentOf(value, c));
    if (!d.ok) return d.error;
    out.push(d.value);
  }
  return out;
}

/** GeneralNames; rfc822Name [1] IA5String, otherName [0] with SmtpUTF8Mailbox (UTF8String). */
export function subjectAltName(value: Uint8Array): Decoded<SubjectAltName> {
  const r = readSubjectAltName(value);
  return typeof r === 'object' && r.nonAsciiRfc822.length ? 'rfc822Name holds non-ASCII octets (IA5String)' : r;
}

/**
 * subjectAltName read as subjectAltName does, except that an rfc822Name with non-ASCII octets is
 * collected (nonAsciiRfc822) instead of failing the read: RFC 8550 4.4.3 says where such an
 * address belongs, which the syntax failure alone does not tell.
 */
export function readSubjectAltName(value: Uint8Array): Decoded<SubjectAltName> {
  const n = inner(value);
  if (typeof n === 'string') return n;
  if (!isTag(n, 16)) return 'subjectAltName is not a SEQUENCE OF GeneralName';
  const rfc822: string[] = [];
  const smtpUtf8: string[] = [];
  const nonAsciiRfc822: string[] = [];
  for (const g of n.children) {
    if (g.cls !== 'context' || g.tag > 8) return `GeneralName with tag ${g.cls} [${g.tag}]`;
    if (g.tag === 1) {
      if (g.constructed) return 'rfc822Name is not a primitive IA5String';
      const c = contentOf(value, g);
      if (c.some((b) => b > 0x7f)) nonAsciiRfc822.push(Buffer.from(c).toString('utf8'));
      else rfc822.push(Buffer.from(c).toString('latin1'));
    } else if (g.tag === 0) {
      const [type, wrapped] = g.children;
      if (!isTag(type, 6) || !isCtx(wrapped, 0)) return 'otherName is not SEQUENCE { type-id, [0] EXPLICIT value }';
      const d = decodeOid(contentOf(value, type));
      if (!d.ok) return d.error;
      if (d.value === OID.smtpUtf8Mailbox) {
        const s = wrapped.children[0];
        if (!isTag(s, 12)) return 'SmtpUTF8Mailbox is not a UTF8String (RFC 8398 3)';
        smtpUtf8.push(Buffer.from(contentOf(value, s)).toString('utf8'));
      }
    }
  }
  return { rfc822, smtpUtf8, count: n.children.length, nonAsciiRfc822 };
}

/** SubjectKeyIdentifier ::= OCTET STRING. */
export function subjectKeyId(value: Uint8Array): Decoded<Uint8Array> {
  const n = inner(value);
  if (typeof n === 'string') return n;
  return isTag(n, 4) ? contentOf(value, n) : 'subjectKeyIdentifier is not an OCTET STRING';
}

/** AuthorityKeyIdentifier ::= SEQUENCE { keyIdentifier [0] OPTIONAL, ... }: the key identifier. */
export function authorityKeyId(value: Uint8Array): Decoded<Uint8Array | null> {
  const n = inner(value);
  if (typeof n === 'string') return n;
  if (!isTag(n, 16) || n.children.some((c) => c.cls !== 'context' || c.tag > 2)) return 'authorityKeyIdentifier is not SEQUENCE { [0] keyIdentifier, [1] issuer, [2] serial }';
  const k = n.children.find((c) => c.tag === 0);
  return k && !k.constructed ? contentOf(value, k) : null;
}

/** The decoders by extension OID: what this checker processes. */
const DECODERS: Readonly<Record<string, (v: Uint8Array) => unknown>> = {
  [OID.basicConstraints]: basicConstraints, [OID.keyUsage]: keyUsage, [OID.extKeyUsage]: extKeyUsage,
  [OID.subjectAltName]: subjectAltName, [OID.subjectKeyIdentifier]: subjectKeyId, [OID.authorityKeyIdentifier]: authorityKeyId,
};

export const understood = (oid: string): boolean => oid in DECODERS;

/** The syntax problem of a known extension's value, or null (unknown extensions: null). */
export function syntaxProblem(e: Extension): string | null {
  const d = DECODERS[e.oid];
  if (!d) return null;
  const r = d(e.value);
  return typeof r === 'string' ? r : null;
}

export const extension = (c: X509Certificate, oid: string): Extension | undefined => c.extensions.find((e) => e.oid === oid);

/** Decoded extension of a certificate: undefined when absent, a string when broken. */
export function decoded<T>(c: X509Certificate, oid: string, decode: (v: Uint8Array) => Decoded<T>): T | string | undefined {
  const e = extension(c, oid);
  return e ? decode(e.value) : undefined;
}

/** The subjectKeyIdentifier value, when present and readable. */
export function skiOf(c: X509Certificate): Uint8Array | null {
  const d = decoded(c, OID.subjectKeyIdentifier, subjectKeyId);
  return d instanceof Uint8Array ? d : null;
}
