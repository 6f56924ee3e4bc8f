/**
 * Signed receipt whose signedContentIdentifier names another message (the first-tier sample's
 * identifier) while msgSigDigest and originatorSignatureValue are those of the original;
 * re-signed. A validator that matches receipts to messages by identifier files the receipt
 * under the wrong message.
 */
import { OID } from '../../../core/oids.ts';
import { receiptContent } from '../../ess/attributes.ts';
import type { Mutation } from '../mutation.ts';
import { receipt } from './common.ts';

export const receiptContentIdentifierOther: Mutation = {
  id: 'invalid/ess-mime/receipt-content-identifier-other',
  description: 'Signed receipt whose signedContentIdentifier is that of another message (the original asked with its own), re-signed; a validator that does not compare it with the request files the receipt under the wrong message',
  stage: 'before',
  base: 'ess/receipt/signed-receipt',
  requirements: ['rfc2634/2.6/receipt-digest-mismatch-fails'],
  flag: 'EssReceiptConfusion',
  expected: 'invalid',
  apply: ({ ctx }) => receipt(ctx, {
    content: (_, o) => receiptContent(OID.data, Uint8Array.from(Buffer.from('cmsi-content-id-first-tier')), o.signer.signature),
  }),
};
