/**
 * Alice's certificate re-issued by Carl, same serial and key, valid only until 2025-12-31: at the
 * manifest's validation time (2026-06-01) it has expired (RFC 5280 6.1.3 (a)(2)). The signature
 * itself verifies; a receiver that never checks validity periods accepts it.
 */
import type { Mutation } from '../mutation.ts';
import { aliceCertificate, signedWith } from './common.ts';

export const signerExpired: Mutation = {
  id: 'invalid/certificates/signer-expired',
  description: 'Signer certificate expired 2025-12-31, before the validation time 2026-06-01 (RFC 5280 6.1.3); a receiver that ignores validity accepts it',
  stage: 'before',
  base: 'signed-data/rsa-sha256/attached',
  requirements: ['rfc5280/6.1.3/validity-includes-time'],
  flag: 'ExpiredCertificate',
  expected: 'invalid',
  apply: ({ ctx }) => ({ bytes: signedWith(ctx, [aliceCertificate(ctx, { notAfter: '2025-12-31T23:59:59Z' })]) }),
};
