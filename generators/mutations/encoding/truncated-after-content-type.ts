/**
 * Only the ContentInfo header and its contentType OID remain: the message stops where the [0]
 * content should start, while the outer length still claims the whole message. A parser that
 * accepts a missing content or reads past the end of the buffer is caught.
 */
import { nodeAt } from '../tlv-edit.ts';
import type { Mutation } from '../mutation.ts';

export const truncatedAfterContentType: Mutation = {
  id: 'invalid/encoding/truncated-after-content-type',
  description: 'Message cut right after the ContentInfo contentType OID, outer length unchanged; a parser that reads past the end or treats the content as absent accepts or crashes',
  stage: 'after',
  base: 'signed-data/rsa-sha256/attached',
  requirements: ['rfc5652/3/content-info-outer-type'],
  flag: 'Truncated',
  expected: 'invalid',
  apply: ({ base }) => ({ bytes: base.subarray(0, nodeAt(base, [0]).end) }),
};
