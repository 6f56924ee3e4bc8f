/**
 * SignedData.digestAlgorithms lists SHA-384 only, while the SignerInfo digests with SHA-256. RFC
 * 5652 5.3 (kept by RFC 8933 3.1) says each SignerInfo digestAlgorithm SHOULD be listed there, so
 * a one-pass verifier can start hashing before it reaches the SignerInfos. A SHOULD: a receiver
 * may accept, but one that hashes only with the listed algorithms must not then report success.
 */
import type { Mutation } from '../mutation.ts';
import { DIGESTS } from '../../cms/algorithms.ts';
import { aliceSignedData } from './common.ts';

export const digestAlgorithmNotListed: Mutation = {
  id: 'invalid/signed/digest-algorithm-not-listed',
  description: 'digestAlgorithms lists SHA-384 while the signer digests with SHA-256 (RFC 5652 5.3 SHOULD); a one-pass verifier that trusts the list hashes with the wrong algorithm',
  stage: 'before',
  base: 'signed-data/rsa-sha256/attached',
  requirements: ['rfc5652/5.3/digest-algorithm-listed', 'rfc8933/3.1/digest-algorithm-listed'],
  flag: 'DigestAlgorithmConfusion',
  expected: 'acceptable',
  apply: ({ ctx }) => ({ bytes: aliceSignedData(ctx, {}, { defects: { digestAlgorithms: [DIGESTS.sha384.identifier] } }) }),
};
