/**
 * No signed attributes, and the signer passed the SHA-256 digest of the content to a
 * sign-with-SHA-256 operation, so the signature is over H(H(content)). RFC 5652 5.4: without
 * signed attributes the value signed is the digest of the content itself. Re-signed. A receiver
 * with the same double-hashing mistake accepts it; conforming ones reject it.
 */
import type { Mutation } from '../mutation.ts';
import { DIGESTS } from '../../cms/algorithms.ts';
import { aliceSignedData } from './common.ts';

export const signatureOverContentDigest: Mutation = {
  id: 'invalid/signed/signature-over-content-digest',
  description: 'No signed attributes and the signature is over the digest of the content, hashed again (RFC 5652 5.4), re-signed; a receiver with the same double-hash mistake accepts it',
  stage: 'before',
  base: 'signed-data/rsa-sha256/no-signed-attrs',
  requirements: ['rfc5652/5.4/no-signed-attrs-sign-content-digest'],
  flag: 'SignatureOverWrongBytes',
  expected: 'invalid',
  apply: ({ ctx }) => ({ bytes: aliceSignedData(ctx, { signedAttrs: null, defects: { signOver: (c) => DIGESTS.sha256.digest(c) } }) }),
};
