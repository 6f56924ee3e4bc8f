/**
 * ML-DSA-87 with signed attributes digested by SHA-256. RFC 9882 3.3: the digest SHOULD be at
 * least twice the collision strength of ML-DSA-87's commitment hash, i.e. 512 bits; SHA-256
 * gives 128-bit collision resistance to a 256-bit-strength signature. A SHOULD: receivers may
 * accept it or not, hence `acceptable`.
 */
import type { Mutation } from '../mutation.ts';
import { buildSignedData } from '../../cms/signed-data.ts';

export const mlDsa87DigestSha256: Mutation = {
  id: 'invalid/post-quantum/ml-dsa-87-digest-sha256',
  description: 'ML-DSA-87 over signed attributes with a SHA-256 message digest, weaker than the 512 bits RFC 9882 3.3 asks (SHOULD); a verifier may refuse it',
  stage: 'before',
  base: 'signed-data/ml-dsa-87/attached',
  requirements: ['rfc9882/3.3/digest-twice-commitment-strength'],
  flag: 'DigestAlgorithmConfusion',
  expected: 'acceptable',
  apply: ({ ctx }) => {
    const identity = ctx.cast.get('alice-ml-dsa-87');
    return {
      bytes: buildSignedData({
        content: ctx.content('message'),
        signers: [{ identity, signature: { kind: 'ml-dsa-87', digest: 'sha256' }, signedAttrs: [] }],
        certificates: [identity.certDer],
      }, ctx.rnd),
    };
  },
};
