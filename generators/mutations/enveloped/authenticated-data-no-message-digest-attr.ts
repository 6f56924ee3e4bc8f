/**
 * AuthenticatedData whose authAttrs hold only content-type, no message-digest; the HMAC over the
 * remaining attributes is valid. RFC 5652 9.1, 9.2 and 11.2: with authAttrs, message-digest is
 * required, and it is what ties the MAC to the content. A receiver that verifies the MAC over the
 * attributes without requiring message-digest accepts any content.
 */
import { OID } from '../../../core/oids.ts';
import type { Mutation } from '../mutation.ts';
import { bobAuthenticated, isAttr } from './common.ts';

export const authenticatedDataNoMessageDigestAttr: Mutation = {
  id: 'invalid/enveloped/authenticated-data-no-message-digest-attr',
  description: 'AuthenticatedData authAttrs without a message-digest attribute, MAC over the attributes valid; a receiver that does not require it authenticates no content at all',
  stage: 'before',
  base: 'authenticated-data/hmac-sha256/auth-attrs',
  requirements: ['rfc5652/9.1/auth-attrs-include-message-digest', 'rfc5652/9.2/auth-attrs-content-type-and-message-digest', 'rfc5652/11.2/present-in-auth-attrs'],
  flag: 'MessageDigestMismatch',
  expected: 'invalid',
  apply: ({ ctx }) => ({ bytes: bobAuthenticated(ctx, true, { attrs: (a) => a.filter((x) => !isAttr(x, OID.messageDigest)) }) }),
};
