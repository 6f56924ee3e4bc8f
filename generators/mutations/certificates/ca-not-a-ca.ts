/**
 * A chain Carl -> Ivan -> Alice where Ivan's certificate is an end-entity one (no basicConstraints,
 * keyUsage digitalSignature): RFC 5280 6.1.4 (k), an intermediate must have cA TRUE.
 */
import type { Mutation } from '../mutation.ts';
import { ivanChain, signedWith } from './common.ts';

export const caNotACa: Mutation = {
  id: 'invalid/certificates/ca-not-a-ca',
  description: 'Intermediate certificate without basicConstraints cA issued the signer certificate (RFC 5280 6.1.4); the classic basicConstraints bug accepts it',
  stage: 'before',
  base: 'signed-data/rsa-sha256/attached',
  requirements: ['rfc5280/6.1.4/intermediate-is-ca'],
  flag: 'CaWithoutKeyCertSign',
  expected: 'invalid',
  apply: ({ ctx }) => {
    const chain = ivanChain(ctx, { ca: false, keyUsage: ['digitalSignature'] });
    return { bytes: signedWith(ctx, [chain.alice, chain.ivan]) };
  },
};
