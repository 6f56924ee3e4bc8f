/**
 * The signature covers the signed attributes as they appear in the SignerInfo, with the [0]
 * IMPLICIT tag (0xA0), instead of their DER encoding as SET OF (tag 0x31) that RFC 5652 5.4
 * requires. Re-signed. A receiver that hashes the bytes in place (the same mistake) accepts it,
 * and disagrees with every conforming implementation.
 */
import type { Mutation } from '../mutation.ts';
import { aliceSignedData } from './common.ts';

export const signatureOverImplicitTag: Mutation = {
  id: 'invalid/signed/signature-over-implicit-tag',
  description: 'Signature over the signed attributes with their [0] IMPLICIT tag instead of the SET OF tag (RFC 5652 5.4), re-signed; a receiver that hashes the attributes in place accepts it',
  stage: 'before',
  base: 'signed-data/rsa-sha256/attached',
  requirements: ['rfc5652/5.4/signed-attrs-digest-set-of-tag'],
  flag: 'SignatureOverWrongBytes',
  expected: 'invalid',
  apply: ({ ctx }) => ({ bytes: aliceSignedData(ctx, { defects: { signImplicitTag: true } }) }),
};
