/**
 * Two SignerInfos in one SignedData, Alice's with the confidential label of the base and Erica's
 * with an unclassified one under the same policy. All labels of one SignedData must be identical;
 * a receiver that reads the label of whichever signer it verifies first applies the weaker one.
 */
import { securityLabelAttr } from '../../ess/attributes.ts';
import type { Mutation } from '../mutation.ts';
import { essMessage, essSigner, LABEL_PSTRING, LABEL_UTF8 } from './common.ts';

export const securityLabelsDiffer: Mutation = {
  id: 'invalid/ess-mime/security-labels-differ',
  description: 'Two SignerInfos with different eSSSecurityLabels (confidential and unclassified) in one SignedData; a receiver that uses the first label it finds may apply the weaker one',
  stage: 'before',
  base: 'ess/security-label/pstring',
  requirements: ['rfc2634/3.1.1/security-label-identical', 'rfc2634/3.4.1/security-label-identical'],
  flag: 'EssLabelConfusion',
  expected: 'invalid',
  apply: ({ ctx }) => ({
    bytes: essMessage(ctx, [
      essSigner(ctx, 'alice-rsa', [securityLabelAttr(LABEL_PSTRING)]),
      essSigner(ctx, 'erica-rsa', [securityLabelAttr(LABEL_UTF8)]),
    ]),
    signers: ['alice-rsa', 'erica-rsa'],
  }),
};
