/**
 * RSASSA-PSS-params declare hash SHA-256 with MGF1-SHA-1, but the signature was made with
 * MGF1-SHA-256 (hash and salt as declared). The parameters carried are not those of the signature
 * (RFC 4056 3). A receiver that ignores maskGenAlgorithm and assumes MGF1 with the PSS hash accepts
 * it; one that honours the parameters rejects it.
 */
import type { Mutation } from '../mutation.ts';
import { alice, pssIdentifier, PSS256, withPssSignature } from './common.ts';

export const pssParamsMgf1HashNotUsed: Mutation = {
  id: 'invalid/signed/pss-params-mgf1-hash-not-used',
  description: 'PSS parameters declare MGF1 with SHA-1 but the signature used MGF1 with SHA-256 (RFC 4056 3); a receiver that ignores maskGenAlgorithm accepts it',
  stage: 'before',
  base: 'signed-data/rsa-pss-sha256/attached',
  requirements: ['rfc4056/3/signature-algorithm-pss-params'],
  flag: 'RsaPssParams',
  expected: 'invalid',
  apply: ({ ctx }) => ({
    bytes: withPssSignature({
      content: ctx.content('message'),
      signers: [alice(ctx, { signature: PSS256, defects: { signatureAlgorithm: pssIdentifier('sha256', 'sha1', 32) } })],
      certificates: [ctx.cast.get('alice-rsa').certDer],
    }, ctx.rnd, { hash: 'sha256', mgfHash: 'sha256', saltLength: 32 }),
  }),
};
