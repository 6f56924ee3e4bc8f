/**
 * Two SignerInfos in one SignedData, only Alice's carrying the security label. If one SignerInfo
 * has a label every one must; a receiver that verifies only Erica's signature sees an unlabelled
 * message and applies no access control.
 */
import { securityLabelAttr } from '../../ess/attributes.ts';
import type { Mutation } from '../mutation.ts';
import { essMessage, essSigner, LABEL_PSTRING } from './common.ts';

export const securityLabelOneSigner: Mutation = {
  id: 'invalid/ess-mime/security-label-one-signer',
  description: 'Two SignerInfos of which only one carries the eSSSecurityLabel; a receiver that verifies the unlabelled one treats a confidential message as unlabelled',
  stage: 'before',
  base: 'ess/security-label/pstring',
  requirements: ['rfc2634/3.1.1/security-label-all-signers', 'rfc2634/3.4.1/security-label-all-signers'],
  flag: 'EssLabelConfusion',
  expected: 'invalid',
  apply: ({ ctx }) => ({
    bytes: essMessage(ctx, [essSigner(ctx, 'alice-rsa', [securityLabelAttr(LABEL_PSTRING)]), essSigner(ctx, 'erica-rsa', [])]),
    signers: ['alice-rsa', 'erica-rsa'],
  }),
};
