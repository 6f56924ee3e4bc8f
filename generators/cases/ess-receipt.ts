/**
 * The signed-receipt round trip (RFC 2634 2.4-2.8): Alice's message with a receiptRequest, and the
 * signed Receipt Erica returns for it. The receipt's msgSigDigest is the digest of the original
 * signer's DER signed attributes, and the manifest links the receipt to its original.
 */
import { OID } from '../../core/oids.ts';
import type { CaseContext, CaseDef } from '../case.ts';
import { DIGESTS } from '../cms/algorithms.ts';
import { signingTimeAttr } from '../cms/attributes.ts';
import { buildSignedDataDetailed, type BuiltSignerInfo } from '../cms/signed-data.ts';
import { msgSigDigestAttr, receiptContent, receiptRequestAttr, type ReceiptRequestSpec } from '../ess/attributes.ts';
import { describe } from '../ess/describe.ts';

const RSA256 = { kind: 'rsa-pkcs1-sha', digest: 'sha256' } as const;
export const ORIGINAL_ID = 'ess/receipt-request/all-receipts';
export const RECEIPT_ID = 'ess/receipt/signed-receipt';

export const RECEIPT_REQUEST_ALL: ReceiptRequestSpec = {
  signedContentIdentifier: Uint8Array.from(Buffer.from('cmsi-content-id-all-receipts')),
  receiptsFrom: { allOrFirstTier: 'allReceipts' },
  receiptsTo: [[{ email: 'alice@example.com' }]],
};

/**
 * Alice's original. Its bytes do not depend on the stream (RSA PKCS #1 v1.5 is deterministic), so
 * the receipt and the content-reference cases can rebuild it and get the very same signature.
 */
export function originalWithReceiptRequest(ctx: CaseContext): { bytes: Uint8Array; signer: BuiltSignerInfo } {
  const alice = ctx.cast.get('alice-rsa');
  const built = buildSignedDataDetailed({
    content: ctx.content('message'),
    signers: [{ identity: alice, signature: RSA256, signedAttrs: [receiptRequestAttr(RECEIPT_REQUEST_ALL)] }],
    certificates: [alice.certDer],
  }, ctx.rnd.fork('original'));
  return { bytes: built.bytes, signer: built.signerInfos[0]! };
}

const original: CaseDef = {
  id: ORIGINAL_ID,
  description: 'receiptRequest signed attribute asking all recipients (allReceipts) to send receipts to Alice; the original of the receipt round trip',
  contentType: 'signedData',
  format: 'der',
  features: ['signed-data', 'attached', 'signed-attrs', 'sid-issuer-serial', 'certificates-included', 'der', 'ess-receipt-request'],
  algorithms: ['sha256', 'rsa-pkcs1v15'],
  requirements: ['rfc5652/5.3', 'rfc2634/2.7', 'rfc2634/2.3'],
  profiles: ['current'],
  build(ctx) {
    const o = originalWithReceiptRequest(ctx);
    return { bytes: o.bytes, content: 'message', signers: ['alice-rsa'], attributes: { receiptRequest: describe(RECEIPT_REQUEST_ALL) } };
  },
};

const receipt: CaseDef = {
  id: RECEIPT_ID,
  description: 'Erica\'s signed Receipt for Alice\'s receipt-requesting message: id-ct-receipt content, msgSigDigest, content-type and signing-time',
  contentType: 'signedData',
  format: 'der',
  features: ['signed-data', 'attached', 'signed-attrs', 'sid-issuer-serial', 'certificates-included', 'der', 'econtent-type-other', 'ess-receipt', 'ess-msg-sig-digest'],
  algorithms: ['sha256', 'rsa-pkcs1v15'],
  requirements: ['rfc5652/5.3', 'rfc2634/2.4', 'rfc2634/2.8', 'rfc2634/2.10'],
  profiles: ['current'],
  build(ctx) {
    const o = originalWithReceiptRequest(ctx);
    const msgSigDigest = DIGESTS.sha256.digest(o.signer.signedAttrsDer!);
    const content = receiptContent(OID.data, RECEIPT_REQUEST_ALL.signedContentIdentifier, o.signer.signature);
    const erica = ctx.cast.get('erica-rsa');
    const built = buildSignedDataDetailed({
      content,
      eContentType: OID.receipt,
      signers: [{ identity: erica, signature: RSA256, signedAttrs: [msgSigDigestAttr(msgSigDigest), signingTimeAttr('2026-01-15T12:30:00Z')] }],
      certificates: [erica.certDer],
    }, ctx.rnd);
    return {
      bytes: built.bytes,
      ownContent: { name: 'receipt-erica.der', bytes: content },
      signers: ['erica-rsa'],
      layers: ['verify-receipt'],
      receiptFor: ORIGINAL_ID,
      attributes: {
        receipt: { version: 1, contentType: OID.data, signedContentIdentifier: describe(RECEIPT_REQUEST_ALL.signedContentIdentifier), originatorSignatureValue: describe(o.signer.signature) },
        msgSigDigest: describe(msgSigDigest),
      },
    };
  },
};

export const ESS_RECEIPT_CASES: readonly CaseDef[] = [original, receipt];
