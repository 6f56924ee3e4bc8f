/**
 * CMSAlgorithmProtection names SHA-384 as digest algorithm while the SignerInfo digests with
 * SHA-256 (the signature algorithm is named correctly). Re-signed. RFC 6211 3.1: the verifier
 * compares the two and reports the signature invalid on a mismatch. A receiver that parses the
 * attribute but never compares it gets no protection from it.
 */
import type { Mutation } from '../mutation.ts';
import { DIGESTS } from '../../cms/algorithms.ts';
import { algorithmProtectionAttr } from '../../cms/attributes.ts';
import { signatureIdentifier } from '../../cms/signers.ts';
import { RSA256 } from './common.ts';
import { withAlgorithmProtection } from './algorithm-protection-common.ts';

export const algorithmProtectionDigestDiffers: Mutation = {
  id: 'invalid/signed/algorithm-protection-digest-differs',
  description: 'CMSAlgorithmProtection names SHA-384 while the SignerInfo digests with SHA-256 (RFC 6211 3.1), re-signed; a receiver that does not compare the attribute accepts it',
  stage: 'before',
  base: 'signed-data/rsa-sha256/algorithm-protection',
  requirements: ['rfc6211/3.1/digest-mismatch-fails'],
  flag: 'DigestAlgorithmConfusion',
  expected: 'invalid',
  apply: ({ ctx }) => ({ bytes: withAlgorithmProtection(ctx, [algorithmProtectionAttr(DIGESTS.sha384.identifier, { signature: signatureIdentifier(RSA256) })]) }),
};
