/**
 * Diane, as MLA, wraps Alice's signed-only message (no envelope: RFC 2634 4.2 wraps it unchanged)
 * in her own SignedData with mlExpansionHistory, as the base does; but Alice's inner signature
 * over the text also carries an mlExpansionHistory. The history belongs to the outer layer only;
 * a receiver that reads it from the inner signature takes list policy from the originator's
 * layer, where no MLA put it.
 */
import { mlExpansionHistoryAttr, securityLabelAttr, type MlDataSpec } from '../../ess/attributes.ts';
import { innerEntity } from '../../cases/smime-common.ts';
import type { Mutation } from '../mutation.ts';
import { LABEL_TRIPLE, signedEntity, smimeMessage } from './common.ts';

export const mlHistoryInnerSignature: Mutation = {
  id: 'invalid/ess-mime/ml-history-inner-signature',
  description: 'MLA expansion of a signed-only message whose inner signature (Alice\'s, over the text) carries mlExpansionHistory besides Diane\'s outer one; a receiver that reads list history from the inner layer applies policy no MLA set',
  stage: 'before',
  base: 'ess/ml-expansion/triple-wrapped',
  requirements: ['rfc2634/1.3.4/table-ml-expansion-history-outer-only'],
  flag: 'MlaLoop',
  expected: 'invalid',
  apply: ({ ctx }) => {
    const diane = ctx.cast.get('diane-rsa');
    const history: MlDataSpec[] = [{ mailList: { issuerAndSerial: diane.issuerAndSerial }, expansionTime: '20260115120500Z', policy: { none: true } }];
    const label = securityLabelAttr(LABEL_TRIPLE);
    const inner = signedEntity(ctx, 'alice-rsa', innerEntity(), [label, mlExpansionHistoryAttr(history)], 'inner');
    const outer = signedEntity(ctx, 'diane-rsa', inner, [label, mlExpansionHistoryAttr(history)], 'mla-outer');
    return { bytes: smimeMessage(ctx, 'ess/ml-expansion/triple-wrapped', outer), recipient: undefined, layers: ['verify', 'verify'] };
  },
};
