/**
 * Signed receipt whose SignerInfo carries a receiptRequest of its own, re-signed. Receipts for
 * receipts loop between two agents that both honour requests.
 */
import { receiptRequestAttr } from '../../ess/attributes.ts';
import type { Mutation } from '../mutation.ts';
import { receipt } from './common.ts';

export const receiptRequestsReceipt: Mutation = {
  id: 'invalid/ess-mime/receipt-requests-receipt',
  description: 'Signed receipt that itself carries a receiptRequest (to Erica), re-signed; an agent that honours it answers a receipt with a receipt, and two such agents loop',
  stage: 'before',
  base: 'ess/receipt/signed-receipt',
  requirements: ['rfc2634/2.2/no-receipt-request-in-receipt', 'rfc2634/2.2/no-receipt-for-receipt'],
  flag: 'EssReceiptConfusion',
  expected: 'invalid',
  apply: ({ ctx }) => receipt(ctx, {
    attrs: (a) => [...a, receiptRequestAttr({
      signedContentIdentifier: Uint8Array.from(Buffer.from('cmsi-content-id-receipt-for-receipt')),
      receiptsFrom: { allOrFirstTier: 'allReceipts' },
      receiptsTo: [[{ email: 'erica@example.com' }]],
    })],
  }),
};
