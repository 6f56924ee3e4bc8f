/**
 * The ContentInfo content is tagged [1] instead of [0] EXPLICIT (RFC 5652 3). A decoder that takes
 * the second element of the ContentInfo whatever its tag accepts it.
 */
import { retagNode } from '../tlv-edit.ts';
import type { Mutation } from '../mutation.ts';

export const contentInfoContentTag1: Mutation = {
  id: 'invalid/encoding/content-info-content-tag-1',
  description: 'ContentInfo content tagged [1] (A1) instead of [0] EXPLICIT; a decoder that does not check the ContentInfo content tag accepts it',
  stage: 'after',
  base: 'signed-data/rsa-sha256/attached',
  requirements: ['rfc5652/3/content-info-outer-type'],
  flag: 'WrongTag',
  expected: 'invalid',
  apply: ({ base }) => ({ bytes: retagNode(base, [1], 0xa1) }),
};
