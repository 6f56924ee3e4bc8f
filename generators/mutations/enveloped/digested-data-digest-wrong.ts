/**
 * DigestedData (SHA-256) whose digest field has its last octet changed; eContent is the sample
 * message. RFC 5652 7: the digest is that of the eContent value octets. A receiver that shows the
 * content without recomputing the digest accepts content altered in transit.
 */
import { replaceContent } from '../tlv-edit.ts';
import type { Mutation } from '../mutation.ts';
import { lastOctetsPath, valueAt } from './common.ts';

export const digestedDataDigestWrong: Mutation = {
  id: 'invalid/enveloped/digested-data-digest-wrong',
  description: 'DigestedData digest with its last octet changed, so it is not the digest of eContent; a receiver that does not recompute the digest accepts altered content',
  stage: 'after',
  base: 'digested-data/sha256',
  requirements: ['rfc5652/7/digest-matches-content'],
  flag: 'TamperedContent',
  expected: 'invalid',
  apply: ({ base }) => {
    const p = lastOctetsPath(base);
    const d = valueAt(base, p);
    d[d.length - 1]! ^= 0x01;
    return { bytes: replaceContent(base, p, d) };
  },
};
