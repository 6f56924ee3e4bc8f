/**
 * CMSAlgorithmProtection in a SignerInfo carrying [2] macAlgorithm (HMAC-SHA256) instead of
 * [1] signatureAlgorithm. RFC 6211 2: in SignedData the attribute holds the signature algorithm,
 * and exactly one of the two. Re-signed. A receiver that compares only the digest algorithm, or
 * skips the comparison when [1] is absent, accepts an attribute that protects nothing.
 */
import { nul, oid, seq } from '../../../core/der/encode.ts';
import { OID } from '../../../core/oids.ts';
import type { Mutation } from '../mutation.ts';
import { DIGESTS } from '../../cms/algorithms.ts';
import { algorithmProtectionAttr } from '../../cms/attributes.ts';
import { withAlgorithmProtection } from './algorithm-protection-common.ts';

export const algorithmProtectionMacInSignedData: Mutation = {
  id: 'invalid/signed/algorithm-protection-mac-in-signed-data',
  description: 'CMSAlgorithmProtection in a SignerInfo with [2] macAlgorithm instead of [1] signatureAlgorithm (RFC 6211 2), re-signed; a receiver that skips the comparison without [1] accepts it (RFC 6211 3.1 step 2: the comparison fails, so does validation)',
  stage: 'before',
  base: 'signed-data/rsa-sha256/algorithm-protection',
  // RFC 6211 3.1 step 2 is the verifier's side of the same defect: without [1] there is no
  // signatureAlgorithm to compare with SignerInfo.signatureAlgorithm, so they are not the same.
  requirements: ['rfc6211/2/exactly-one-of-sig-or-mac', 'rfc6211/3.1/signature-alg-mismatch-fails'],
  flag: 'DigestAlgorithmConfusion',
  expected: 'invalid',
  apply: ({ ctx }) => ({
    bytes: withAlgorithmProtection(ctx, [algorithmProtectionAttr(DIGESTS.sha256.identifier, { mac: seq(oid(OID.hmacSha256), nul()) })]),
  }),
};
