/**
 * CompressedData whose zlib stream (eContent) lost its last 64 octets, the end of the deflate data
 * and the Adler-32 trailer, with every enclosing length re-encoded (a partial inflate yields 3679
 * of the 5100 content octets). id-alg-zlibCompress (RFC 3274 2) names a complete RFC 1950 stream.
 * A receiver that returns whatever inflated before the input ran out, without seeing the end of
 * the stream or checking Adler-32, accepts truncated content.
 */
import { replaceContent } from '../tlv-edit.ts';
import type { Mutation } from '../mutation.ts';
import { valueAt } from './common.ts';

/** compressedData.encapContentInfo.eContent ([0] EXPLICIT OCTET STRING). */
const E_CONTENT = [1, 0, 2, 1, 0];

export const compressedDataZlibTruncated: Mutation = {
  id: 'invalid/enveloped/compressed-data-zlib-truncated',
  description: 'CompressedData zlib stream cut 64 octets short (end of the deflate data and the Adler-32 missing); a receiver that returns partial inflate output accepts truncated content',
  stage: 'after',
  base: 'compressed-data/zlib',
  requirements: ['rfc3274/2/support-zlib'],
  flag: 'TamperedContent',
  expected: 'invalid',
  apply: ({ base }) => {
    const z = valueAt(base, E_CONTENT);
    return { bytes: replaceContent(base, E_CONTENT, z.slice(0, z.length - 64)) };
  },
};
