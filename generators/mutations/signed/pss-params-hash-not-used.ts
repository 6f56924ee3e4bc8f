/**
 * RSASSA-PSS-params name SHA-256 (MGF1-SHA-256, salt 32) but the signature over the signed
 * attributes was made with SHA-384 as the PSS hash (MGF1 and salt as declared). RFC 4056 3: the
 * hash over the signed attributes is the hashAlgorithm of the parameters. A receiver that guesses
 * the hash (from the signature length, the key, or trial) instead of reading it accepts it.
 */
import type { Mutation } from '../mutation.ts';
import { alice, pssIdentifier, PSS256, withPssSignature } from './common.ts';

export const pssParamsHashNotUsed: Mutation = {
  id: 'invalid/signed/pss-params-hash-not-used',
  description: 'PSS parameters declare SHA-256 but the signature was made with SHA-384 as the PSS hash (RFC 4056 3); a receiver that does not take the hash from the parameters accepts it',
  stage: 'before',
  base: 'signed-data/rsa-pss-sha256/attached',
  requirements: ['rfc4056/3/pss-hash-covers-signed-attrs'],
  flag: 'RsaPssParams',
  expected: 'invalid',
  apply: ({ ctx }) => ({
    bytes: withPssSignature({
      content: ctx.content('message'),
      signers: [alice(ctx, { signature: PSS256, defects: { signatureAlgorithm: pssIdentifier('sha256', 'sha256', 32) } })],
      certificates: [ctx.cast.get('alice-rsa').certDer],
    }, ctx.rnd, { hash: 'sha384', mgfHash: 'sha256', saltLength: 32 }),
  }),
};
