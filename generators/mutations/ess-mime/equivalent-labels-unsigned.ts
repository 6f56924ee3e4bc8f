/**
 * The equivalentLabels attribute moved to the unsigned attributes, the ESSSecurityLabel staying
 * signed. An unsigned equivalent label maps the signed label into another policy on anyone's say;
 * a receiver that does not know the first policy and uses the equivalent obeys the attacker.
 */
import { equivalentLabelsAttr, securityLabelAttr } from '../../ess/attributes.ts';
import type { Mutation } from '../mutation.ts';
import { essMessage, essSigner, LABEL_ALT, LABEL_PSTRING } from './common.ts';

export const equivalentLabelsUnsigned: Mutation = {
  id: 'invalid/ess-mime/equivalent-labels-unsigned',
  description: 'equivalentLabels carried in unsignedAttrs while the eSSSecurityLabel is signed; a receiver that uses the equivalent label applies a classification nobody signed',
  stage: 'before',
  base: 'ess/equivalent-labels',
  requirements: ['rfc2634/1.3.4/table-equivalent-labels-signed', 'rfc2634/3.4.1/equivalent-labels-not-unsigned', 'rfc2634/1.3.4/protected-attrs-not-unprotected', 'rfc2634/1.3.4/protected-attrs-signed-or-authenticated', 'rfc2634/3.4.1/equivalent-labels-signed'],
  flag: 'EssLabelConfusion',
  expected: 'invalid',
  apply: ({ ctx }) => ({
    bytes: essMessage(ctx, [essSigner(ctx, 'alice-rsa', [securityLabelAttr(LABEL_PSTRING)], { unsignedAttrs: () => [equivalentLabelsAttr([LABEL_ALT])] })]),
  }),
};
