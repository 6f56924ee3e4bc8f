/**
 * The CMSAlgorithmProtection attribute (correct values) moved to the unsigned attributes; the
 * signed attributes keep content-type, message-digest and signing-time. RFC 6211 2: the attribute
 * must not be unprotected, since an attacker who substitutes the algorithms can rewrite it too. A
 * receiver that takes it from either set believes the algorithms are protected when they are not.
 */
import type { Mutation } from '../mutation.ts';
import { DIGESTS } from '../../cms/algorithms.ts';
import { algorithmProtectionAttr } from '../../cms/attributes.ts';
import { signatureIdentifier } from '../../cms/signers.ts';
import { RSA256 } from './common.ts';
import { withAlgorithmProtection } from './algorithm-protection-common.ts';

export const algorithmProtectionUnsigned: Mutation = {
  id: 'invalid/signed/algorithm-protection-unsigned',
  description: 'CMSAlgorithmProtection in unsignedAttrs, which RFC 6211 2 forbids; a receiver that takes it from either set trusts an algorithm binding nobody signed',
  stage: 'before',
  base: 'signed-data/rsa-sha256/algorithm-protection',
  requirements: ['rfc6211/2/not-unprotected'],
  flag: 'ForbiddenAttribute',
  expected: 'invalid',
  apply: ({ ctx }) => ({
    bytes: withAlgorithmProtection(ctx, [], { unsignedAttrs: () => [algorithmProtectionAttr(DIGESTS.sha256.identifier, { signature: signatureIdentifier(RSA256) })] }),
  }),
};
