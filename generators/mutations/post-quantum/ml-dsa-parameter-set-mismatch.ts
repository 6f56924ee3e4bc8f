/**
 * The signature is made with Alice's ML-DSA-44 key, but signatureAlgorithm says ML-DSA-65. Each
 * ML-DSA parameter set is its own algorithm (RFC 9882 2: one OID per set, parameters absent); a
 * verifier that takes the parameter set from the certificate and ignores signatureAlgorithm
 * accepts a message whose algorithm identifier lies (algorithm substitution). Under the algorithm
 * it names, the value is no signature over the signed attributes (RFC 5652 5.4), as with a
 * tampered signature.
 */
import { oid, seq } from '../../../core/der/encode.ts';
import { OID } from '../../../core/oids.ts';
import type { Mutation } from '../mutation.ts';
import { mlDsa44SignedData } from './common.ts';

export const mlDsaParameterSetMismatch: Mutation = {
  id: 'invalid/post-quantum/ml-dsa-parameter-set-mismatch',
  description: 'ML-DSA-44 signature labelled id-ml-dsa-65 in signatureAlgorithm; a verifier that takes the parameter set from the key alone accepts the wrong identifier',
  stage: 'before',
  base: 'signed-data/ml-dsa-44/attached',
  requirements: ['rfc5652/5.4/signed-attrs-digest-set-of-tag'],
  flag: 'DigestAlgorithmConfusion',
  expected: 'invalid',
  apply: ({ ctx }) => ({ bytes: mlDsa44SignedData(ctx, { defects: { signatureAlgorithm: seq(oid(OID.mlDsa65)) } }) }),
};
