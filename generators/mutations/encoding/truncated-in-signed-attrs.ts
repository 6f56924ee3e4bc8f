/**
 * The message is cut in the middle of the SignerInfo's signed attributes, after the content and
 * the certificates. A parser that verifies what it has, or reads the signed attributes past the
 * end of the buffer, is caught.
 */
import { nodeAt } from '../tlv-edit.ts';
import type { Mutation } from '../mutation.ts';

export const truncatedInSignedAttrs: Mutation = {
  id: 'invalid/encoding/truncated-in-signed-attrs',
  description: 'Message cut halfway through the signed attributes of the SignerInfo; a parser that reads past the buffer or treats the signer as absent and reports success is caught',
  stage: 'after',
  base: 'signed-data/rsa-sha256/attached',
  requirements: ['rfc5652/3/content-info-outer-type'],
  flag: 'Truncated',
  expected: 'invalid',
  apply: ({ base }) => {
    const n = nodeAt(base, [1, 0, 4, 0, 3]);
    return { bytes: base.subarray(0, n.contentOffset + (n.length >> 1)) };
  },
};
