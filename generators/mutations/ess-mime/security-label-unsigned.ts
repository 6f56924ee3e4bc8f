/**
 * The ESSSecurityLabel moved to the unsigned attributes. An unsigned label can be added, raised or
 * lowered by anyone; a receiver that makes access-control decisions on it trusts an attacker's
 * classification.
 */
import { securityLabelAttr } from '../../ess/attributes.ts';
import type { Mutation } from '../mutation.ts';
import { essMessage, essSigner, LABEL_PSTRING } from './common.ts';

export const securityLabelUnsigned: Mutation = {
  id: 'invalid/ess-mime/security-label-unsigned',
  description: 'eSSSecurityLabel carried in unsignedAttrs instead of signedAttrs; a receiver that applies it makes access-control decisions on a label anyone can change',
  stage: 'before',
  base: 'ess/security-label/pstring',
  requirements: ['rfc2634/1.3.4/table-security-label-signed', 'rfc2634/1.3.2/security-label-not-unsigned', 'rfc2634/3.1.1/security-label-not-unsigned', 'rfc2634/1.3.4/protected-attrs-not-unprotected', 'rfc2634/1.3.4/protected-attrs-signed-or-authenticated', 'rfc2634/3.1.1/security-label-in-signed-attrs', 'rfc2634/3.1.1/security-label-signed-attribute'],
  flag: 'EssLabelConfusion',
  expected: 'invalid',
  apply: ({ ctx }) => ({ bytes: essMessage(ctx, [essSigner(ctx, 'alice-rsa', [], { unsignedAttrs: () => [securityLabelAttr(LABEL_PSTRING)] })]) }),
};
