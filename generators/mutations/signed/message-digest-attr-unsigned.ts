/**
 * A second message-digest attribute among the unsigned attributes (the signed one is intact).
 * RFC 5652 11.2 allows it only as a signed or authenticated attribute. A receiver that looks the
 * attribute up in both sets may compare the content with a digest an attacker chose.
 */
import type { Mutation } from '../mutation.ts';
import { aliceSignedData, digestAttr } from './common.ts';

export const messageDigestAttrUnsigned: Mutation = {
  id: 'invalid/signed/message-digest-attr-unsigned',
  description: 'message-digest attribute in unsignedAttrs, which RFC 5652 11.2 forbids; a receiver that looks it up in both sets compares the content with an unsigned digest',
  stage: 'before',
  base: 'signed-data/rsa-sha256/attached',
  requirements: ['rfc5652/11.2/protected-placement-only', 'rfc2634/1.3.4/table-message-digest-signed'],
  flag: 'ForbiddenAttribute',
  expected: 'invalid',
  apply: ({ ctx }) => ({ bytes: aliceSignedData(ctx, { unsignedAttrs: () => [digestAttr('sha256', ctx.content('message'))] }) }),
};
