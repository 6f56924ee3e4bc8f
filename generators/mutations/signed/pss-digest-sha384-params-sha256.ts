/**
 * RSASSA-PSS with digestAlgorithm SHA-384 (message-digest is SHA-384 of the content) and PSS
 * parameters naming SHA-256, with which the signed attributes are hashed and signed. Everything
 * verifies on its own, but RFC 8933 3.1 requires one digest algorithm for content and attributes
 * (RFC 4056 3 already asked for it). Re-signed. A receiver that hashes each part with whatever
 * algorithm is named there and never compares them accepts it.
 */
import { OID } from '../../../core/oids.ts';
import type { Mutation } from '../mutation.ts';
import { DIGESTS } from '../../cms/algorithms.ts';
import { aliceSignedData, digestAttr, PSS256, replacing } from './common.ts';

export const pssDigestSha384ParamsSha256: Mutation = {
  id: 'invalid/signed/pss-digest-sha384-params-sha256',
  description: 'digestAlgorithm SHA-384 with RSASSA-PSS parameters naming SHA-256 for the signed attributes (RFC 8933 3.1, RFC 4056 3), re-signed; a receiver that never compares the two accepts it',
  stage: 'before',
  base: 'signed-data/rsa-pss-sha256/attached',
  requirements: ['rfc8933/3.1/same-digest-content-and-signed-attrs', 'rfc4056/3/same-hash-content-and-attrs'],
  flag: 'RsaPssParams',
  expected: 'invalid',
  apply: ({ ctx }) => ({
    bytes: aliceSignedData(ctx, {
      signature: PSS256,
      digestAlgorithm: DIGESTS.sha384.identifier,
      defects: { attrs: replacing(OID.messageDigest, digestAttr('sha384', ctx.content('message'))) },
    }),
  }),
};
