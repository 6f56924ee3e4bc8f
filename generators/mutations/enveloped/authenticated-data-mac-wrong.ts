/**
 * AuthenticatedData (HMAC-SHA256 over DER authAttrs) whose mac has its last octet changed. RFC
 * 5652 9.3: the message is authentic only if the recomputed MAC equals mac. A receiver that
 * trusts the sender's mac, or compares only part of it, accepts unauthenticated content.
 */
import { replaceContent } from '../tlv-edit.ts';
import type { Mutation } from '../mutation.ts';
import { lastOctetsPath, valueAt } from './common.ts';

export const authenticatedDataMacWrong: Mutation = {
  id: 'invalid/enveloped/authenticated-data-mac-wrong',
  description: 'AuthenticatedData mac with its last octet changed; a receiver that does not recompute and compare the whole MAC accepts it',
  stage: 'after',
  base: 'authenticated-data/hmac-sha256/auth-attrs',
  requirements: ['rfc5652/9.3/mac-matches'],
  flag: 'MacInvalid',
  expected: 'invalid',
  apply: ({ base }) => {
    const p = lastOctetsPath(base);
    const mac = valueAt(base, p);
    mac[mac.length - 1]! ^= 0x01;
    return { bytes: replaceContent(base, p, mac) };
  },
};
