/**
 * The ESDH originator key y replaced by 1, which lies in the subgroup of order 1: the shared
 * secret is 1 whatever the recipient's key. RFC 2631 2.3 (after RFC 2785): the recipient SHOULD
 * check y in [2, p-1] and y^q = 1 mod p (a SHOULD, reported as a warning). The encryptedKey is
 * left as it was, so the message is also invalid for not decrypting; an attacker would re-wrap the
 * content key under the KEK of the secret 1, which this case does not do (yet).
 */
import type { Mutation } from '../mutation.ts';
import { replaceContent } from '../tlv-edit.ts';
import { recipientInfoPath } from './common.ts';

/** KeyAgreeRecipientInfo originator [0] -> originatorKey [1] -> publicKey BIT STRING. */
const publicKeyPath = (b: Uint8Array) => [...recipientInfoPath(b), 1, 0, 1];

export const kariEsdhPublicKeyOne: Mutation = {
  id: 'invalid/enveloped/kari-esdh-public-key-one',
  description: 'ESDH originatorKey y = 1 (RFC 2631 2.3, RFC 2785): the shared secret is 1 whatever the recipient key; a recipient that does not validate y derives a KEK the attacker knows',
  stage: 'after',
  base: 'enveloped-data/esdh/aes-128-cbc',
  requirements: ['rfc2631/2.3/recipient-validates-public-key'],
  flag: 'SmallSubgroupDhKey',
  expected: 'invalid',
  apply: ({ base }) => {
    // BIT STRING content: no unused bits, then the DER INTEGER 1
    return { bytes: replaceContent(base, publicKeyPath(base), Uint8Array.of(0x00, 0x02, 0x01, 0x01)) };
  },
};
