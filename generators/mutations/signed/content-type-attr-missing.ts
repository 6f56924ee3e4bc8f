/**
 * Signed attributes with message-digest but no content-type. RFC 5652 5.3 and 11.1 require the
 * content-type attribute whenever signed attributes are present, so that the signature binds the
 * type of the content. Re-signed. A receiver that only looks for message-digest accepts it.
 */
import { OID } from '../../../core/oids.ts';
import type { Mutation } from '../mutation.ts';
import { aliceSignedData, without } from './common.ts';

export const contentTypeAttrMissing: Mutation = {
  id: 'invalid/signed/content-type-attr-missing',
  description: 'Signed attributes without the content-type attribute (RFC 5652 5.3, 11.1), re-signed; a receiver that checks only message-digest accepts an unbound content type',
  stage: 'before',
  base: 'signed-data/rsa-sha256/attached',
  requirements: ['rfc5652/5.3/signed-attrs-include-content-type', 'rfc5652/11.1/present-with-any-attrs'],
  flag: 'MissingContentTypeAttr',
  expected: 'invalid',
  apply: ({ ctx }) => ({ bytes: aliceSignedData(ctx, { defects: { attrs: without(OID.contentType) } }) }),
};
