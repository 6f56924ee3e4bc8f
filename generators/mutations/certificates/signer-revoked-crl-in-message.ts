/**
 * Alice signs with her cast certificate; SignedData.crls carries a CRL of Carl (verifiable, current)
 * that revoked it on 2025-06-01. RFC 8550 2.1: receivers use CRLs found in messages; RFC 5280
 * 6.1.3 (a)(3): a revoked certificate fails validation.
 */
import type { Mutation } from '../mutation.ts';
import { aliceSignedData } from '../signed/common.ts';
import { crlRevokingAlice } from './common.ts';

export const signerRevokedCrlInMessage: Mutation = {
  id: 'invalid/certificates/signer-revoked-crl-in-message',
  description: 'SignedData.crls holds a current CRL of the issuer revoking the signer certificate (RFC 5280 6.1.3, RFC 8550 2.1); a receiver that ignores CRLs in messages accepts it',
  stage: 'before',
  base: 'signed-data/rsa-sha256/attached',
  requirements: ['rfc5280/6.1.3/not-revoked'],
  flag: 'RevokedSigner',
  expected: 'invalid',
  apply: ({ ctx }) => ({ bytes: aliceSignedData(ctx, {}, { crls: [crlRevokingAlice(ctx)] }) }),
};
