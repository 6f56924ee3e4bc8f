/**
 * The ECDH originator key of a P-256 KeyAgreeRecipientInfo with the last octet of Y changed: no
 * longer a point of the curve (RFC 5753 3.1.1: an ECPoint of the curve). A recipient that
 * multiplies its static key with it without validating leaks the key (invalid-curve attack,
 * RFC 2785); this one also fails to decrypt, since the KEK differs.
 */
import type { Mutation } from '../mutation.ts';
import { nodeAt, replaceContent } from '../tlv-edit.ts';
import { recipientInfoPath } from './common.ts';

/** KeyAgreeRecipientInfo originator [0] -> originatorKey [1] -> publicKey BIT STRING. */
const publicKeyPath = (b: Uint8Array) => [...recipientInfoPath(b), 1, 0, 1];

export const kariEcdhPointOffCurve: Mutation = {
  id: 'invalid/enveloped/kari-ecdh-point-off-curve',
  description: 'ECDH originatorKey off the P-256 curve (last octet of Y changed); a recipient that skips point validation multiplies its static key with an invalid-curve point and leaks it',
  stage: 'after',
  base: 'enveloped-data/ecdh-p256/aes-128-cbc',
  requirements: ['rfc5753/3.1.1/ecdh-originator-public-key-ecpoint'],
  flag: 'InvalidCurvePoint',
  expected: 'invalid',
  apply: ({ base }) => {
    const key = nodeAt(base, publicKeyPath(base));
    const content = Uint8Array.from(base.subarray(key.contentOffset, key.end));
    content[content.length - 1] = content[content.length - 1]! ^ 0x01;
    return { bytes: replaceContent(base, publicKeyPath(base), content) };
  },
};
