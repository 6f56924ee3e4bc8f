/**
 * The X25519 originator key replaced by a point of order 8 (RFC 7748 6): the shared secret is all
 * zeros for every recipient key, so RFC 8418 2 requires the recipient to abort.
 */
import type { Mutation } from '../mutation.ts';
import { replaceContent } from '../tlv-edit.ts';
import { recipientInfoPath } from './common.ts';

/** KeyAgreeRecipientInfo originator [0] -> originatorKey [1] -> publicKey BIT STRING. */
const publicKeyPath = (b: Uint8Array) => [...recipientInfoPath(b), 1, 0, 1];

export const kariX25519LowOrderPoint: Mutation = {
  id: 'invalid/enveloped/kari-x25519-low-order-point',
  description: 'X25519 originatorKey of order 8: the shared secret is all zeros whatever the recipient key (RFC 8418 2); a recipient that does not check derives a KEK the attacker knows',
  stage: 'after',
  base: 'enveloped-data/x25519/aes-128-cbc',
  requirements: ['rfc8418/2/reject-all-zero-secret'],
  flag: 'LowOrderPoint',
  expected: 'invalid',
  apply: ({ base }) => {
    const order8 = Buffer.from('e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800', 'hex');
    return { bytes: replaceContent(base, publicKeyPath(base), Uint8Array.from([0, ...order8])) };
  },
};
