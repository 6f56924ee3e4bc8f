/**
 * Alice's certificate valid only from 2030-01-01: not yet valid at the validation time
 * (RFC 5280 6.1.3 (a)(2)).
 */
import type { Mutation } from '../mutation.ts';
import { aliceCertificate, signedWith } from './common.ts';

export const signerNotYetValid: Mutation = {
  id: 'invalid/certificates/signer-not-yet-valid',
  description: 'Signer certificate not valid before 2030-01-01, after the validation time 2026-06-01 (RFC 5280 6.1.3); a receiver that only checks notAfter accepts it',
  stage: 'before',
  base: 'signed-data/rsa-sha256/attached',
  requirements: ['rfc5280/6.1.3/validity-includes-time'],
  flag: 'ExpiredCertificate',
  expected: 'invalid',
  apply: ({ ctx }) => ({ bytes: signedWith(ctx, [aliceCertificate(ctx, { notBefore: '2030-01-01T00:00:00Z' })]) }),
};
