/**
 * Sixteen octets of garbage after the ContentInfo. A receiver that parses "the first value" and
 * ignores the rest accepts bytes the signer never saw, which lets an attacker smuggle data past
 * anything that hashes or logs the whole file.
 */
import { concat } from '../../../core/der/encode.ts';
import type { Mutation } from '../mutation.ts';

export const trailingGarbage: Mutation = {
  id: 'invalid/encoding/trailing-garbage',
  description: 'Sixteen octets after the end of the ContentInfo; a parser that stops at the first value accepts unsigned trailing data',
  stage: 'after',
  base: 'signed-data/rsa-sha256/attached',
  requirements: ['rfc5652/3/content-info-outer-type'],
  flag: 'TrailingData',
  expected: 'invalid',
  apply: ({ base }) => ({ bytes: concat(base, new TextEncoder().encode('trailing garbage')) }),
};
