/**
 * An RSASSA-PSS SignedData whose digestAlgorithms SET is empty: RFC 4056 3 says it SHOULD hold the
 * hash applied to the eContent (as RFC 5652 5.3 does for every signer). A SHOULD: a receiver may
 * accept, but one that hashes the content with the listed algorithms only computes nothing.
 */
import type { Mutation } from '../mutation.ts';
import { aliceSignedData, PSS256 } from './common.ts';

export const pssDigestAlgorithmsEmpty: Mutation = {
  id: 'invalid/signed/pss-digest-algorithms-empty',
  description: 'RSASSA-PSS SignedData with an empty digestAlgorithms SET (RFC 4056 3, RFC 5652 5.3 SHOULD); a one-pass verifier that hashes with the listed algorithms has no digest to compare',
  stage: 'before',
  base: 'signed-data/rsa-pss-sha256/attached',
  requirements: ['rfc4056/3/digest-algorithms-include-content-hash', 'rfc5652/5.3/digest-algorithm-listed'],
  flag: 'DigestAlgorithmConfusion',
  expected: 'acceptable',
  apply: ({ ctx }) => ({ bytes: aliceSignedData(ctx, { signature: PSS256 }, { defects: { digestAlgorithms: [] } }) }),
};
