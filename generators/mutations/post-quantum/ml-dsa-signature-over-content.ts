/**
 * ML-DSA-44 with signed attributes, but the signature covers the content itself. RFC 5652 5.4:
 * with signed attributes the signature is over their DER SET OF; pure ML-DSA (RFC 9882) signs
 * whatever it is given, so a verifier that tries both inputs accepts attributes no signature
 * covers. Re-signed.
 */
import type { Mutation } from '../mutation.ts';
import { mlDsa44SignedData } from './common.ts';

export const mlDsaSignatureOverContent: Mutation = {
  id: 'invalid/post-quantum/ml-dsa-signature-over-content',
  description: 'ML-DSA-44 SignedData with signed attributes whose signature is over the content instead (RFC 5652 5.4); a verifier that tries both inputs accepts unsigned attributes',
  stage: 'before',
  base: 'signed-data/ml-dsa-44/attached',
  requirements: ['rfc5652/5.4/signed-attrs-digest-set-of-tag'],
  flag: 'SignatureOverWrongBytes',
  expected: 'invalid',
  apply: ({ ctx }) => ({ bytes: mlDsa44SignedData(ctx, { defects: { signOver: () => ctx.content('message') } }) }),
};
