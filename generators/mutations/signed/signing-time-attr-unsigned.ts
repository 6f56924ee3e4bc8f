/**
 * A signing-time attribute among the unsigned attributes. RFC 5652 11.3 allows it only as a signed
 * or authenticated attribute. A receiver that shows or acts on it (certificate validity at
 * signing time, ordering) trusts a time anybody could have written.
 */
import type { Mutation } from '../mutation.ts';
import { signingTimeAttr } from '../../cms/attributes.ts';
import { aliceSignedData } from './common.ts';

export const signingTimeAttrUnsigned: Mutation = {
  id: 'invalid/signed/signing-time-attr-unsigned',
  description: 'signing-time attribute in unsignedAttrs, which RFC 5652 11.3 forbids; a receiver that acts on it trusts a time no signature covers',
  stage: 'before',
  base: 'signed-data/rsa-sha256/attached',
  requirements: ['rfc5652/11.3/protected-placement-only', 'rfc2634/1.3.4/table-signing-time-signed'],
  flag: 'ForbiddenAttribute',
  expected: 'invalid',
  apply: ({ ctx }) => ({ bytes: aliceSignedData(ctx, { unsignedAttrs: () => [signingTimeAttr('2026-01-15T12:00:00Z')] }) }),
};
