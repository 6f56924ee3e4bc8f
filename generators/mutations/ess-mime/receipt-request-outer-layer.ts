/**
 * Triple-wrapped message whose receiptRequest sits in the outer signature (over the EnvelopedData)
 * instead of the inner one. The outer layer is the one an MLA strips and re-signs, so a receiver
 * that honours an outer request lets a list agent or any re-signer request receipts in the
 * originator's name.
 */
import { receiptRequestAttr, securityLabelAttr } from '../../ess/attributes.ts';
import { RECEIPT_REQUEST_ALL } from '../../cases/ess-receipt.ts';
import { innerEntity } from '../../cases/smime-common.ts';
import type { Mutation } from '../mutation.ts';
import { envelopedEntity, LABEL_TRIPLE, signedEntity, smimeMessage } from './common.ts';

export const receiptRequestOuterLayer: Mutation = {
  id: 'invalid/ess-mime/receipt-request-outer-layer',
  description: 'Triple-wrapped message with the receiptRequest in the outer SignedData (around the envelope), not the inner one; a receiver that honours it takes receipt requests from whoever re-signs the outer layer',
  stage: 'before',
  base: 'ess/triple-wrapped',
  requirements: ['rfc2634/1.3.4/table-receipt-request-inner-only', 'rfc2634/1.3.1/receipt-request-inside-signature'],
  flag: 'EssReceiptConfusion',
  expected: 'invalid',
  apply: ({ ctx }) => {
    const inner = signedEntity(ctx, 'alice-rsa', innerEntity(), [securityLabelAttr(LABEL_TRIPLE)], 'inner');
    const middle = envelopedEntity(ctx, inner, ['bob-rsa', 'diane-rsa'], 'middle');
    const outer = signedEntity(ctx, 'alice-rsa', middle, [securityLabelAttr(LABEL_TRIPLE), receiptRequestAttr(RECEIPT_REQUEST_ALL)], 'outer');
    return { bytes: smimeMessage(ctx, 'ess/triple-wrapped', outer) };
  },
};
