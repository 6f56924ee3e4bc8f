/**
 * The receiptRequest moved from the signed to the unsigned attributes. Anyone on the path can add
 * or change an unsigned attribute; a receiver that honours it sends signed receipts wherever an
 * attacker asks (receipt flooding, confirming that an address reads mail).
 */
import { receiptRequestAttr } from '../../ess/attributes.ts';
import { RECEIPT_REQUEST_ALL } from '../../cases/ess-receipt.ts';
import type { Mutation } from '../mutation.ts';
import { essMessage, essSigner } from './common.ts';

export const receiptRequestUnsigned: Mutation = {
  id: 'invalid/ess-mime/receipt-request-unsigned',
  description: 'receiptRequest carried in unsignedAttrs instead of signedAttrs; a receiver that acts on it returns signed receipts to whoever inserted the unsigned attribute',
  stage: 'before',
  base: 'ess/receipt-request/all-receipts',
  requirements: ['rfc2634/1.3.4/table-receipt-request-signed', 'rfc2634/1.3.4/signed-only-attrs-not-elsewhere', 'rfc2634/1.3.4/signed-only-attrs-in-signed-attrs'],
  flag: 'ForbiddenAttribute',
  expected: 'invalid',
  apply: ({ ctx }) => ({
    bytes: essMessage(ctx, [essSigner(ctx, 'alice-rsa', [], { unsignedAttrs: () => [receiptRequestAttr(RECEIPT_REQUEST_ALL)] })]),
  }),
};
