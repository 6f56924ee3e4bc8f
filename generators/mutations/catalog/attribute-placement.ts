/**
 * Attributes placed or counted where their RFC forbids, one statement each (RFC 2634 1.3.4,
 * 3.4.1, 5.4; RFC 5035 3, 5; RFC 5652 11.4; RFC 8551 2.5.2-2.5.3), all re-signed so only the
 * placement is wrong. A receiver that looks an attribute up in either set, or takes the first of
 * several values, acts on data no signature covers or that the signer never chose.
 */
import { ctxPrimitive, implicit, oid, seq } from '../../../core/der/encode.ts';
import { OID } from '../../../core/oids.ts';
import type { CaseContext } from '../../case.ts';
import { attribute, smimeCapabilitiesAttr } from '../../cms/attributes.ts';
import { countersignatureAttr } from '../../cms/signed-data.ts';
import {
  contentReferenceAttr, encryptionKeyPreferenceAttr, equivalentLabelsAttr, msgSigDigestAttr,
  receiptRequestValue, securityLabelAttr, securityLabelValue, signingCertificateAttr, signingCertificateV2Attr,
} from '../../ess/attributes.ts';
import { RECEIPT_REQUEST_ALL } from '../../cases/ess-receipt.ts';
import type { Mutation } from '../mutation.ts';
import { alice } from '../signed/common.ts';
import { LABEL_ALT, LABEL_PSTRING } from '../ess-mime/common.ts';
import { signedDefect } from './common.ts';

const caps = (): Uint8Array => smimeCapabilitiesAttr([seq(oid(OID.aes256Cbc)), seq(oid(OID.aes128Cbc))]);
const capsValue = (): Uint8Array => seq(seq(oid(OID.aes256Cbc)));
const keyPref = (ctx: CaseContext): Uint8Array => encryptionKeyPreferenceAttr({ issuerAndSerial: ctx.cast.get('alice-rsa').issuerAndSerial });
const certId = (ctx: CaseContext) => ({ certDer: ctx.cast.get('alice-rsa').certDer, issuerAndSerial: ctx.cast.get('alice-rsa').issuerAndSerial, withIssuerSerial: true });
const reference = () => contentReferenceAttr({ contentType: OID.data, signedContentIdentifier: Uint8Array.from(Buffer.from('cmsi-ref')), originatorSignatureValue: new Uint8Array(32).fill(7) });

export const ATTRIBUTE_PLACEMENT_MUTATIONS: readonly Mutation[] = [
  signedDefect({
    name: 'smime-capabilities-unsigned',
    description: 'SMIMECapabilities carried in unsignedAttrs; a receiver that reads it from there lets anyone downgrade the ciphers it will use to answer',
    requirements: ['rfc8551/2.5.2/capabilities-signed-only', 'rfc2634/1.3.4/table-smime-capabilities-signed'],
    flag: 'ForbiddenAttribute',
    unsigned: () => [caps()],
  }),
  signedDefect({
    name: 'smime-capabilities-twice',
    description: 'Two SMIMECapabilities attributes in one SignerInfo\'s signedAttrs; a receiver that picks one at random answers with ciphers the signer did not prefer',
    requirements: ['rfc8551/2.5.2/capabilities-single-attribute'],
    flag: 'ForbiddenAttribute',
    signed: () => [caps(), smimeCapabilitiesAttr([seq(oid(OID.desEde3Cbc))])],
  }),
  signedDefect({
    name: 'smime-capabilities-two-values',
    description: 'SMIMECapabilities with two AttributeValues in its SET; a receiver that takes the first ignores the other list',
    requirements: ['rfc8551/2.5.2/capabilities-single-value'],
    flag: 'ForbiddenAttribute',
    signed: () => [attribute(OID.smimeCapabilities, capsValue(), seq(seq(oid(OID.desEde3Cbc))))],
  }),
  signedDefect({
    name: 'encryption-key-preference-unsigned',
    description: 'SMIMEEncryptionKeyPreference in unsignedAttrs; anyone can add one and have replies encrypted to a key of their choice',
    requirements: ['rfc8551/2.5.3/keypref-signed-only', 'rfc2634/1.3.4/table-encryption-key-preference-signed'],
    flag: 'ForbiddenAttribute',
    unsigned: (ctx) => [keyPref(ctx)],
  }),
  signedDefect({
    name: 'encryption-key-preference-twice',
    description: 'Two SMIMEEncryptionKeyPreference attributes in signedAttrs; a receiver cannot tell which key the signer prefers',
    requirements: ['rfc8551/2.5.3/keypref-single-attribute'],
    flag: 'ForbiddenAttribute',
    signed: (ctx) => [keyPref(ctx), encryptionKeyPreferenceAttr({ ski: ctx.cast.get('alice-rsa').ski })],
  }),
  signedDefect({
    name: 'encryption-key-preference-two-values',
    description: 'SMIMEEncryptionKeyPreference with two AttributeValues; a receiver that takes the first may encrypt to the other key',
    requirements: ['rfc8551/2.5.3/keypref-single-value'],
    flag: 'ForbiddenAttribute',
    signed: (ctx) => {
      const a = ctx.cast.get('alice-rsa');
      // [0] IMPLICIT IssuerAndSerialNumber and [2] subjectAltKeyIdentifier, as two values of one attribute.
      return [attribute(OID.encrypKeyPref, implicit(0, a.issuerAndSerial), ctxPrimitive(2, a.ski))];
    },
  }),
  signedDefect({
    name: 'countersignature-in-signed-attrs',
    description: 'A counterSignature attribute among the signed attributes; a receiver that accepts it there treats a signature on a signature as a signed claim about the content',
    requirements: ['rfc2634/1.3.4/countersignature-not-in-signed', 'rfc2634/1.3.4/countersignature-in-unsigned', 'rfc2634/1.3.4/table-countersignature-not-signed', 'rfc5652/11.4/unsigned-placement-only'],
    flag: 'ForbiddenAttribute',
    signed: (ctx) => [countersignatureAttr(alice(ctx), new Uint8Array(256).fill(0x5a), ctx.rnd.fork('countersignature'))],
  }),
  signedDefect({
    name: 'countersignature-no-values',
    description: 'A counterSignature attribute whose attrValues SET is empty; a receiver that reports "countersigned" shows a countersignature that does not exist',
    requirements: ['rfc5652/11.4/at-least-one-value'],
    flag: 'ForbiddenAttribute',
    unsigned: () => [attribute(OID.countersignature)],
  }),
  signedDefect({
    name: 'signing-certificate-two-values',
    description: 'signingCertificate with two AttributeValues (Alice\'s and Bob\'s certificate); a receiver that takes either binds the signature to a certificate the signer may not have meant',
    requirements: ['rfc5035/5/v1-single-value', 'rfc5035/5/v1-no-empty-or-multi-value', 'rfc2634/5.4/signing-certificate-no-empty-or-multi-value', 'rfc2634/5.4/signing-certificate-single-value', 'rfc2634/1.3.4/ess-attr-no-empty-or-multi-value'],
    flag: 'EssSigningCertMismatch',
    signed: (ctx) => {
      const bob = { certDer: ctx.cast.get('bob-rsa').certDer, issuerAndSerial: ctx.cast.get('bob-rsa').issuerAndSerial, withIssuerSerial: true };
      const one = Buffer.from(signingCertificateAttr([certId(ctx)]));
      const two = Buffer.from(signingCertificateAttr([bob]));
      return [attribute(OID.signingCertificate, lastValue(one), lastValue(two))];
    },
  }),
  signedDefect({
    name: 'signing-certificate-v2-no-values',
    description: 'signingCertificateV2 with an empty attrValues SET; a receiver that treats presence as "certificate bound" binds nothing',
    requirements: ['rfc5035/3/v2-no-empty-or-multi-value', 'rfc5035/3/v2-single-value'],
    flag: 'EssSigningCertMismatch',
    signed: () => [attribute(OID.signingCertificateV2)],
  }),
  signedDefect({
    name: 'signing-certificate-v2-unsigned',
    description: 'signingCertificateV2 in unsignedAttrs; anyone can replace it and substitute the certificate the signature is bound to',
    requirements: ['rfc5035/3/v2-not-unsigned', 'rfc5035/3/v2-signed'],
    flag: 'EssSigningCertMismatch',
    unsigned: (ctx) => [signingCertificateV2Attr([{ ...certId(ctx), hash: 'sha256' }])],
  }),
  signedDefect({
    name: 'equivalent-labels-two-values',
    description: 'equivalentLabels with two AttributeValues beside an eSSSecurityLabel; a receiver that reads one set of equivalents misses the other',
    requirements: ['rfc2634/3.4.1/equivalent-labels-single-value', 'rfc2634/3.4.1/equivalent-labels-no-empty-or-multi-value', 'rfc2634/1.3.4/ess-attr-no-empty-or-multi-value', 'rfc2634/1.3.4/ess-attr-single-value'],
    flag: 'EssLabelConfusion',
    signed: () => [securityLabelAttr(LABEL_PSTRING), attribute(OID.equivalentLabels, seq(securityLabelValue(LABEL_ALT)), seq(securityLabelValue(LABEL_PSTRING)))],
  }),
  signedDefect({
    name: 'equivalent-labels-twice',
    description: 'Two equivalentLabels attributes in one SignerInfo; a receiver that applies the first ignores a conflicting second',
    requirements: ['rfc2634/3.4.1/equivalent-labels-single-instance', 'rfc2634/1.3.4/ess-attr-single-instance'],
    flag: 'EssLabelConfusion',
    signed: () => [securityLabelAttr(LABEL_PSTRING), equivalentLabelsAttr([LABEL_ALT]), equivalentLabelsAttr([{ ...LABEL_ALT, classification: 5 }])],
  }),
  signedDefect({
    name: 'receipt-request-two-values',
    description: 'receiptRequest with two AttributeValues; a receiver that answers the first sends receipts the other value does not ask for',
    requirements: ['rfc2634/1.3.4/ess-attr-no-empty-or-multi-value', 'rfc2634/1.3.4/ess-attr-single-value'],
    flag: 'EssReceiptConfusion',
    signed: () => [attribute(OID.receiptRequest, receiptRequestValue(RECEIPT_REQUEST_ALL), receiptRequestValue({ ...RECEIPT_REQUEST_ALL, receiptsTo: [[{ email: 'mallory@example.com' }]] }))],
  }),
  signedDefect({
    name: 'content-identifier-no-values',
    description: 'contentIdentifier with an empty attrValues SET; a receiver that correlates messages by it reads nothing',
    requirements: ['rfc2634/1.3.4/ess-attr-no-empty-or-multi-value', 'rfc2634/1.3.4/ess-attr-single-value'],
    flag: 'ForbiddenAttribute',
    signed: () => [attribute(OID.contentIdentifier)],
  }),
  signedDefect({
    name: 'msg-sig-digest-unsigned',
    description: 'msgSigDigest in unsignedAttrs of an ordinary signed message; a receiver that trusts it takes a receipt binding anyone could add',
    requirements: ['rfc2634/1.3.4/signed-only-attrs-not-elsewhere', 'rfc2634/1.3.4/signed-only-attrs-in-signed-attrs', 'rfc2634/1.3.4/table-msg-sig-digest-signed'],
    flag: 'ForbiddenAttribute',
    unsigned: () => [msgSigDigestAttr(new Uint8Array(32).fill(0x11))],
  }),
  signedDefect({
    name: 'content-reference-unsigned',
    description: 'contentReference in unsignedAttrs; anyone can point the message at another original',
    requirements: ['rfc2634/1.3.4/protected-attrs-not-unprotected', 'rfc2634/1.3.4/protected-attrs-signed-or-authenticated', 'rfc2634/1.3.4/table-content-reference-signed'],
    flag: 'ForbiddenAttribute',
    unsigned: () => [reference()],
  }),
];

/** The AttributeValue of a one-value Attribute encoding: the last TLV inside its SET. */
function lastValue(attr: Buffer): Uint8Array {
  // SEQUENCE hdr, OID tlv, SET hdr, value: skip the SEQUENCE header and the OID.
  let p = headerLength(attr, 0);
  p += tlvLength(attr, p);
  p += headerLength(attr, p);
  return new Uint8Array(attr.subarray(p));
}
function headerLength(b: Buffer, at: number): number {
  const l = b[at + 1]!;
  return l < 0x80 ? 2 : 2 + (l & 0x7f);
}
function tlvLength(b: Buffer, at: number): number {
  const l = b[at + 1]!;
  if (l < 0x80) return 2 + l;
  let n = 0;
  for (let i = 0; i < (l & 0x7f); i++) n = n * 256 + b[at + 2 + i]!;
  return 2 + (l & 0x7f) + n;
}
