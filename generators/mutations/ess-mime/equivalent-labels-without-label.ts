/**
 * equivalentLabels signed without any ESSSecurityLabel in the SignerInfo. Equivalent labels only
 * restate the signer's label under other policies; with no label to be equivalent to, a receiver
 * that applies them treats a translation as the original classification.
 */
import { equivalentLabelsAttr } from '../../ess/attributes.ts';
import type { Mutation } from '../mutation.ts';
import { essMessage, essSigner, LABEL_ALT } from './common.ts';

export const equivalentLabelsWithoutLabel: Mutation = {
  id: 'invalid/ess-mime/equivalent-labels-without-label',
  description: 'equivalentLabels signed with no eSSSecurityLabel in the SignerInfo, re-signed; a receiver that applies it takes a mapping of nothing as the message\'s label',
  stage: 'before',
  base: 'ess/equivalent-labels',
  requirements: ['rfc2634/3.4.1/equivalent-labels-content'],
  flag: 'EssLabelConfusion',
  expected: 'invalid',
  apply: ({ ctx }) => ({ bytes: essMessage(ctx, [essSigner(ctx, 'alice-rsa', [equivalentLabelsAttr([LABEL_ALT])])]) }),
};
