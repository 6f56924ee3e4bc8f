/**
 * AuthenticatedData whose authAttrs hold only message-digest, no content-type; the HMAC over the
 * remaining attributes is valid. RFC 5652 9.1, 9.2 and 11.1: with authAttrs, content-type is
 * required. A receiver that does not insist on it authenticates content whose type the MAC does
 * not bind.
 */
import { OID } from '../../../core/oids.ts';
import type { Mutation } from '../mutation.ts';
import { bobAuthenticated, isAttr } from './common.ts';

export const authenticatedDataNoContentTypeAttr: Mutation = {
  id: 'invalid/enveloped/authenticated-data-no-content-type-attr',
  description: 'AuthenticatedData authAttrs without a content-type attribute, MAC valid; a receiver that does not require content-type accepts a content type the MAC does not bind',
  stage: 'before',
  base: 'authenticated-data/hmac-sha256/auth-attrs',
  requirements: ['rfc5652/9.1/auth-attrs-include-content-type', 'rfc5652/9.2/auth-attrs-content-type-and-message-digest', 'rfc5652/11.1/present-with-any-attrs'],
  flag: 'MissingContentTypeAttr',
  expected: 'invalid',
  apply: ({ ctx }) => ({ bytes: bobAuthenticated(ctx, true, { attrs: (a) => a.filter((x) => !isAttr(x, OID.contentType)) }) }),
};
