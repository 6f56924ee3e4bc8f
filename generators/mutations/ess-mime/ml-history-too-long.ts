/**
 * mlExpansionHistory with 65 MLData, one more than ub-ml-expansion-history (64): 64 distinct lists
 * named by SKI, then Erica's, re-signed by Erica. A receiver that does not bound the history
 * keeps growing it on every expansion (and every receipt decision walks it).
 */
import { createHash } from 'node:crypto';
import { mlExpansionHistoryAttr, type MlDataSpec } from '../../ess/attributes.ts';
import type { Mutation } from '../mutation.ts';
import { essMessage, essSigner } from './common.ts';

const time = (minute: number): string => `202601151${String(Math.floor(minute / 60)).padStart(1, '0')}${String(minute % 60).padStart(2, '0')}00Z`;

export const mlHistoryTooLong: Mutation = {
  id: 'invalid/ess-mime/ml-history-too-long',
  description: 'mlExpansionHistory with 65 MLData entries, over ub-ml-expansion-history (64), re-signed; a receiver without the bound lets the history, and the work of every expansion, grow without limit',
  stage: 'before',
  base: 'ess/ml-expansion-history/several',
  requirements: ['rfc2634/4.4/ml-expansion-history-size'],
  flag: 'MlaLoop',
  expected: 'invalid',
  apply: ({ ctx }) => {
    const history: MlDataSpec[] = Array.from({ length: 64 }, (_, i) => ({
      mailList: { ski: Uint8Array.from(createHash('sha1').update(`cmsi mail list ${i}`).digest()) },
      expansionTime: time(i),
    }));
    history.push({ mailList: { ski: ctx.cast.get('erica-rsa').ski }, expansionTime: time(64) });
    return { bytes: essMessage(ctx, [essSigner(ctx, 'erica-rsa', [mlExpansionHistoryAttr(history)])]) };
  },
};
