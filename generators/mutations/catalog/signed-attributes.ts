/**
 * More SignedData attribute statements, one each (RFC 5652 5.2.1, 5.4, 11.3, 11.4; RFC 2634
 * 1.3.4, 3.1.1, 3.4.1; RFC 5035 5; RFC 8551 2.5.1-2.5.3): the CMS attributes repeated among the
 * unsigned ones, a second signing time or value, a signing time without seconds, a
 * countersignature without message-digest, a digest over the eContent TLV, SMIMECapabilities
 * parameters, and (acceptable) an encryption key preference for a certificate not carried.
 */
import { createHash } from 'node:crypto';
import { generalizedTime, nul, octets, oid, seq } from '../../../core/der/encode.ts';
import { OID } from '../../../core/oids.ts';
import type { CaseContext } from '../../case.ts';
import { attribute, contentTypeAttr, messageDigestAttr, signingTimeAttr, smimeCapabilitiesAttr } from '../../cms/attributes.ts';
import { encryptionKeyPreferenceAttr, equivalentLabelsAttr, securityLabelAttr, signingCertificateAttr } from '../../ess/attributes.ts';
import type { Mutation } from '../mutation.ts';
import { LABEL_ALT, LABEL_PSTRING } from '../ess-mime/common.ts';
import { countersigned } from '../signed/countersignature-common.ts';
import { isAttr, replacing } from '../signed/common.ts';
import { signedDefect } from './common.ts';

const TST_INFO = '1.2.840.113549.1.9.16.1.4';
const sha256 = (b: Uint8Array): Uint8Array => new Uint8Array(createHash('sha256').update(b).digest());
const certId = (ctx: CaseContext) => ({ certDer: ctx.cast.get('alice-rsa').certDer, issuerAndSerial: ctx.cast.get('alice-rsa').issuerAndSerial, withIssuerSerial: true });

export const SIGNED_ATTRIBUTE_MUTATIONS: readonly Mutation[] = [
  signedDefect({
    name: 'content-type-attr-also-unsigned', description: 'content-type signed and repeated among the unsigned attributes; a receiver that reads the unsigned copy dispatches on a type nobody signed',
    requirements: ['rfc2634/1.3.4/table-content-type-signed', 'rfc5652/11.1/protected-placement-only'], flag: 'ForbiddenAttribute',
    unsigned: () => [contentTypeAttr(TST_INFO)],
  }),
  signedDefect({
    name: 'message-digest-also-unsigned', description: 'message-digest signed and repeated among the unsigned attributes with another value; a receiver that compares the unsigned one accepts other content',
    requirements: ['rfc2634/1.3.4/table-message-digest-signed', 'rfc5652/11.2/protected-placement-only'], flag: 'ForbiddenAttribute',
    unsigned: () => [messageDigestAttr(new Uint8Array(32).fill(0x42))],
  }),
  signedDefect({
    name: 'signing-time-also-unsigned', description: 'signingTime signed and a second signingTime among the unsigned attributes; a receiver that shows the unsigned one shows a time anyone can set',
    requirements: ['rfc2634/1.3.4/table-signing-time-signed', 'rfc5652/11.3/protected-placement-only'], flag: 'ForbiddenAttribute',
    signed: () => [signingTimeAttr('2026-01-15T12:00:00Z')],
    unsigned: () => [signingTimeAttr('2030-01-01T00:00:00Z')],
  }),
  signedDefect({
    name: 'signing-certificate-also-unsigned', description: 'signingCertificate signed and repeated among the unsigned attributes; a receiver that reads the unsigned copy binds the signature to a certificate anyone can name',
    requirements: ['rfc2634/1.3.4/table-signing-certificate-signed', 'rfc5035/5/v1-signed', 'rfc5035/5/v1-not-unsigned', 'rfc2634/5.4/signing-certificate-signed', 'rfc2634/1.3.4/signed-only-attrs-in-signed-attrs', 'rfc2634/1.3.4/signed-only-attrs-not-elsewhere', 'rfc2634/5.4/signing-certificate-not-unsigned'], flag: 'EssSigningCertMismatch',
    signed: (ctx) => [signingCertificateAttr([certId(ctx)])],
    unsigned: (ctx) => [signingCertificateAttr([{ ...certId(ctx), certDer: ctx.cast.get('bob-rsa').certDer, issuerAndSerial: ctx.cast.get('bob-rsa').issuerAndSerial }])],
  }),
  signedDefect({
    name: 'security-label-also-unsigned', description: 'eSSSecurityLabel signed and a second label among the unsigned attributes; a receiver that applies the unsigned label lets anyone reclassify the message',
    requirements: ['rfc2634/3.1.1/security-label-in-signed-attrs', 'rfc2634/3.1.1/security-label-signed-attribute', 'rfc2634/3.1.1/security-label-not-unsigned', 'rfc2634/1.3.2/security-label-not-unsigned', 'rfc2634/1.3.4/protected-attrs-not-unprotected', 'rfc2634/1.3.4/protected-attrs-signed-or-authenticated', 'rfc2634/1.3.4/table-security-label-signed'], flag: 'EssLabelConfusion',
    signed: () => [securityLabelAttr(LABEL_PSTRING)],
    unsigned: () => [securityLabelAttr(LABEL_ALT)],
  }),
  signedDefect({
    name: 'equivalent-labels-also-unsigned', description: 'equivalentLabels signed and a second equivalentLabels among the unsigned attributes; a receiver that maps the label through the unsigned one applies equivalents nobody signed',
    requirements: ['rfc2634/3.4.1/equivalent-labels-signed', 'rfc2634/3.4.1/equivalent-labels-not-unsigned', 'rfc2634/1.3.4/protected-attrs-not-unprotected', 'rfc2634/1.3.4/protected-attrs-signed-or-authenticated', 'rfc2634/1.3.4/table-equivalent-labels-signed'], flag: 'EssLabelConfusion',
    signed: () => [securityLabelAttr(LABEL_PSTRING), equivalentLabelsAttr([LABEL_ALT])],
    unsigned: () => [equivalentLabelsAttr([{ ...LABEL_ALT, classification: 1 }])],
  }),
  signedDefect({
    name: 'signing-time-twice', description: 'Two signingTime attributes in signedAttrs (2026 and 2030); a receiver that shows the first hides the other the signer also signed',
    requirements: ['rfc5652/11.3/once-in-signed-attrs'], flag: 'ForbiddenAttribute',
    signed: () => [signingTimeAttr('2026-01-15T12:00:00Z'), signingTimeAttr('2030-01-01T00:00:00Z')],
  }),
  signedDefect({
    name: 'signing-time-two-values', description: 'signingTime with two values in its SET; a receiver that takes the first ignores the second',
    requirements: ['rfc5652/11.3/single-value'], flag: 'ForbiddenAttribute',
    signed: () => [attribute(OID.signingTime, generalizedTime('20500101000000Z'), generalizedTime('20510101000000Z'))],
  }),
  signedDefect({
    name: 'signing-time-generalized-no-seconds', description: 'signingTime in 2050 as GeneralizedTime without seconds (205001011200Z); a receiver that reads it leniently accepts a time form DER and RFC 5652 11.3 exclude',
    requirements: ['rfc5652/11.3/generalized-time-seconds'], flag: 'BadTimeEncoding',
    signed: () => [attribute(OID.signingTime, Uint8Array.from([0x18, 13, ...new TextEncoder().encode('205001011200Z')]))],
  }),
  signedDefect({
    name: 'signing-time-generalized-2049', description: 'signingTime 2049-12-31 23:59:59 as GeneralizedTime; RFC 8551 2.5.1 and RFC 5652 11.3 require UTCTime through 2049, so two encodings of one time exist',
    requirements: ['rfc8551/2.5.1/signing-time-utctime-through-2049', 'rfc5652/11.3/utc-time-1950-to-2049'], flag: 'BadTimeEncoding',
    signed: () => [attribute(OID.signingTime, generalizedTime('20491231235959Z'))],
  }),
  signedDefect({
    name: 'message-digest-over-econtent-tlv', description: 'message-digest taken over the whole eContent OCTET STRING (tag and length included) of id-data content, re-signed; a verifier that hashes the same wrong bytes accepts it and interoperates with nobody',
    requirements: ['rfc5652/5.2.1/data-digest-covers-octet-string-value', 'rfc5652/5.4/digest-econtent-value-octets', 'rfc5652/5.6/message-digest-attribute-matches'], flag: 'MessageDigestMismatch',
    signer: (ctx) => ({ defects: { attrs: replacing(OID.messageDigest, messageDigestAttr(sha256(octets(ctx.content('message'))))) } }),
  }),
  signedDefect({
    name: 'non-data-digest-over-econtent-tlv', description: 'id-ct-TSTInfo content whose message-digest covers the eContent OCTET STRING tag and length too, re-signed; the digest must cover the complete inner encoding and nothing around it',
    requirements: ['rfc5652/5.2.1/non-data-econtent-digest-whole-encoding', 'rfc5652/5.4/digest-econtent-value-octets', 'rfc5652/5.6/message-digest-attribute-matches'], flag: 'MessageDigestMismatch',
    spec: () => ({ eContentType: TST_INFO }),
    signer: (ctx) => ({ defects: { attrs: replacing(OID.messageDigest, messageDigestAttr(sha256(octets(ctx.content('message'))))) } }),
  }),
  signedDefect({
    name: 'capability-aes-null-params', description: 'SMIMECapabilities listing aes256-CBC with NULL parameters; RFC 8551 2.5.2 says a capability without differentiating parameters omits them, so binary comparison with the registered form fails',
    requirements: ['rfc8551/2.5.2/capability-params-not-null', 'rfc8551/2.5.2/capability-params-omitted'], flag: 'ForbiddenAttribute',
    signed: () => [smimeCapabilitiesAttr([seq(oid(OID.aes256Cbc), nul()), seq(oid(OID.aes128Cbc))])],
  }),
  signedDefect({
    name: 'capability-rc2-no-key-length', description: 'SMIMECapabilities listing rc2-cbc without its key length INTEGER; a receiver cannot tell 40-bit from 128-bit RC2 and may answer with the weak one',
    requirements: ['rfc8551/2.5.2/capability-params-distinguish'], flag: 'ForbiddenAttribute',
    signed: () => [smimeCapabilitiesAttr([seq(oid(OID.aes256Cbc)), seq(oid(OID.rc2Cbc))])],
  }),
  signedDefect({
    name: 'capabilities-interleaved', description: 'SMIMECapabilities mixing categories (AES, then a signature algorithm, then AES again); RFC 8551 2.5.2 asks them grouped, so a receiver that reads the first block of ciphers misses the rest',
    requirements: ['rfc8551/2.5.2/capabilities-grouped-by-category'], flag: 'ForbiddenAttribute', expected: 'acceptable',
    signed: () => [smimeCapabilitiesAttr([seq(oid(OID.aes256Cbc)), seq(oid(OID.sha256WithRSAEncryption), nul()), seq(oid(OID.aes128Cbc))])],
  }),
  signedDefect({
    name: 'key-preference-certificate-not-carried', description: 'SMIMEEncryptionKeyPreference naming Bob\'s certificate, which the message does not carry (RFC 8551 2.5.3 SHOULD); a receiver has to find the key elsewhere',
    requirements: ['rfc8551/2.5.3/keypref-certificate-included'], flag: 'ForbiddenAttribute', expected: 'acceptable',
    signed: (ctx) => [encryptionKeyPreferenceAttr({ issuerAndSerial: ctx.cast.get('bob-rsa').issuerAndSerial })],
  }),
  {
    id: 'invalid/catalog/countersignature-without-message-digest', description: 'Countersignature whose signed attributes lack message-digest (only signing-time), re-signed; RFC 5652 11.4 requires it with any other signed attribute, so what is countersigned is unknown',
    stage: 'before', base: 'signed-data/rsa-sha256/countersignature', requirements: ['rfc5652/11.4/message-digest-with-other-attrs'], flag: 'MessageDigestMismatch', expected: 'invalid',
    apply: ({ ctx }) => ({ bytes: countersigned(ctx, { signedAttrs: [signingTimeAttr('2026-01-15T12:00:00Z')], defects: { attrs: (a) => a.filter((x) => !isAttr(x, OID.messageDigest)) } }) }),
  },
];
