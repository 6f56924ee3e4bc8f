/**
 * AuthEnvelopedData (AES-128-GCM) encrypted with a 12-octet tag, aes-ICVlen left at its default 12
 * (omitted, as DER requires), whose mac holds only the first 8 octets of that tag. RFC 5084 3.2:
 * the mac length equals aes-ICVlen. A GCM tag truncated to 8 octets still verifies as an 8-octet
 * tag, so a receiver that takes the tag length from the mac field instead of the parameters
 * accepts a forgery 2^32 times easier to guess.
 */
import { replaceContent } from '../tlv-edit.ts';
import type { Mutation } from '../mutation.ts';
import { bobAuthEnveloped, lastOctetsPath, valueAt } from './common.ts';

export const gcmTagTruncated: Mutation = {
  id: 'invalid/enveloped/gcm-tag-truncated',
  description: 'AES-GCM mac truncated to 8 octets while aes-ICVlen is 12; a receiver that takes the tag length from the mac instead of the parameters accepts a short, weak tag (RFC 5083 2: the declared 12-octet tag does not verify, so nothing may be released)',
  stage: 'before',
  base: 'auth-enveloped-data/aes-128-gcm',
  // RFC 5083 2 restates the defect for the recipient: an 8-octet mac cannot verify as the
  // 12-octet tag aes-ICVlen declares, so no content may be released.
  requirements: ['rfc5084/3.2/gcm-icvlen-matches-mac', 'rfc5083/2/verify-before-release'],
  flag: 'AeadTagTruncated',
  expected: 'invalid',
  apply: ({ ctx }) => {
    const full = bobAuthEnveloped(ctx, { icvLength: 12 });
    const p = lastOctetsPath(full);
    return { bytes: replaceContent(full, p, valueAt(full, p).slice(0, 8)) };
  },
};
