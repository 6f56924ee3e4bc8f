/**
 * ESS attributes (RFC 2634, updated by RFC 5035) and smimeEncryptionKeyPreference (RFC 8551 2.5.3),
 * encoded from plain descriptions. The descriptions are what the manifest records, so a test can
 * decode each attribute with an independent decoder and compare it field by field.
 *
 * The ESS ASN.1 module uses IMPLICIT TAGS: [0] AllOrFirstTier is a primitive 0x80 INTEGER, while
 * CHOICE and ANY types under a tag (GeneralName directoryName, SecurityCategory value) stay
 * explicit, as X.680 31.2.7 requires.
 */
import { createHash } from 'node:crypto';
import {
  concat, ctxConstructed, ctxPrimitive, generalizedTime, int, octets, oid, printable, seq, setOf, setOfComponents, utf8,
} from '../../core/der/encode.ts';
import { OID } from '../../core/oids.ts';
import { attribute } from '../cms/attributes.ts';

/** A GeneralName this generator can write: rfc822Name [1] or directoryName [4] (an encoded Name). */
export type GeneralNameSpec = { readonly email: string } | { readonly directoryName: Uint8Array };

export function generalName(n: GeneralNameSpec): Uint8Array {
  if ('email' in n) return ctxPrimitive(1, new TextEncoder().encode(n.email));
  return ctxConstructed(4, n.directoryName); // Name is a CHOICE: the tag stays explicit
}

export const generalNames = (names: readonly GeneralNameSpec[]): Uint8Array => seq(...names.map(generalName));

// ---------------------------------------------------------------- receipts (RFC 2634 2.7-2.11)

export type ReceiptsFromSpec =
  | { readonly allOrFirstTier: 'allReceipts' | 'firstTierRecipients' }
  | { readonly receiptList: readonly (readonly GeneralNameSpec[])[] };

export interface ReceiptRequestSpec {
  readonly signedContentIdentifier: Uint8Array;
  readonly receiptsFrom: ReceiptsFromSpec;
  /** Each entry is one GeneralNames (a SEQUENCE OF GeneralName). */
  readonly receiptsTo: readonly (readonly GeneralNameSpec[])[];
}

export function receiptRequestValue(r: ReceiptRequestSpec): Uint8Array {
  const from = 'allOrFirstTier' in r.receiptsFrom
    ? ctxPrimitive(0, Uint8Array.of(r.receiptsFrom.allOrFirstTier === 'allReceipts' ? 0 : 1))
    : ctxConstructed(1, ...r.receiptsFrom.receiptList.map(generalNames));
  return seq(octets(r.signedContentIdentifier), from, seq(...r.receiptsTo.map(generalNames)));
}

export const receiptRequestAttr = (r: ReceiptRequestSpec): Uint8Array => attribute(OID.receiptRequest, receiptRequestValue(r));

/** Receipt ::= SEQUENCE { version 1, contentType, signedContentIdentifier, originatorSignatureValue }. */
export function receiptContent(contentType: string, signedContentIdentifier: Uint8Array, originatorSignatureValue: Uint8Array): Uint8Array {
  return seq(int(1), oid(contentType), octets(signedContentIdentifier), octets(originatorSignatureValue));
}

export const msgSigDigestAttr = (digest: Uint8Array): Uint8Array => attribute(OID.msgSigDigest, octets(digest));
export const contentIdentifierAttr = (id: Uint8Array): Uint8Array => attribute(OID.contentIdentifier, octets(id));

export interface ContentHintsSpec {
  readonly contentDescription?: string;
  readonly contentType: string;
}
export const contentHintsAttr = (h: ContentHintsSpec): Uint8Array =>
  attribute(OID.contentHint, seq(...(h.contentDescription ? [utf8(h.contentDescription)] : []), oid(h.contentType)));

export interface ContentReferenceSpec {
  readonly contentType: string;
  readonly signedContentIdentifier: Uint8Array;
  readonly originatorSignatureValue: Uint8Array;
}
export const contentReferenceAttr = (r: ContentReferenceSpec): Uint8Array =>
  attribute(OID.contentReference, seq(oid(r.contentType), octets(r.signedContentIdentifier), octets(r.originatorSignatureValue)));

// ---------------------------------------------------------------- security labels (RFC 2634 3)

export interface SecurityLabelSpec {
  readonly policy: string;
  readonly classification?: number;
  readonly privacyMark?: { readonly pString: string } | { readonly utf8String: string };
  /** SecurityCategory: type [0] OID, value [1] (explicit, ANY): here a UTF8String. */
  readonly categories?: readonly { readonly type: string; readonly value: string }[];
}

/** ESSSecurityLabel ::= SET: DER puts components in tag order (X.690 10.3, X.680 8.6). */
export function securityLabelValue(l: SecurityLabelSpec): Uint8Array {
  const parts = [oid(l.policy)];
  if (l.classification !== undefined) parts.push(int(l.classification));
  if (l.privacyMark) parts.push('pString' in l.privacyMark ? printable(l.privacyMark.pString) : utf8(l.privacyMark.utf8String));
  if (l.categories?.length) {
    parts.push(setOf(...l.categories.map((c) => seq(ctxPrimitive(0, oid(c.type).subarray(2)), ctxConstructed(1, utf8(c.value))))));
  }
  return setOfComponents(...parts);
}

export const securityLabelAttr = (l: SecurityLabelSpec): Uint8Array => attribute(OID.securityLabel, securityLabelValue(l));
export const equivalentLabelsAttr = (labels: readonly SecurityLabelSpec[]): Uint8Array =>
  attribute(OID.equivalentLabels, seq(...labels.map(securityLabelValue)));

// ---------------------------------------------------------------- mail lists (RFC 2634 4.4)

export type EntityIdentifierSpec = { readonly issuerAndSerial: Uint8Array } | { readonly ski: Uint8Array };

export type MlReceiptPolicySpec =
  | { readonly none: true }
  | { readonly insteadOf: readonly (readonly GeneralNameSpec[])[] }
  | { readonly inAdditionTo: readonly (readonly GeneralNameSpec[])[] };

export interface MlDataSpec {
  readonly mailList: EntityIdentifierSpec;
  /** GeneralizedTime, YYYYMMDDHHMMSSZ. */
  readonly expansionTime: string;
  readonly policy?: MlReceiptPolicySpec;
}

function mlReceiptPolicy(p: MlReceiptPolicySpec): Uint8Array {
  if ('none' in p) return ctxPrimitive(0, new Uint8Array());
  if ('insteadOf' in p) return ctxConstructed(1, ...p.insteadOf.map(generalNames));
  return ctxConstructed(2, ...p.inAdditionTo.map(generalNames));
}

export function mlDataValue(d: MlDataSpec): Uint8Array {
  const id = 'ski' in d.mailList ? octets(d.mailList.ski) : d.mailList.issuerAndSerial;
  return seq(id, generalizedTime(d.expansionTime), ...(d.policy ? [mlReceiptPolicy(d.policy)] : []));
}

export const mlExpansionHistoryAttr = (entries: readonly MlDataSpec[]): Uint8Array =>
  attribute(OID.mlExpansionHistory, seq(...entries.map(mlDataValue)));

// ---------------------------------------------------------------- signing certificate (2634 5.4, 5035)

export interface IssuerSerialSource {
  /** The issuer Name and serial INTEGER, both encoded, as cut from the certificate. */
  readonly issuerAndSerial: Uint8Array;
}

function issuerSerial(src: IssuerSerialSource): Uint8Array {
  // IssuerAndSerialNumber = SEQUENCE { Name, INTEGER }; IssuerSerial wants GeneralNames for the issuer.
  const inner = src.issuerAndSerial;
  const hdr = inner[1]! < 0x80 ? 2 : 2 + (inner[1]! & 0x7f);
  const nameLenByte = inner[hdr + 1]!;
  const nameLen = nameLenByte < 0x80 ? 2 + nameLenByte : 2 + (nameLenByte & 0x7f) + readLength(inner, hdr + 1);
  const name = inner.subarray(hdr, hdr + nameLen);
  const serial = inner.subarray(hdr + nameLen);
  return seq(generalNames([{ directoryName: name }]), serial);
}

function readLength(b: Uint8Array, at: number): number {
  let len = 0;
  for (let i = 0; i < (b[at]! & 0x7f); i++) len = len * 256 + b[at + 1 + i]!;
  return len;
}

export interface CertIdSpec extends IssuerSerialSource {
  readonly certDer: Uint8Array;
  readonly withIssuerSerial: boolean;
}

/** PolicyInformation ::= SEQUENCE { policyIdentifier, ... } (RFC 5280 4.2.1.4). */
const policies = (ids: readonly string[]): Uint8Array[] => (ids.length ? [seq(...ids.map((p) => seq(oid(p))))] : []);

export function signingCertificateAttr(certs: readonly CertIdSpec[], policyIds: readonly string[] = []): Uint8Array {
  const ids = certs.map((c) => seq(
    octets(createHash('sha1').update(c.certDer).digest()),
    ...(c.withIssuerSerial ? [issuerSerial(c)] : []),
  ));
  return attribute(OID.signingCertificate, seq(seq(...ids), ...policies(policyIds)));
}

export type CertIdHash = 'sha256' | 'sha384' | 'sha512';

/** ESSCertIDv2: hashAlgorithm DEFAULT sha256 is omitted for SHA-256, as DER requires (RFC 5035 4). */
export function signingCertificateV2Attr(certs: readonly (CertIdSpec & { hash: CertIdHash })[], policyIds: readonly string[] = []): Uint8Array {
  const ids = certs.map((c) => seq(
    ...(c.hash === 'sha256' ? [] : [seq(oid(OID[c.hash]))]),
    octets(createHash(c.hash).update(c.certDer).digest()),
    ...(c.withIssuerSerial ? [issuerSerial(c)] : []),
  ));
  return attribute(OID.signingCertificateV2, seq(seq(...ids), ...policies(policyIds)));
}

// ---------------------------------------------------------------- RFC 8551 2.5.3

export type EncryptionKeyPreferenceSpec = { readonly issuerAndSerial: Uint8Array } | { readonly ski: Uint8Array };

/** SMIMEEncryptionKeyPreference, IMPLICIT tags: [0] IssuerAndSerialNumber or [2] SubjectKeyIdentifier. */
export function encryptionKeyPreferenceAttr(p: EncryptionKeyPreferenceSpec): Uint8Array {
  const value = 'issuerAndSerial' in p
    ? concat(Uint8Array.of(0xa0), p.issuerAndSerial.subarray(1))
    : ctxPrimitive(2, p.ski);
  return attribute(OID.encrypKeyPref, value);
}

