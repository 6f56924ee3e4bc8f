/**
 * Alice's certificate with extendedKeyUsage id-kp-serverAuth only: RFC 8550 4.4.4, an
 * interpersonal-mail receiver requires emailProtection or anyExtendedKeyUsage when EKU is present.
 */
import type { Mutation } from '../mutation.ts';
import { OID } from '../../../core/oids.ts';
import { aliceCertificate, signedWith } from './common.ts';

export const signerEkuServerAuth: Mutation = {
  id: 'invalid/certificates/signer-eku-server-auth',
  description: 'Signer certificate extendedKeyUsage lists only id-kp-serverAuth (RFC 8550 4.4.4); a receiver that ignores EKU accepts mail signed with a TLS server key',
  stage: 'before',
  base: 'signed-data/rsa-sha256/attached',
  requirements: ['rfc8550/4.4.4/check-extended-key-usage'],
  flag: 'SignerKeyUsage',
  expected: 'invalid',
  apply: ({ ctx }) => ({ bytes: signedWith(ctx, [aliceCertificate(ctx, { extKeyUsage: [OID.serverAuth] })]) }),
};
