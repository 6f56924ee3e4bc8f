/**
 * Bob's X9.42 DH certificate re-issued with y = p-1, of order 2: the shared secret is 1 or p-1
 * whatever the sender's key (the small-subgroup attack of RFC 2785; RFC 2631 2.1.5 puts y in
 * [2, p-1] with y^q = 1). A sender that does not validate the recipient key (RFC 8550 1) derives a
 * key-encryption key an attacker can guess.
 */
import { int } from '../../../core/der/encode.ts';
import type { Mutation } from '../mutation.ts';
import { bobCertificate, bobDhPrime, envelopedForBob, withPublicKey } from './recipient-common.ts';

export const recipientDhKeyPMinusOne: Mutation = {
  id: 'invalid/certificates/recipient-dh-key-p-minus-one',
  description: 'Recipient certificate (in originatorInfo) whose DH public key is y = p-1, in the subgroup of order 2 (RFC 8550 1, RFC 2785); a sender that does not validate it derives a KEK from a secret of two possible values',
  stage: 'before',
  addsFeatures: ['originator-info'],
  base: 'enveloped-data/esdh/aes-128-cbc',
  requirements: ['rfc8550/1/validate-public-key-before-use', 'rfc2632/1/certify-public-key-before-use'],
  flag: 'SmallSubgroupDhKey',
  expected: 'invalid',
  apply: ({ ctx }) => ({ bytes: envelopedForBob(ctx, 'bob-dh', bobCertificate(ctx, 'bob-dh', { spki: withPublicKey(ctx.cast.get('bob-dh').spki, int(bobDhPrime(ctx) - 1n)) })) }),
};
