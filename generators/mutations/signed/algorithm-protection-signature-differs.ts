/**
 * CMSAlgorithmProtection names sha384WithRSAEncryption while the SignerInfo signs with
 * sha256WithRSAEncryption (the digest algorithm is named correctly). Re-signed. RFC 6211 3.1: a
 * mismatch makes the signature invalid. A receiver that parses the attribute but never compares it
 * gets no protection against signature algorithm substitution.
 */
import type { Mutation } from '../mutation.ts';
import { DIGESTS } from '../../cms/algorithms.ts';
import { algorithmProtectionAttr } from '../../cms/attributes.ts';
import { signatureIdentifier } from '../../cms/signers.ts';
import { withAlgorithmProtection } from './algorithm-protection-common.ts';

export const algorithmProtectionSignatureDiffers: Mutation = {
  id: 'invalid/signed/algorithm-protection-signature-differs',
  description: 'CMSAlgorithmProtection names sha384WithRSAEncryption while the SignerInfo uses sha256WithRSAEncryption (RFC 6211 3.1), re-signed; a receiver that does not compare accepts it',
  stage: 'before',
  base: 'signed-data/rsa-sha256/algorithm-protection',
  requirements: ['rfc6211/3.1/signature-alg-mismatch-fails'],
  flag: 'DigestAlgorithmConfusion',
  expected: 'invalid',
  apply: ({ ctx }) => ({
    bytes: withAlgorithmProtection(ctx, [algorithmProtectionAttr(DIGESTS.sha256.identifier, { signature: signatureIdentifier({ kind: 'rsa-pkcs1-sha', digest: 'sha384' }) })]),
  }),
};
