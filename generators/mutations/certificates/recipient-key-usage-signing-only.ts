/**
 * Bob's RSA certificate with keyUsage digitalSignature alone, and the content key transported to
 * it: RFC 5280 4.2.1.3 asserts keyEncipherment "when the subject public key is used for
 * enciphering private or secret keys, i.e., for key transport", and 4.2.1.12 lets a certificate
 * serve only a purpose its key usage allows. A sender that ignores key usage encrypts to a key its
 * owner certified for signing only.
 */
import type { Mutation } from '../mutation.ts';
import { bobCertificate, envelopedForBob } from './recipient-common.ts';

export const recipientKeyUsageSigningOnly: Mutation = {
  id: 'invalid/certificates/recipient-key-usage-signing-only',
  description: 'KeyTransRecipientInfo to a certificate (in originatorInfo) whose keyUsage is digitalSignature only, no keyEncipherment (RFC 5280 4.2.1.3, 4.2.1.12); a sender that ignores key usage encrypts to a signing key',
  stage: 'before',
  addsFeatures: ['originator-info'],
  base: 'enveloped-data/rsa-pkcs1/aes-128-cbc',
  requirements: ['rfc5280/4.2.1.12/use-consistent-with-key-usage'],
  flag: 'RecipientKeyUsage',
  expected: 'invalid',
  apply: ({ ctx }) => ({ bytes: envelopedForBob(ctx, 'bob-rsa', bobCertificate(ctx, 'bob-rsa', { keyUsage: ['digitalSignature'] })) }),
};
