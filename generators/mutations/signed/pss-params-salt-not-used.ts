/**
 * RSASSA-PSS-params declare a 20-octet salt but the signature was made with a 32-octet salt (hash
 * and MGF1 SHA-256 as declared). The parameters carried are not those of the signature (RFC 4056
 * 2.2, 3). A receiver that recovers the salt length from the signature instead of enforcing the
 * declared one accepts it.
 */
import type { Mutation } from '../mutation.ts';
import { alice, pssIdentifier, PSS256, withPssSignature } from './common.ts';

export const pssParamsSaltNotUsed: Mutation = {
  id: 'invalid/signed/pss-params-salt-not-used',
  description: 'PSS parameters declare saltLength 20 but the signature used a 32-octet salt (RFC 4056 3); a receiver that auto-detects the salt length accepts it',
  stage: 'before',
  base: 'signed-data/rsa-pss-sha256/attached',
  requirements: ['rfc4056/3/signature-algorithm-pss-params'],
  flag: 'RsaPssParams',
  expected: 'invalid',
  apply: ({ ctx }) => ({
    bytes: withPssSignature({
      content: ctx.content('message'),
      signers: [alice(ctx, { signature: PSS256, defects: { signatureAlgorithm: pssIdentifier('sha256', 'sha256', 20) } })],
      certificates: [ctx.cast.get('alice-rsa').certDer],
    }, ctx.rnd, { hash: 'sha256', mgfHash: 'sha256', saltLength: 32 }),
  }),
};
