/**
 * ESS statements of RFC 2634 2.2-2.7, 3.3.2, 3.4.1 and 4.1, one each: receipts under the wrong
 * content type, with a MIME header, detached or without a signing time; receipt requests with
 * an empty identifier, without a mail address, or differing between signers; a classification
 * without its policy; labels and expansion histories that signers of one SignedData disagree on.
 */
import { concat, int, setOf } from '../../../core/der/encode.ts';
import { OID } from '../../../core/oids.ts';
import type { CaseContext } from '../../case.ts';
import { attribute, contentTypeAttr, signingTimeAttr } from '../../cms/attributes.ts';
import { buildSignedDataDetailed } from '../../cms/signed-data.ts';
import { DIGESTS } from '../../cms/algorithms.ts';
import { mlExpansionHistoryAttr, msgSigDigestAttr, receiptContent, receiptRequestAttr, securityLabelAttr, type MlDataSpec } from '../../ess/attributes.ts';
import { RECEIPT_ID, RECEIPT_REQUEST_ALL, originalWithReceiptRequest } from '../../cases/ess-receipt.ts';
import type { Mutation } from '../mutation.ts';
import { essMessage, essSigner, LABEL_PSTRING, receipt, RSA256 } from '../ess-mime/common.ts';
import { isAttr } from '../signed/common.ts';

const ML = (ctx: CaseContext, time: string): MlDataSpec[] => [{ mailList: { issuerAndSerial: ctx.cast.get('diane-rsa').issuerAndSerial }, expansionTime: time, policy: { none: true } }];

/** Erica's Receipt content for Alice's original, and a SignedData over `content` with Erica's signer. */
function receiptParts(ctx: CaseContext): { right: Uint8Array; sign: (content: Uint8Array, o: { eContentType?: string; detached?: boolean; attrs?: (a: Uint8Array[]) => Uint8Array[] }) => Uint8Array } {
  const original = originalWithReceiptRequest(ctx);
  const right = receiptContent(OID.data, RECEIPT_REQUEST_ALL.signedContentIdentifier, original.signer.signature);
  const erica = ctx.cast.get('erica-rsa');
  // The msgSigDigest of the receipt case (RFC 2634 2.4 step 5): without it every receipt made
  // here would break a second statement beside the one its mutation names.
  const msgSigDigest = msgSigDigestAttr(DIGESTS.sha256.digest(original.signer.signedAttrsDer!));
  const sign = (content: Uint8Array, o: { eContentType?: string; detached?: boolean; attrs?: (a: Uint8Array[]) => Uint8Array[] }) => buildSignedDataDetailed({
    content, eContentType: o.eContentType ?? OID.receipt, ...(o.detached ? { detached: true } : {}),
    signers: [{ identity: erica, signature: RSA256, signedAttrs: [msgSigDigest, signingTimeAttr('2026-01-15T12:30:00Z')], ...(o.attrs ? { defects: { attrs: o.attrs } } : {}) }],
    certificates: [erica.certDer],
  }, ctx.rnd).bytes;
  return { right, sign };
}

const receiptMutation = (name: string, description: string, requirements: readonly string[], expected: 'invalid' | 'acceptable',
  build: (ctx: CaseContext) => { bytes: Uint8Array; ownContent?: { name: string; bytes: Uint8Array }; detached?: boolean }): Mutation => ({
  id: `invalid/catalog/${name}`, description, stage: 'before', base: RECEIPT_ID, requirements, flag: 'EssReceiptConfusion', expected,
  apply: ({ ctx }) => build(ctx),
});

const twoSigners = (ctx: CaseContext, a: readonly Uint8Array[], b: readonly Uint8Array[]): Uint8Array =>
  essMessage(ctx, [essSigner(ctx, 'alice-rsa', a), essSigner(ctx, 'diane-rsa', b)]);

export const ESS_STATEMENT_MUTATIONS: readonly Mutation[] = [
  receiptMutation('receipt-under-id-data', 'A DER Receipt signed under eContentType id-data instead of id-ct-receipt; a receiver that only checks receipts by content type treats it as an ordinary message, and one that sniffs the content treats any data as a receipt',
    ['rfc2634/2.4/receipt-not-data-type', 'rfc2634/2.4/receipt-econtenttype'], 'invalid',
    (ctx) => { const p = receiptParts(ctx); return { bytes: p.sign(p.right, { eContentType: OID.data }) }; }),
  receiptMutation('receipt-after-mime-header', 'A signed Receipt whose eContent is a MIME header block followed by the DER Receipt; a receiver that skips headers validates bytes the signature layer does not define',
    ['rfc2634/2.4/receipt-no-mime-header', 'rfc2634/2.4/receipt-der-in-econtent'], 'invalid',
    (ctx) => { const p = receiptParts(ctx); return { bytes: p.sign(concat(new TextEncoder().encode('Content-Type: application/octet-stream\r\n\r\n'), p.right), {}) }; }),
  receiptMutation('receipt-detached', 'A signed Receipt with eContent left out (detached); the Receipt must be carried, so a receiver that accepts it validates a receipt it never saw',
    ['rfc2634/2.4/receipt-der-in-econtent'], 'invalid',
    (ctx) => { const p = receiptParts(ctx); return { bytes: p.sign(p.right, { detached: true }), ownContent: { name: 'receipt-erica.der', bytes: p.right }, detached: true }; }),
  receiptMutation('receipt-signer-content-type-data', 'A signed Receipt whose signer\'s content-type attribute says id-data; a receiver that reads the attribute instead of eContentType misses the receipt (RFC 5652 5.6 restates 11.1 for the verifier: the attribute must match eContentType)',
    ['rfc2634/2.4/receipt-content-type-attr', 'rfc5652/11.1/value-matches-econtent-type', 'rfc5652/5.6/content-type-attribute-matches'], 'invalid',
    (ctx) => { const p = receiptParts(ctx); return { bytes: p.sign(p.right, { attrs: (a) => a.map((x) => (isAttr(x, OID.contentType) ? contentTypeAttr(OID.data) : x)) }) }; }),
  receiptMutation('receipt-without-signing-time', 'A signed Receipt without a signingTime (RFC 2634 2.4 SHOULD); a receiver cannot tell when the receipt was made',
    ['rfc2634/2.4/receipt-signing-time'], 'acceptable',
    (ctx) => receipt(ctx, { attrs: (a) => a.filter((x) => !isAttr(x, OID.signingTime)) })),
  {
    id: 'invalid/catalog/receipt-request-empty-identifier', description: 'receiptRequest whose signedContentIdentifier is an empty OCTET STRING; receipts for different messages cannot be told apart',
    stage: 'before', base: 'ess/receipt-request/all-receipts', requirements: ['rfc2634/2.7/signed-content-identifier-created'], flag: 'EssReceiptConfusion', expected: 'invalid',
    apply: ({ ctx }) => ({ bytes: essMessage(ctx, [essSigner(ctx, 'alice-rsa', [receiptRequestAttr({ ...RECEIPT_REQUEST_ALL, signedContentIdentifier: new Uint8Array() })])]) }),
  },
  {
    id: 'invalid/catalog/receipts-to-no-mail-address', description: 'receiptsTo whose only GeneralNames holds a directoryName and no rfc822Name; a mail agent has no address to send the receipt to and one that guesses sends it elsewhere',
    stage: 'before', base: 'ess/receipt-request/all-receipts', requirements: ['rfc2634/2.2/receipts-to-delivery-address'], flag: 'EssReceiptConfusion', expected: 'invalid',
    apply: ({ ctx }) => ({ bytes: essMessage(ctx, [essSigner(ctx, 'alice-rsa', [receiptRequestAttr({ ...RECEIPT_REQUEST_ALL, receiptsTo: [[{ directoryName: subjectOf(ctx) }]] })])]) }),
  },
  {
    id: 'invalid/catalog/receipt-requests-differ', description: 'Two SignerInfos whose receiptRequests differ (receipts to Alice and to Mallory); a receiver that answers the first sends receipts against the other signer\'s request',
    stage: 'before', base: 'signed-data/multiple-signers', requirements: ['rfc2634/2.2.1/identical-receipt-requests'], flag: 'EssReceiptConfusion', expected: 'invalid',
    apply: ({ ctx }) => ({ bytes: twoSigners(ctx, [receiptRequestAttr(RECEIPT_REQUEST_ALL)], [receiptRequestAttr({ ...RECEIPT_REQUEST_ALL, receiptsTo: [[{ email: 'mallory@example.com' }]] })]), signers: ['alice-rsa', 'diane-rsa'] }),
  },
  {
    id: 'invalid/catalog/security-label-classification-no-policy', description: 'eSSSecurityLabel whose SET holds a security-classification but no security-policy-identifier; a receiver that applies the classification does so under an unknown policy',
    stage: 'before', base: 'ess/security-label/pstring', requirements: ['rfc2634/3.3.2/classification-with-policy-id'], flag: 'EssLabelConfusion', expected: 'invalid',
    apply: ({ ctx }) => ({ bytes: essMessage(ctx, [essSigner(ctx, 'alice-rsa', [attribute(OID.securityLabel, setOf(int(3)))])]) }),
  },
  {
    id: 'invalid/catalog/security-label-one-of-two-signers', description: 'Two SignerInfos of which only one has an eSSSecurityLabel; a receiver that checks the unlabelled signer releases the content without the label',
    stage: 'before', base: 'signed-data/multiple-signers', requirements: ['rfc2634/3.4.1/security-label-all-signers', 'rfc2634/3.1.1/security-label-all-signers'], flag: 'EssLabelConfusion', expected: 'invalid',
    apply: ({ ctx }) => ({ bytes: twoSigners(ctx, [securityLabelAttr(LABEL_PSTRING)], []), signers: ['alice-rsa', 'diane-rsa'] }),
  },
  {
    id: 'invalid/catalog/ml-history-one-of-two-signers', description: 'Two SignerInfos of which only one carries mlExpansionHistory; a receiver that checks the other misses the expansion and its receipt policy',
    stage: 'before', base: 'signed-data/multiple-signers', requirements: ['rfc2634/4.1/mla-history-all-signers'], flag: 'MlaLoop', expected: 'invalid',
    apply: ({ ctx }) => ({ bytes: twoSigners(ctx, [mlExpansionHistoryAttr(ML(ctx, '20260115120000Z'))], []), signers: ['alice-rsa', 'diane-rsa'] }),
  },
  {
    id: 'invalid/catalog/ml-histories-differ', description: 'Two SignerInfos whose mlExpansionHistory values differ (expansion times); a receiver that loop-checks one history misses what the other claims',
    stage: 'before', base: 'signed-data/multiple-signers', requirements: ['rfc2634/4.1/mla-history-identical'], flag: 'MlaLoop', expected: 'invalid',
    apply: ({ ctx }) => ({ bytes: twoSigners(ctx, [mlExpansionHistoryAttr(ML(ctx, '20260115120000Z'))], [mlExpansionHistoryAttr(ML(ctx, '20260115130000Z'))]), signers: ['alice-rsa', 'diane-rsa'] }),
  },
];

/** Alice's issuer Name, as a directoryName (cut from her IssuerAndSerialNumber). */
function subjectOf(ctx: CaseContext): Uint8Array {
  const ias = ctx.cast.get('alice-rsa').issuerAndSerial;
  const hdr = ias[1]! < 0x80 ? 2 : 2 + (ias[1]! & 0x7f);
  const l = ias[hdr + 1]!;
  const len = l < 0x80 ? l : [...ias.subarray(hdr + 2, hdr + 2 + (l & 0x7f))].reduce((n, b) => n * 256 + b, 0);
  const head = l < 0x80 ? 2 : 2 + (l & 0x7f);
  return ias.subarray(hdr, hdr + head + len);
}
