/**
 * AuthEnvelopedData (AES-128-GCM) whose mac, the GCM authentication tag, has its last octet
 * changed. RFC 5083 2: the recipient verifies the tag before releasing any plaintext. A receiver
 * that decrypts in streaming mode and hands out the plaintext before (or without) checking the tag
 * releases content nobody authenticated.
 */
import { replaceContent } from '../tlv-edit.ts';
import type { Mutation } from '../mutation.ts';
import { lastOctetsPath, valueAt } from './common.ts';

export const gcmTagWrong: Mutation = {
  id: 'invalid/enveloped/gcm-tag-wrong',
  description: 'AES-GCM authentication tag (mac) with its last octet changed; a receiver that releases plaintext before or without checking the tag accepts it',
  stage: 'after',
  base: 'auth-enveloped-data/aes-128-gcm',
  requirements: ['rfc5083/2/verify-before-release'],
  flag: 'AeadTagInvalid',
  expected: 'invalid',
  apply: ({ base }) => {
    const p = lastOctetsPath(base);
    const tag = valueAt(base, p);
    tag[tag.length - 1]! ^= 0x01;
    return { bytes: replaceContent(base, p, tag) };
  },
};
