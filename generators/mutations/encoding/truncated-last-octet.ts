/**
 * The last octet of the message (the end of the signature value) is missing, so every enclosing
 * length is one too long. A parser that clamps lengths to the buffer instead of failing is caught.
 */
import type { Mutation } from '../mutation.ts';

export const truncatedLastOctet: Mutation = {
  id: 'invalid/encoding/truncated-last-octet',
  description: 'Final octet (end of the signature value) removed, all lengths one too long; a parser that clamps lengths to the available bytes accepts it',
  stage: 'after',
  base: 'signed-data/rsa-sha256/attached',
  requirements: ['rfc5652/3/content-info-outer-type'],
  flag: 'Truncated',
  expected: 'invalid',
  apply: ({ base }) => ({ bytes: base.subarray(0, base.length - 1) }),
};
