/**
 * A chain Carl -> Ivan -> Alice where Ivan's certificate is an end-entity one without
 * basicConstraints: RFC 5280 6.1.4 (k), an intermediate must have cA TRUE. It has no keyUsage
 * either, so that 6.1.4 (n) (keyUsage, when present, asserts keyCertSign) holds and the sample
 * breaks (k) alone; ca-without-key-cert-sign is the (n) case. What fails beside (k) is the same
 * defect seen from the issuer: a certificate whose key verifies a certificate signature is a CA
 * certificate, which RFC 5280 4.2.1.9 and RFC 8550 4.4.1 require to carry basicConstraints.
 */
import type { Mutation } from '../mutation.ts';
import { ivanChain, signedWith } from './common.ts';

export const caNotACa: Mutation = {
  id: 'invalid/certificates/ca-not-a-ca',
  description: 'Intermediate certificate without basicConstraints (and without keyUsage) issued the signer certificate (RFC 5280 6.1.4 (k); 4.2.1.9 and RFC 8550 4.4.1 state the same for the issuer); the classic basicConstraints bug accepts it',
  stage: 'before',
  base: 'signed-data/rsa-sha256/attached',
  requirements: ['rfc5280/6.1.4/intermediate-is-ca', 'rfc5280/4.2.1.9/ca-basic-constraints-critical', 'rfc8550/4.4.1/ca-has-basic-constraints'],
  flag: 'CaWithoutKeyCertSign',
  expected: 'invalid',
  apply: ({ ctx }) => {
    const chain = ivanChain(ctx, { ca: false, keyUsage: [], keyUsageAbsent: true });
    return { bytes: signedWith(ctx, [chain.alice, chain.ivan]) };
  },
};
