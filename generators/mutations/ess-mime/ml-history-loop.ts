/**
 * mlExpansionHistory in which Diane's list appears twice (Diane, Erica, Diane again), re-signed by
 * Diane. An MLA that finds its own identifier in the history must not expand again; one that does
 * not look sends the message around the A -> B -> A loop for ever.
 */
import { mlExpansionHistoryAttr, type MlDataSpec } from '../../ess/attributes.ts';
import type { Mutation } from '../mutation.ts';
import { essMessage, essSigner } from './common.ts';

export const mlHistoryLoop: Mutation = {
  id: 'invalid/ess-mime/ml-history-loop',
  description: 'mlExpansionHistory listing Diane\'s list, Erica\'s, then Diane\'s again, re-signed by Diane; an MLA that does not look for itself in the history expands the message in a loop',
  stage: 'before',
  base: 'ess/ml-expansion-history/one',
  requirements: ['rfc2634/4.1.1/mla-stops-on-loop'],
  flag: 'MlaLoop',
  expected: 'invalid',
  apply: ({ ctx }) => {
    const diane = ctx.cast.get('diane-rsa').issuerAndSerial;
    const history: MlDataSpec[] = [
      { mailList: { issuerAndSerial: diane }, expansionTime: '20260115120000Z' },
      { mailList: { issuerAndSerial: ctx.cast.get('erica-rsa').issuerAndSerial }, expansionTime: '20260115121000Z' },
      { mailList: { issuerAndSerial: diane }, expansionTime: '20260115122000Z', policy: { none: true } },
    ];
    return { bytes: essMessage(ctx, [essSigner(ctx, 'diane-rsa', [mlExpansionHistoryAttr(history)])]) };
  },
};
