/**
 * A chain Carl -> Ivan -> Alice where Ivan's certificate has basicConstraints cA but keyUsage
 * digitalSignature and cRLSign, no keyCertSign: RFC 5280 6.1.4 (n), Ivan may not issue certificates.
 */
import type { Mutation } from '../mutation.ts';
import { ivanChain, signedWith } from './common.ts';

export const caWithoutKeyCertSign: Mutation = {
  id: 'invalid/certificates/ca-without-key-cert-sign',
  description: 'Intermediate CA certificate without keyCertSign issued the signer certificate (RFC 5280 6.1.4); a receiver that ignores the CA key usage accepts it',
  stage: 'before',
  base: 'signed-data/rsa-sha256/attached',
  requirements: ['rfc5280/6.1.4/key-cert-sign'],
  flag: 'CaWithoutKeyCertSign',
  expected: 'invalid',
  apply: ({ ctx }) => {
    const chain = ivanChain(ctx, { keyUsage: ['digitalSignature', 'cRLSign'] });
    return { bytes: signedWith(ctx, [chain.alice, chain.ivan]) };
  },
};
