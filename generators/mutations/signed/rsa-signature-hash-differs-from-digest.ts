/**
 * digestAlgorithm SHA-256 (message-digest is SHA-256 of the content) but the signed attributes are
 * signed with sha384WithRSAEncryption, i.e. hashed with SHA-384. RFC 8933 3.1/3.2 require one
 * digest algorithm for both. Re-signed. A receiver that hashes the attributes with the algorithm
 * the signatureAlgorithm names and never compares it with digestAlgorithm accepts it.
 */
import { OID } from '../../../core/oids.ts';
import type { Mutation } from '../mutation.ts';
import { DIGESTS } from '../../cms/algorithms.ts';
import { aliceSignedData, digestAttr, replacing } from './common.ts';

export const rsaSignatureHashDiffersFromDigest: Mutation = {
  id: 'invalid/signed/rsa-signature-hash-differs-from-digest',
  description: 'Content digested with SHA-256 but signed attributes signed with sha384WithRSAEncryption (RFC 8933 3.1 requires one algorithm), re-signed; a receiver that never compares the two accepts it',
  stage: 'before',
  base: 'signed-data/rsa-sha256/attached',
  requirements: ['rfc8933/3.1/same-digest-content-and-signed-attrs', 'rfc8933/3.2/same-digest-content-and-signed-attrs'],
  flag: 'DigestAlgorithmConfusion',
  expected: 'invalid',
  apply: ({ ctx }) => ({
    bytes: aliceSignedData(ctx, {
      signature: { kind: 'rsa-pkcs1-sha', digest: 'sha384' },
      digestAlgorithm: DIGESTS.sha256.identifier,
      defects: { attrs: replacing(OID.messageDigest, digestAttr('sha256', ctx.content('message'))) },
    }),
  }),
};
