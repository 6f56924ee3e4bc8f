/**
 * The signingCertificate attribute moved to the unsigned attributes. Unsigned, it protects nothing:
 * anyone can replace it, and a verifier that uses it to pick the signer certificate lets an
 * attacker substitute a certificate of the same key.
 */
import { signingCertificateAttr } from '../../ess/attributes.ts';
import { POLICY } from '../../cases/ess.ts';
import type { Mutation } from '../mutation.ts';
import { essMessage, essSigner } from './common.ts';

export const signingCertificateUnsigned: Mutation = {
  id: 'invalid/ess-mime/signing-certificate-unsigned',
  description: 'signingCertificate carried in unsignedAttrs instead of signedAttrs; a verifier that uses it to choose the signer certificate lets anyone on the path substitute one',
  stage: 'before',
  base: 'ess/signing-certificate/issuer-serial',
  requirements: ['rfc2634/5.4/signing-certificate-signed', 'rfc2634/5.4/signing-certificate-not-unsigned', 'rfc5035/5/v1-not-unsigned', 'rfc2634/1.3.4/signed-only-attrs-in-signed-attrs', 'rfc2634/1.3.4/signed-only-attrs-not-elsewhere', 'rfc2634/1.3.4/table-signing-certificate-signed', 'rfc5035/5/v1-signed'],
  flag: 'ForbiddenAttribute',
  expected: 'invalid',
  apply: ({ ctx }) => ({
    bytes: essMessage(ctx, [essSigner(ctx, 'alice-rsa', [], {
      unsignedAttrs: () => [signingCertificateAttr([{ ...ctx.cast.get('alice-rsa'), withIssuerSerial: true }], [POLICY])],
    })]),
  }),
};
