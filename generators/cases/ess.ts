/**
 * ESS attribute cases (RFC 2634 with RFC 5035, RFC 8551 2.5.3): each attribute in its own signed
 * message, built from a plain description that the manifest records under `attributes` so a test
 * can decode it independently and compare.
 */
import { OID } from '../../core/oids.ts';
import type { Feature } from '../../core/vocabulary.ts';
import type { BuiltCase, CaseContext, CaseDef } from '../case.ts';
import { buildSignedData, type SignerSpec } from '../cms/signed-data.ts';
import {
  contentHintsAttr, contentReferenceAttr, encryptionKeyPreferenceAttr, equivalentLabelsAttr, mlExpansionHistoryAttr,
  receiptRequestAttr, securityLabelAttr, signingCertificateAttr, signingCertificateV2Attr,
  type MlDataSpec, type ReceiptRequestSpec, type SecurityLabelSpec,
} from '../ess/attributes.ts';
import { describe } from '../ess/describe.ts';
import { originalWithReceiptRequest, RECEIPT_REQUEST_ALL } from './ess-receipt.ts';

const RSA256 = { kind: 'rsa-pkcs1-sha', digest: 'sha256' } as const;
/** A private arc for the samples' security policies and categories (2.25 UUID arc, fixed). */
export const POLICY = '2.25.262182419164151232453768510733522113571';
export const POLICY_ALT = '2.25.262182419164151232453768510733522113572';
const CATEGORY = '2.25.262182419164151232453768510733522113573';

interface EssVariant {
  readonly id: string;
  readonly description: string;
  readonly features: readonly Feature[];
  readonly rfcs: readonly string[];
  readonly signer?: string;
  /** The attributes to sign, and their description for the manifest. */
  readonly attrs: (ctx: CaseContext) => { readonly encoded: readonly Uint8Array[]; readonly described: Record<string, unknown> };
}

function essCase(v: EssVariant): CaseDef {
  const signerId = v.signer ?? 'alice-rsa';
  return {
    id: v.id,
    description: v.description,
    contentType: 'signedData',
    format: 'der',
    features: ['signed-data', 'attached', 'signed-attrs', 'sid-issuer-serial', 'certificates-included', 'der', ...v.features],
    algorithms: ['sha256', 'rsa-pkcs1v15'],
    requirements: ['rfc5652/5.3', ...v.rfcs],
    profiles: ['current'],
    build(ctx): BuiltCase {
      const { encoded, described } = v.attrs(ctx);
      const signer: SignerSpec = { identity: ctx.cast.get(signerId), signature: RSA256, signedAttrs: encoded };
      const bytes = buildSignedData({ content: ctx.content('message'), signers: [signer], certificates: [ctx.cast.get(signerId).certDer] }, ctx.rnd);
      return { bytes, content: 'message', signers: [signerId], attributes: described };
    },
  };
}

const one = (name: string, encoded: Uint8Array, spec: unknown) => ({ encoded: [encoded], described: { [name]: describe(spec) } });

const receiptRequests: EssVariant[] = ([
  ['first-tier', 'firstTierRecipients, receipts to two GeneralNames entries', {
    signedContentIdentifier: Buffer.from('cmsi-content-id-first-tier'),
    receiptsFrom: { allOrFirstTier: 'firstTierRecipients' },
    receiptsTo: [[{ email: 'alice@example.com' }], [{ email: 'receipts@example.com' }, { email: 'alice@example.com' }]],
  }],
  ['receipt-list', 'an explicit receiptList naming Bob and Erica', {
    signedContentIdentifier: Buffer.from('cmsi-content-id-receipt-list'),
    receiptsFrom: { receiptList: [[{ email: 'bob@example.com' }], [{ email: 'erica@example.com' }]] },
    receiptsTo: [[{ email: 'alice@example.com' }]],
  }],
] as const).map(([name, what, spec]) => ({
  id: `ess/receipt-request/${name}`,
  description: `receiptRequest signed attribute: ${what}`,
  features: ['ess-receipt-request'],
  rfcs: ['rfc2634/2.7', 'rfc2634/2.3'],
  attrs: () => one('receiptRequest', receiptRequestAttr(spec as unknown as ReceiptRequestSpec), spec),
}));

const LABEL_PSTRING: SecurityLabelSpec = {
  policy: POLICY, classification: 3, privacyMark: { pString: 'CMSI SAMPLE CONFIDENTIAL' },
  categories: [{ type: CATEGORY, value: 'project cms-interop' }],
};
const LABEL_UTF8: SecurityLabelSpec = { policy: POLICY, classification: 1, privacyMark: { utf8String: 'cms-interop – unclassified sample' } };
const LABEL_ALT: SecurityLabelSpec = { policy: POLICY_ALT, classification: 2 };

const ML_ONE = (ctx: CaseContext): MlDataSpec[] => [
  { mailList: { issuerAndSerial: ctx.cast.get('diane-rsa').issuerAndSerial }, expansionTime: '20260115120000Z', policy: { none: true } },
];
const ML_SEVERAL = (ctx: CaseContext): MlDataSpec[] => [
  { mailList: { ski: ctx.cast.get('diane-rsa').ski }, expansionTime: '20260115120000Z', policy: { insteadOf: [[{ email: 'list-owner@example.com' }]] } },
  { mailList: { issuerAndSerial: ctx.cast.get('erica-rsa').issuerAndSerial }, expansionTime: '20260115121500Z', policy: { inAdditionTo: [[{ email: 'archive@example.com' }], [{ email: 'alice@example.com' }]] } },
  { mailList: { ski: ctx.cast.get('alice-rsa').ski }, expansionTime: '20260115123000Z' },
];

const variants: EssVariant[] = [
  ...receiptRequests,
  {
    id: 'ess/content-hints', description: 'contentHints signed attribute describing the inner content (description and id-data)',
    features: ['ess-content-hints'], rfcs: ['rfc2634/2.9'],
    attrs: () => one('contentHints', contentHintsAttr({ contentDescription: 'cms-interop sample message', contentType: OID.data }),
      { contentDescription: 'cms-interop sample message', contentType: OID.data }),
  },
  {
    id: 'ess/content-reference', description: 'contentReference naming the receipt-requesting sample by content identifier and signature value',
    features: ['ess-content-reference'], rfcs: ['rfc2634/2.11'],
    attrs: (ctx) => {
      const original = originalWithReceiptRequest(ctx);
      const spec = { contentType: OID.data, signedContentIdentifier: RECEIPT_REQUEST_ALL.signedContentIdentifier, originatorSignatureValue: original.signer.signature };
      return one('contentReference', contentReferenceAttr(spec), spec);
    },
  },
  {
    id: 'ess/security-label/pstring', description: 'ESSSecurityLabel with policy, classification confidential, PrintableString privacy mark and a security category',
    features: ['ess-security-label'], rfcs: ['rfc2634/3.2'],
    attrs: () => one('securityLabel', securityLabelAttr(LABEL_PSTRING), LABEL_PSTRING),
  },
  {
    id: 'ess/security-label/utf8', description: 'ESSSecurityLabel with classification unclassified and a UTF8String privacy mark',
    features: ['ess-security-label'], rfcs: ['rfc2634/3.2'],
    attrs: () => one('securityLabel', securityLabelAttr(LABEL_UTF8), LABEL_UTF8),
  },
  {
    id: 'ess/equivalent-labels', description: 'ESSSecurityLabel plus equivalentLabels giving the same label under a second policy',
    features: ['ess-security-label', 'ess-equivalent-labels'], rfcs: ['rfc2634/3.2', 'rfc2634/3.4'],
    attrs: () => ({
      encoded: [securityLabelAttr(LABEL_PSTRING), equivalentLabelsAttr([LABEL_ALT])],
      described: { securityLabel: describe(LABEL_PSTRING), equivalentLabels: describe([LABEL_ALT]) },
    }),
  },
  {
    id: 'ess/ml-expansion-history/one', description: 'mlExpansionHistory with one MLData: Diane\'s list by issuerAndSerialNumber, mlReceiptPolicy none',
    features: ['ess-ml-expansion-history'], rfcs: ['rfc2634/4.4'], signer: 'diane-rsa',
    attrs: (ctx) => one('mlExpansionHistory', mlExpansionHistoryAttr(ML_ONE(ctx)), ML_ONE(ctx)),
  },
  {
    id: 'ess/ml-expansion-history/several', description: 'mlExpansionHistory with three MLData (three different lists): by SKI with insteadOf, by issuerAndSerial with inAdditionTo, and without a policy',
    features: ['ess-ml-expansion-history'], rfcs: ['rfc2634/4.4'], signer: 'erica-rsa',
    attrs: (ctx) => one('mlExpansionHistory', mlExpansionHistoryAttr(ML_SEVERAL(ctx)), ML_SEVERAL(ctx)),
  },
  {
    id: 'ess/signing-certificate/issuer-serial', description: 'signingCertificate: ESSCertID with SHA-1 hash and issuerSerial of the signer certificate, and a policy',
    features: ['ess-signing-certificate'], rfcs: ['rfc2634/5.4'],
    attrs: (ctx) => {
      const c = ctx.cast.get('alice-rsa');
      return one('signingCertificate', signingCertificateAttr([{ ...c, withIssuerSerial: true }], [POLICY]),
        { certHash: 'sha1(alice-rsa)', issuerSerial: true, policies: [POLICY] });
    },
  },
  {
    id: 'ess/signing-certificate/hash-only', description: 'signingCertificate: ESSCertID with only the SHA-1 certificate hash, no issuerSerial, no policies',
    features: ['ess-signing-certificate'], rfcs: ['rfc2634/5.4'],
    attrs: (ctx) => one('signingCertificate', signingCertificateAttr([{ ...ctx.cast.get('alice-rsa'), withIssuerSerial: false }]),
      { certHash: 'sha1(alice-rsa)', issuerSerial: false, policies: [] }),
  },
  ...(['sha256', 'sha384', 'sha512'] as const).map((hash): EssVariant => ({
    id: `ess/signing-certificate-v2/${hash}`,
    description: `signingCertificateV2: ESSCertIDv2 with ${hash.toUpperCase()}${hash === 'sha256' ? ' (the default, so hashAlgorithm is omitted)' : ' named explicitly'} and issuerSerial`,
    features: ['ess-signing-certificate-v2'], rfcs: ['rfc5035/3', 'rfc5035/4'],
    attrs: (ctx) => one('signingCertificateV2', signingCertificateV2Attr([{ ...ctx.cast.get('alice-rsa'), withIssuerSerial: true, hash }]),
      { hashAlgorithm: hash, certHash: `${hash}(alice-rsa)`, issuerSerial: true }),
  })),
  {
    id: 'ess/encryption-key-preference/issuer-serial', description: 'SMIMEEncryptionKeyPreference naming Diane\'s encryption certificate by issuerAndSerialNumber',
    features: ['smime-encryption-key-preference'], rfcs: ['rfc8551/2.5.3'], signer: 'diane-rsa',
    attrs: (ctx) => one('encryptionKeyPreference', encryptionKeyPreferenceAttr({ issuerAndSerial: ctx.cast.get('diane-rsa').issuerAndSerial }), { issuerAndSerial: 'diane-rsa' }),
  },
  {
    id: 'ess/encryption-key-preference/ski', description: 'SMIMEEncryptionKeyPreference naming Erica\'s encryption key by subjectKeyIdentifier',
    features: ['smime-encryption-key-preference'], rfcs: ['rfc8551/2.5.3'], signer: 'erica-rsa',
    attrs: (ctx) => one('encryptionKeyPreference', encryptionKeyPreferenceAttr({ ski: ctx.cast.get('erica-rsa').ski }), { ski: describe(ctx.cast.get('erica-rsa').ski) }),
  },
];

export const ESS_ATTRIBUTE_CASES: readonly CaseDef[] = variants.map(essCase);
