/**
 * Signed receipt whose SignerInfo carries an mlExpansionHistory, as if a list agent had expanded
 * the receipt; re-signed. Receipts are never expanded: a receiver that applies the history's
 * receipt policy to a receipt redirects or suppresses receipts on an attacker's say.
 */
import { mlExpansionHistoryAttr } from '../../ess/attributes.ts';
import type { Mutation } from '../mutation.ts';
import { receipt } from './common.ts';

export const receiptMlExpansionHistory: Mutation = {
  id: 'invalid/ess-mime/receipt-ml-expansion-history',
  description: 'Signed receipt whose SignerInfo carries mlExpansionHistory (Diane\'s list), re-signed; a receiver that processes list history on receipts lets list policy redirect them',
  stage: 'before',
  base: 'ess/receipt/signed-receipt',
  requirements: ['rfc2634/2.4.1/no-ml-history-in-receipt'],
  flag: 'MlaLoop',
  expected: 'invalid',
  apply: ({ ctx }) => receipt(ctx, {
    attrs: (a) => [...a, mlExpansionHistoryAttr([{ mailList: { issuerAndSerial: ctx.cast.get('diane-rsa').issuerAndSerial }, expansionTime: '20260115122000Z', policy: { none: true } }])],
  }),
};
