/**
 * receiptRequest whose receiptsTo is an empty SEQUENCE, re-signed. ReceiptRequest bounds receiptsTo
 * to 1..ub-receiptsTo entries; an agent that skips the bound has no destination and may fall back
 * to a reply address the attacker controls, or crash on the empty list.
 */
import { receiptRequestAttr } from '../../ess/attributes.ts';
import { RECEIPT_REQUEST_ALL } from '../../cases/ess-receipt.ts';
import type { Mutation } from '../mutation.ts';
import { essMessage, essSigner } from './common.ts';

export const receiptsToEmpty: Mutation = {
  id: 'invalid/ess-mime/receipts-to-empty',
  description: 'receiptRequest with an empty receiptsTo (SIZE 1..16), re-signed; an agent that does not check the bound sends the receipt to a default address of its own choosing',
  stage: 'before',
  base: 'ess/receipt-request/all-receipts',
  requirements: ['rfc2634/2.2/receipts-to-entity-names', 'rfc2634/2.7/receipts-to-entity-names'],
  flag: 'EssReceiptConfusion',
  expected: 'invalid',
  apply: ({ ctx }) => ({
    bytes: essMessage(ctx, [essSigner(ctx, 'alice-rsa', [receiptRequestAttr({ ...RECEIPT_REQUEST_ALL, receiptsTo: [] })])]),
  }),
};
