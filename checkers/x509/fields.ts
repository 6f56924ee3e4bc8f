/**
 * Field readers shared by the strict certificate and CRL readers (RFC 5280 4.1, 5.1): an
 * AlgorithmIdentifier, a Name as its attributes, a Time in the form RFC 5280 4.1.2.5 requires.
 * Each returns a value or the problem, never throws; offsets are relative to the bytes given, so
 * the parsed result depends on those bytes alone and can be cached by them.
 */
import { canonicalEncoding } from '../../core/der/canonical.ts';
import { contentOf, type DerNode } from '../../core/der/reader.ts';
import { decodeGeneralizedTime, decodeOid, decodeUtcTime } from '../../core/der/values.ts';

/** One defect of a certificate or CRL: the catalog rule, where (relative offset) and what. */
export interface X509Problem {
  readonly rule: string;
  /** The field, e.g. tbsCertificate.validity.notAfter. */
  readonly field: string;
  readonly message: string;
  readonly offset: number;
  readonly length: number;
}

export const problem = (rule: string, field: string, n: DerNode | null, message: string): X509Problem =>
  ({ rule, field, message, offset: n?.offset ?? 0, length: n ? n.end - n.offset : 0 });

export const isTag = (n: DerNode | undefined, tag: number): n is DerNode => !!n && n.cls === 'universal' && n.tag === tag;
export const isCtx = (n: DerNode | undefined, tag: number): n is DerNode => !!n && n.cls === 'context' && n.tag === tag;

export interface AlgId {
  readonly oid: string;
  /**
   * The DER of the AlgorithmIdentifier, to compare the two signature fields (RFC 5280 4.1.1.2,
   * 5.1.1.2: the same algorithm identifier): re-encoded when BER, so a long-form length in one of
   * them is the DER finding it is, not also a "different algorithm".
   */
  readonly der: Uint8Array;
  readonly params: DerNode | null;
  readonly node: DerNode;
}

export function readAlgId(b: Uint8Array, n: DerNode | undefined): AlgId | string {
  if (!isTag(n, 16) || n.children.length < 1 || n.children.length > 2) return 'AlgorithmIdentifier is not SEQUENCE { algorithm, parameters OPTIONAL }';
  const id = n.children[0]!;
  if (!isTag(id, 6)) return 'AlgorithmIdentifier algorithm is not an OBJECT IDENTIFIER';
  const d = decodeOid(contentOf(b, id));
  if (!d.ok) return `AlgorithmIdentifier algorithm: ${d.error}`;
  return { oid: d.value, der: canonicalEncoding(b, n), params: n.children[1] ?? null, node: n };
}

export interface NameAttribute {
  readonly oid: string;
  /** Universal tag of the value (12 UTF8String, 19 PrintableString, 22 IA5String, ...). */
  readonly tag: number;
  readonly value: Uint8Array;
  readonly node: DerNode;
}

export interface NameView {
  /**
   * The DER of the Name, re-encoded when its bytes are BER (core/der/canonical.ts), so names are
   * compared by value when chaining or matching an identifier; the BER itself is a finding of the
   * reader (rfc5280/4.1/der-encoded) at its offset.
   */
  readonly der: Uint8Array;
  readonly node: DerNode;
  /** RDNs flattened in order; empty for an empty SEQUENCE. */
  readonly attributes: readonly NameAttribute[];
  readonly rdnCount: number;
}

/** Name ::= SEQUENCE OF RelativeDistinguishedName (SET SIZE (1..MAX) OF AttributeTypeAndValue). */
export function readName(b: Uint8Array, n: DerNode | undefined): NameView | string {
  if (!isTag(n, 16)) return 'Name is not a SEQUENCE OF RelativeDistinguishedName';
  const attributes: NameAttribute[] = [];
  for (const rdn of n.children) {
    if (!isTag(rdn, 17) || rdn.children.length === 0) return 'RelativeDistinguishedName is not a non-empty SET';
    for (const atv of rdn.children) {
      const [type, value, extra] = atv.children;
      if (!isTag(atv, 16) || !isTag(type, 6) || !value || extra) return 'AttributeTypeAndValue is not SEQUENCE { type OBJECT IDENTIFIER, value }';
      const d = decodeOid(contentOf(b, type));
      if (!d.ok) return `AttributeTypeAndValue type: ${d.error}`;
      if (value.cls !== 'universal' || value.constructed || !STRING_TAGS.has(value.tag)) return `attribute ${d.value} value is not a string type (DirectoryString, PrintableString, IA5String, ...), found universal ${value.tag}`;
      const bad = stringProblem(value.tag, contentOf(b, value));
      if (bad) return `attribute ${d.value}: ${bad}`;
      attributes.push({ oid: d.value, tag: value.tag, value: contentOf(b, value), node: value });
    }
  }
  return { der: canonicalEncoding(b, n), node: n, attributes, rdnCount: n.children.length };
}

/** String types an attribute value of a Name takes (RFC 5280 4.1.2.4, Appendix A: DirectoryString and the X.520 types). */
const STRING_TAGS = new Set([12, 18, 19, 20, 22, 26, 28, 30]);

/** The characters each string type allows (X.680 41), or null when the content is one. */
function stringProblem(tag: number, c: Uint8Array): string | null {
  if (tag === 19 && !/^[A-Za-z0-9 '()+,\-./:=?]*$/.test(Buffer.from(c).toString('latin1'))) return 'PrintableString holds a character outside its set';
  if ((tag === 22 || tag === 26 || tag === 18) && c.some((x) => x > 0x7f)) return 'a 7-bit string type holds an octet above 0x7F';
  if (tag === 12 && !Buffer.from(Buffer.from(c).toString('utf8'), 'utf8').equals(Buffer.from(c))) return 'UTF8String is not valid UTF-8';
  if ((tag === 30 && c.length % 2) || (tag === 28 && c.length % 4)) return 'BMPString/UniversalString length is not a whole number of characters';
  return null;
}

export interface TimeField {
  /** Milliseconds since the epoch. */
  readonly ms: number;
  readonly iso: string;
  readonly form: 'utc' | 'generalized';
  readonly node: DerNode;
}

/**
 * Time ::= CHOICE { utcTime, generalTime } in the RFC 5280 4.1.2.5 forms: YYMMDDHHMMSSZ or
 * YYYYMMDDHHMMSSZ. Returns the time, or the problem with the form.
 */
export function readTime(b: Uint8Array, n: DerNode | undefined): TimeField | string {
  if (!n || n.cls !== 'universal' || (n.tag !== 23 && n.tag !== 24)) return 'Time is neither UTCTime nor GeneralizedTime';
  const d = n.tag === 23 ? decodeUtcTime(contentOf(b, n)) : decodeGeneralizedTime(contentOf(b, n));
  if (!d.ok) return d.error;
  return { ms: Date.parse(d.value.iso), iso: d.value.iso, form: n.tag === 23 ? 'utc' : 'generalized', node: n };
}

/**
 * RFC 5280 4.1.2.5: dates through 2049 as UTCTime, from 2050 on as GeneralizedTime. Returns the
 * problem, or null when the form is the one the year requires.
 */
export function timeFormProblem(t: TimeField): string | null {
  const year = new Date(t.ms).getUTCFullYear();
  if (year < 2050 && t.form === 'generalized') return `${t.iso} is before 2050 but encoded as GeneralizedTime (RFC 5280 requires UTCTime)`;
  if (year >= 2050 && t.form === 'utc') return `${t.iso} is 2050 or later but encoded as UTCTime`;
  return null;
}

/** A string attribute value as text (latin1 for the single-byte types, UTF-8 otherwise). */
export function text(tag: number, value: Uint8Array): string {
  if (value.length > 1024) return '';
  return tag === 12 ? Buffer.from(value).toString('utf8') : tag === 30 ? '' : Buffer.from(value).toString('latin1');
}

export const bytesEqual = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);
