/**
 * ML-DSA-44 signatureAlgorithm with a NULL parameters field. RFC 9882 2 and 3.3: each parameter
 * set has its own OID and the parameters field MUST be absent. A receiver that compares the
 * whole AlgorithmIdentifier with a table rejects it; one that ignores parameters accepts what a
 * strict peer refuses, and the two disagree on the same message. Re-signed.
 */
import { nul, oid, seq } from '../../../core/der/encode.ts';
import { OID } from '../../../core/oids.ts';
import type { Mutation } from '../mutation.ts';
import { mlDsa44SignedData } from './common.ts';

export const mlDsaParamsPresent: Mutation = {
  id: 'invalid/post-quantum/ml-dsa-params-present',
  description: 'ML-DSA-44 signatureAlgorithm with NULL parameters (RFC 9882 3.3: absent); strict and lenient receivers disagree on the message',
  stage: 'before',
  base: 'signed-data/ml-dsa-44/attached',
  requirements: ['rfc9882/3.3/signature-algorithm-ml-dsa-params-absent'],
  flag: 'DigestAlgorithmConfusion',
  expected: 'invalid',
  apply: ({ ctx }) => ({ bytes: mlDsa44SignedData(ctx, { defects: { signatureAlgorithm: seq(oid(OID.mlDsa44), nul()) } }) }),
};
