/**
 * Alice's certificate with keyUsage keyEncipherment alone: RFC 8550 4.4.2, a signature verified
 * with a certificate whose keyUsage has neither digitalSignature nor nonRepudiation is not accepted.
 */
import type { Mutation } from '../mutation.ts';
import { aliceCertificate, signedWith } from './common.ts';

export const signerKeyEnciphermentOnly: Mutation = {
  id: 'invalid/certificates/signer-key-encipherment-only',
  description: 'Signer certificate keyUsage is keyEncipherment only (RFC 8550 4.4.2); a receiver that ignores key usage accepts a signature by an encryption key',
  stage: 'before',
  base: 'signed-data/rsa-sha256/attached',
  requirements: ['rfc8550/4.4.2/reject-signature-without-signing-bits', 'rfc5280/4.2.1.12/use-consistent-with-key-usage'],
  flag: 'SignerKeyUsage',
  expected: 'invalid',
  apply: ({ ctx }) => ({ bytes: signedWith(ctx, [aliceCertificate(ctx, { keyUsage: ['keyEncipherment'] })]) }),
};
