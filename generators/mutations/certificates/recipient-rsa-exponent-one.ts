/**
 * Bob's RSA certificate re-issued with public exponent 1: RSA "encryption" to it is the identity
 * (RFC 8017 3.1 requires 3 <= e <= n-1), so a sender that does not validate the recipient's key
 * (RFC 8550 1: "the S/MIME agent MUST verify that the public key is valid") sends the padded
 * content key in clear. The message itself is encrypted to Bob's real key.
 */
import type { Mutation } from '../mutation.ts';
import { bobCertificate, envelopedForBob, rsaKeyWithExponent, withPublicKey } from './recipient-common.ts';

export const recipientRsaExponentOne: Mutation = {
  id: 'invalid/certificates/recipient-rsa-exponent-one',
  description: 'Recipient certificate (in originatorInfo) whose RSA public exponent is 1 (RFC 8017 3.1, RFC 8550 1); a sender that does not validate the key sends the content key in clear',
  stage: 'before',
  addsFeatures: ['originator-info'],
  base: 'enveloped-data/rsa-pkcs1/aes-128-cbc',
  requirements: ['rfc8550/1/validate-public-key-before-use', 'rfc2632/1/certify-public-key-before-use'],
  flag: 'InvalidRecipientKey',
  expected: 'invalid',
  apply: ({ ctx }) => ({ bytes: envelopedForBob(ctx, 'bob-rsa', bobCertificate(ctx, 'bob-rsa', { spki: withPublicKey(ctx.cast.get('bob-rsa').spki, rsaKeyWithExponent(ctx, 1n)) })) }),
};
