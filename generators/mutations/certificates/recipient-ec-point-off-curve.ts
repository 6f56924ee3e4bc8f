/**
 * Bob's P-256 certificate re-issued with the last octet of Y changed: not a point of the curve.
 * A sender that multiplies its ephemeral key with it without validating (RFC 8550 1; RFC 2785)
 * computes in a weak group an attacker chose; the message is encrypted to Bob's real key.
 */
import type { Mutation } from '../mutation.ts';
import { bobCertificate, envelopedForBob, keyParts, withPublicKey } from './recipient-common.ts';

export const recipientEcPointOffCurve: Mutation = {
  id: 'invalid/certificates/recipient-ec-point-off-curve',
  description: 'Recipient certificate (in originatorInfo) whose P-256 public key is not a point of the curve (RFC 8550 1, RFC 2785); a sender that does not validate it runs ECDH in a group an attacker chose',
  stage: 'before',
  addsFeatures: ['originator-info'],
  base: 'enveloped-data/ecdh-p256/aes-128-cbc',
  requirements: ['rfc8550/1/validate-public-key-before-use', 'rfc2632/1/certify-public-key-before-use'],
  flag: 'InvalidCurvePoint',
  expected: 'invalid',
  apply: ({ ctx }) => {
    const spki = ctx.cast.get('bob-p256').spki;
    const key = Uint8Array.from(keyParts(spki).key);
    key[key.length - 1] = key[key.length - 1]! ^ 0x01;
    return { bytes: envelopedForBob(ctx, 'bob-p256', bobCertificate(ctx, 'bob-p256', { spki: withPublicKey(spki, key) })) };
  },
};
