/**
 * Bob's X25519 certificate re-issued with a point of order 8 as its key: every shared secret with
 * it is all zeros (RFC 7748 6, RFC 8418 2), so the key-encryption key is one an attacker knows. A
 * sender that does not validate the recipient key (RFC 8550 1) wraps the content key under it.
 */
import type { Mutation } from '../mutation.ts';
import { bobCertificate, envelopedForBob, withPublicKey } from './recipient-common.ts';

const ORDER_8 = Uint8Array.from(Buffer.from('e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800', 'hex'));

export const recipientX25519LowOrder: Mutation = {
  id: 'invalid/certificates/recipient-x25519-low-order',
  description: 'Recipient certificate (in originatorInfo) whose X25519 key is a point of order 8 (RFC 8550 1, RFC 7748 6); a sender that does not validate it wraps the content key under an all-zero shared secret',
  stage: 'before',
  addsFeatures: ['originator-info'],
  base: 'enveloped-data/x25519/aes-128-cbc',
  requirements: ['rfc8550/1/validate-public-key-before-use', 'rfc2632/1/certify-public-key-before-use'],
  flag: 'LowOrderPoint',
  expected: 'invalid',
  apply: ({ ctx }) => ({ bytes: envelopedForBob(ctx, 'bob-x25519', bobCertificate(ctx, 'bob-x25519', { spki: withPublicKey(ctx.cast.get('bob-x25519').spki, ORDER_8) })) }),
};
