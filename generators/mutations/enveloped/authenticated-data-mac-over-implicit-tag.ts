/**
 * AuthenticatedData whose HMAC was computed over authAttrs as stored, with the [2] IMPLICIT tag
 * (0xA2), instead of their DER re-tagged as SET OF (0x31) as RFC 5652 9.2 requires. Everything
 * else is right. A receiver that MACs the received bytes as they are accepts it (and rejects
 * every correct message).
 */
import type { Mutation } from '../mutation.ts';
import { bobAuthenticated } from './common.ts';

export const authenticatedDataMacOverImplicitTag: Mutation = {
  id: 'invalid/enveloped/authenticated-data-mac-over-implicit-tag',
  description: 'HMAC computed over authAttrs with their [2] IMPLICIT tag instead of the SET OF tag; a receiver that MACs the attributes as received accepts it',
  stage: 'before',
  base: 'authenticated-data/hmac-sha256/auth-attrs',
  requirements: ['rfc5652/9.2/mac-input-auth-attrs-set-of-tag', 'rfc5652/9.3/mac-matches'],
  flag: 'MacInvalid',
  expected: 'invalid',
  apply: ({ ctx }) => ({ bytes: bobAuthenticated(ctx, true, { macOverImplicitTag: true }) }),
};
