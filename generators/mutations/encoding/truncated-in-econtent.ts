/**
 * The message is cut in the middle of the eContent OCTET STRING: every enclosing length claims
 * more than is there. A streaming parser that hands out the partial content before noticing the
 * truncation (or never notices) is caught.
 */
import { nodeAt } from '../tlv-edit.ts';
import type { Mutation } from '../mutation.ts';

export const truncatedInEcontent: Mutation = {
  id: 'invalid/encoding/truncated-in-econtent',
  description: 'Message cut halfway through the eContent OCTET STRING; a streaming parser that releases the partial content, or reads past the buffer, is caught',
  stage: 'after',
  base: 'signed-data/rsa-sha256/attached',
  requirements: ['rfc5652/3/content-info-outer-type'],
  flag: 'Truncated',
  expected: 'invalid',
  apply: ({ base }) => {
    const n = nodeAt(base, [1, 0, 2, 1, 0]);
    return { bytes: base.subarray(0, n.contentOffset + (n.length >> 1)) };
  },
};
