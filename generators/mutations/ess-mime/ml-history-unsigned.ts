/**
 * mlExpansionHistory moved to the unsigned attributes. Its mlReceiptPolicy overrides the
 * originator's receipt request; unsigned, anyone can insert a history that suppresses or
 * redirects receipts, or fake a loop to stop a list.
 */
import { mlExpansionHistoryAttr } from '../../ess/attributes.ts';
import type { Mutation } from '../mutation.ts';
import { essMessage, essSigner } from './common.ts';

export const mlHistoryUnsigned: Mutation = {
  id: 'invalid/ess-mime/ml-history-unsigned',
  description: 'mlExpansionHistory carried in unsignedAttrs; a receiver that applies its receipt policy lets anyone on the path suppress or redirect receipts',
  stage: 'before',
  base: 'ess/ml-expansion-history/one',
  requirements: ['rfc2634/1.3.4/table-ml-expansion-history-signed', 'rfc2634/1.3.4/protected-attrs-not-unprotected', 'rfc2634/1.3.4/protected-attrs-signed-or-authenticated'],
  flag: 'MlaLoop',
  expected: 'invalid',
  apply: ({ ctx }) => ({
    bytes: essMessage(ctx, [essSigner(ctx, 'diane-rsa', [], {
      unsignedAttrs: () => [mlExpansionHistoryAttr([{ mailList: { issuerAndSerial: ctx.cast.get('diane-rsa').issuerAndSerial }, expansionTime: '20260115120000Z', policy: { none: true } }])],
    })]),
  }),
};
