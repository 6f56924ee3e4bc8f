/**
 * One SignerInfo with two eSSSecurityLabel attributes (confidential and unclassified), re-signed.
 * A receiver that takes the first or the last one decides access differently from another.
 */
import { securityLabelAttr } from '../../ess/attributes.ts';
import type { Mutation } from '../mutation.ts';
import { essMessage, essSigner, LABEL_PSTRING, LABEL_UTF8 } from './common.ts';

export const securityLabelTwice: Mutation = {
  id: 'invalid/ess-mime/security-label-twice',
  description: 'Two eSSSecurityLabel attributes (confidential and unclassified) in one SignerInfo, re-signed; receivers that pick one of them disagree on the message\'s classification',
  stage: 'before',
  base: 'ess/security-label/pstring',
  requirements: ['rfc2634/3.1.1/security-label-at-most-one', 'rfc2634/1.3.4/ess-attr-single-instance'],
  flag: 'EssLabelConfusion',
  expected: 'invalid',
  apply: ({ ctx }) => ({ bytes: essMessage(ctx, [essSigner(ctx, 'alice-rsa', [securityLabelAttr(LABEL_PSTRING), securityLabelAttr(LABEL_UTF8)])]) }),
};
