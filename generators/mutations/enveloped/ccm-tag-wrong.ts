/**
 * AuthEnvelopedData (AES-128-CCM) whose mac, the CCM authentication tag, has its last octet
 * changed. RFC 5083 2: the tag is verified before any plaintext is released. A receiver that
 * releases CCM plaintext before (or without) checking the tag accepts forged content.
 */
import { replaceContent } from '../tlv-edit.ts';
import type { Mutation } from '../mutation.ts';
import { lastOctetsPath, valueAt } from './common.ts';

export const ccmTagWrong: Mutation = {
  id: 'invalid/enveloped/ccm-tag-wrong',
  description: 'AES-CCM authentication tag (mac) with its last octet changed; a receiver that releases plaintext before or without checking the tag accepts it',
  stage: 'after',
  base: 'auth-enveloped-data/aes-128-ccm',
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
