/**
 * ECDSA P-256: digestAlgorithm SHA-256 (message-digest is SHA-256 of the content) but the signed
 * attributes are signed with ecdsa-with-SHA384. RFC 5753 2.1.1 ties the ECDSA hash to
 * digestAlgorithm and RFC 8933 3.1 requires one digest for content and attributes. Re-signed. A
 * receiver that hashes the attributes with the algorithm the signatureAlgorithm names and never
 * compares it with digestAlgorithm accepts it.
 */
import { OID } from '../../../core/oids.ts';
import type { Mutation } from '../mutation.ts';
import { DIGESTS } from '../../cms/algorithms.ts';
import { buildSignedData } from '../../cms/signed-data.ts';
import { digestAttr, replacing } from './common.ts';

export const ecdsaSignatureHashDiffersFromDigest: Mutation = {
  id: 'invalid/signed/ecdsa-signature-hash-differs-from-digest',
  description: 'ECDSA P-256 with digestAlgorithm SHA-256 but ecdsa-with-SHA384 over the signed attributes (RFC 5753 2.1.1, RFC 8933 3.1), re-signed; a receiver that never compares the two accepts it',
  stage: 'before',
  base: 'signed-data/ecdsa-p256-sha256/attached',
  requirements: ['rfc5753/2.1.1/ecdsa-sig-hash-matches-digest', 'rfc8933/3.1/same-digest-content-and-signed-attrs'],
  flag: 'DigestAlgorithmConfusion',
  expected: 'invalid',
  apply: ({ ctx }) => {
    const signer = ctx.cast.get('alice-p256');
    const content = ctx.content('message');
    return {
      bytes: buildSignedData({
        content,
        signers: [{
          identity: signer,
          signature: { kind: 'ecdsa', digest: 'sha384' },
          signedAttrs: [],
          digestAlgorithm: DIGESTS.sha256.identifier,
          defects: { attrs: replacing(OID.messageDigest, digestAttr('sha256', content)) },
        }],
        certificates: [signer.certDer],
      }, ctx.rnd),
    };
  },
};
