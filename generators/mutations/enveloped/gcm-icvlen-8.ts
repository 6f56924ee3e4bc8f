/**
 * AuthEnvelopedData (AES-128-GCM) encrypted with an 8-octet tag, aes-ICVlen 8 in GCMParameters and
 * an 8-octet mac: consistent, but RFC 5084 3.2 defines AES-GCM-ICVlen as 12 | 13 | 14 | 15 | 16,
 * so 8 is not a GCMParameters value at all (CCM allows 8; GCM does not). A receiver that passes
 * any ICVlen to its GCM library accepts tags weak enough for forgery (NIST SP 800-38D limits
 * 64-bit tags to special cases).
 */
import type { Mutation } from '../mutation.ts';
import { bobAuthEnveloped } from './common.ts';

export const gcmIcvlen8: Mutation = {
  id: 'invalid/enveloped/gcm-icvlen-8',
  description: 'AES-GCM with aes-ICVlen 8 and an 8-octet tag, consistent but outside AES-GCM-ICVlen (12..16); a receiver that accepts any ICVlen its library takes accepts weak tags',
  stage: 'before',
  base: 'auth-enveloped-data/aes-128-gcm',
  requirements: ['rfc5084/3.2/gcm-params-structure'],
  flag: 'AeadTagTruncated',
  expected: 'invalid',
  apply: ({ ctx }) => ({ bytes: bobAuthEnveloped(ctx, { icvLength: 8 }) }),
};
