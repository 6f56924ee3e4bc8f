/**
 * receiptRequest with 17 receiptsTo entries, one more than ub-receiptsTo (16), re-signed. A receiver
 * that does not enforce the bound can be made to send receipts to any number of addresses: a
 * receipt request becomes a mail amplifier.
 */
import { receiptRequestAttr } from '../../ess/attributes.ts';
import { RECEIPT_REQUEST_ALL } from '../../cases/ess-receipt.ts';
import type { Mutation } from '../mutation.ts';
import { essMessage, essSigner } from './common.ts';

const SEVENTEEN = Array.from({ length: 17 }, (_, i) => [{ email: `receipts-${String(i + 1).padStart(2, '0')}@example.com` }]);

export const receiptsToSeventeen: Mutation = {
  id: 'invalid/ess-mime/receipts-to-seventeen',
  description: 'receiptRequest with 17 receiptsTo GeneralNames, over ub-receiptsTo (16), re-signed; a receiver that ignores the bound sends receipts to an unbounded list (mail amplification)',
  stage: 'before',
  base: 'ess/receipt-request/all-receipts',
  requirements: ['rfc2634/2.2/receipts-to-entity-names', 'rfc2634/2.7/receipts-to-entity-names'],
  flag: 'EssReceiptConfusion',
  expected: 'invalid',
  apply: ({ ctx }) => ({
    bytes: essMessage(ctx, [essSigner(ctx, 'alice-rsa', [receiptRequestAttr({ ...RECEIPT_REQUEST_ALL, receiptsTo: SEVENTEEN })])]),
  }),
};
