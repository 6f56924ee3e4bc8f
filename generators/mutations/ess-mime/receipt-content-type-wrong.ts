/**
 * Signed receipt whose Receipt.contentType is id-signedData (the original's outer type) instead of
 * id-data, the eContentType of the message it acknowledges; re-signed. The receipt then no longer
 * matches the Receipt rebuilt from the original, and a validator that checks only msgSigDigest
 * accepts a receipt for content of another type.
 */
import { OID } from '../../../core/oids.ts';
import { receiptContent } from '../../ess/attributes.ts';
import { RECEIPT_REQUEST_ALL } from '../../cases/ess-receipt.ts';
import type { Mutation } from '../mutation.ts';
import { receipt } from './common.ts';

export const receiptContentTypeWrong: Mutation = {
  id: 'invalid/ess-mime/receipt-content-type-wrong',
  description: 'Signed receipt whose Receipt.contentType is id-signedData, not the original eContentType id-data, re-signed; a validator that does not rebuild the Receipt from the original accepts it',
  stage: 'before',
  base: 'ess/receipt/signed-receipt',
  requirements: ['rfc2634/2.6/receipt-digest-mismatch-fails'],
  flag: 'EssReceiptConfusion',
  expected: 'invalid',
  apply: ({ ctx }) => receipt(ctx, {
    content: (_, o) => receiptContent(OID.signedData, RECEIPT_REQUEST_ALL.signedContentIdentifier, o.signer.signature),
  }),
};
