/**
 * CMS attributes (RFC 5652 5.3, 11): Attribute ::= SEQUENCE { attrType, attrValues SET OF }.
 * Signed attributes are a DER SET OF: they are sorted here, and signed with the SET tag (0x31),
 * then stored under [0] IMPLICIT (RFC 5652 5.4).
 */
import { implicit, octets, oid, seq, setOf, time } from '../../core/der/encode.ts';
import { OID } from '../../core/oids.ts';

export const attribute = (type: string, ...values: readonly Uint8Array[]): Uint8Array => seq(oid(type), setOf(...values));

export const contentTypeAttr = (contentType: string): Uint8Array => attribute(OID.contentType, oid(contentType));
export const messageDigestAttr = (digest: Uint8Array): Uint8Array => attribute(OID.messageDigest, octets(digest));
/** signingTime: UTCTime for 1950-2049, GeneralizedTime otherwise (RFC 5652 11.3). */
export const signingTimeAttr = (iso: string): Uint8Array => attribute(OID.signingTime, time(iso));

/** SMIMECapabilities (RFC 8551 2.5.2): a SEQUENCE OF capability, strongest first. */
export const smimeCapabilitiesAttr = (capabilities: readonly Uint8Array[]): Uint8Array =>
  attribute(OID.smimeCapabilities, seq(...capabilities));

/** CMSAlgorithmProtection (RFC 6211 2): digest plus [1] signature or [2] MAC algorithm. */
export function algorithmProtectionAttr(digestAlg: Uint8Array, other: { signature?: Uint8Array; mac?: Uint8Array }): Uint8Array {
  const parts = [digestAlg];
  if (other.signature) parts.push(implicit(1, other.signature));
  if (other.mac) parts.push(implicit(2, other.mac));
  return attribute(OID.cmsAlgorithmProtection, seq(...parts));
}

/** The DER SET OF that is signed (or MACed): tag 0x31, elements in DER order. */
export const signedAttributesSet = (attrs: readonly Uint8Array[]): Uint8Array => setOf(...attrs);

/** The same attributes as stored in SignerInfo / AuthenticatedData: [tag] IMPLICIT SET OF. */
export const attributesField = (tag: number, attrs: readonly Uint8Array[]): Uint8Array =>
  implicit(tag, setOf(...attrs));

