/**
 * Bob's RSA certificate with extendedKeyUsage serverAuth alone, and the content key transported to
 * it: with the extension present the certificate serves only the purposes it lists (RFC 5280
 * 4.2.1.12), and for S/MIME that is id-kp-emailProtection or anyExtendedKeyUsage (RFC 8550 4.4.4).
 */
import { OID } from '../../../core/oids.ts';
import type { Mutation } from '../mutation.ts';
import { bobCertificate, envelopedForBob } from './recipient-common.ts';

export const recipientEkuServerAuth: Mutation = {
  id: 'invalid/certificates/recipient-eku-server-auth',
  description: 'KeyTransRecipientInfo to a certificate (in originatorInfo) whose extendedKeyUsage is serverAuth only (RFC 5280 4.2.1.12, RFC 8550 4.4.4); a sender that ignores extended key usage encrypts mail to a TLS server key',
  stage: 'before',
  addsFeatures: ['originator-info'],
  base: 'enveloped-data/rsa-pkcs1/aes-128-cbc',
  requirements: ['rfc5280/4.2.1.12/eku-lists-the-purpose'],
  flag: 'RecipientKeyUsage',
  expected: 'invalid',
  apply: ({ ctx }) => ({ bytes: envelopedForBob(ctx, 'bob-rsa', bobCertificate(ctx, 'bob-rsa', { extKeyUsage: [OID.serverAuth] })) }),
};
