/**
 * Deep inside an otherwise consistent message, the eContent OCTET STRING claims 0xFFFFFFFF octets
 * (all enclosing lengths are correct for the bytes present). A parser that checks lengths only
 * against the end of the buffer, not against the enclosing [0], or whose pointer arithmetic wraps
 * in 32 bits, reads out of bounds.
 */
import { encodingOf } from '../../../core/der/reader.ts';
import { nodeAt, replaceNode } from '../tlv-edit.ts';
import type { Mutation } from '../mutation.ts';
import { claimLength } from './common.ts';

const PATH = [1, 0, 2, 1, 0];

export const econtentLengthClaim4gb: Mutation = {
  id: 'invalid/encoding/econtent-length-claim-4gb',
  description: 'eContent OCTET STRING length claims 0xFFFFFFFF inside a correct enclosing [0]; a parser that does not bound inner lengths by their container, or wraps in 32 bits, is caught',
  stage: 'after',
  base: 'signed-data/rsa-sha256/attached',
  requirements: ['rfc5652/3/content-info-outer-type'],
  flag: 'LengthOverflow',
  expected: 'invalid',
  apply: ({ base }) => ({ bytes: replaceNode(base, PATH, claimLength(encodingOf(base, nodeAt(base, PATH)), 0xffffffff, 4)) }),
};
