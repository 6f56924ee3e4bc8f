/**
 * equivalentLabels holding a label under the same security policy as the ESSSecurityLabel but
 * with another classification (unclassified for confidential), re-signed. Policy identifiers must
 * not repeat; a receiver that searches the labels for its policy may find the weaker one.
 */
import { equivalentLabelsAttr, securityLabelAttr } from '../../ess/attributes.ts';
import type { Mutation } from '../mutation.ts';
import { essMessage, essSigner, LABEL_PSTRING, LABEL_UTF8 } from './common.ts';

export const equivalentLabelsSamePolicy: Mutation = {
  id: 'invalid/ess-mime/equivalent-labels-same-policy',
  description: 'equivalentLabels repeating the eSSSecurityLabel\'s policy OID with a lower classification, re-signed; a receiver that picks a label by policy may pick the downgraded one',
  stage: 'before',
  base: 'ess/equivalent-labels',
  requirements: ['rfc2634/3.4.1/policy-oids-unique'],
  flag: 'EssLabelConfusion',
  expected: 'invalid',
  apply: ({ ctx }) => ({ bytes: essMessage(ctx, [essSigner(ctx, 'alice-rsa', [securityLabelAttr(LABEL_PSTRING), equivalentLabelsAttr([LABEL_UTF8])])]) }),
};
