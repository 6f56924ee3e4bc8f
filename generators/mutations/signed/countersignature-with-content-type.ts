/**
 * Erica's countersignature carries a content-type attribute (id-data) among its signed attributes.
 * A countersignature has no content, and RFC 5652 5.3 and 11.4 forbid content-type there.
 * Re-signed (the countersignature over the new attributes is valid). A receiver that treats a
 * countersignature like a signature on content may dispatch on that type.
 */
import { OID } from '../../../core/oids.ts';
import type { Mutation } from '../mutation.ts';
import { contentTypeAttr } from '../../cms/attributes.ts';
import { countersigned } from './countersignature-common.ts';

export const countersignatureWithContentType: Mutation = {
  id: 'invalid/signed/countersignature-with-content-type',
  description: 'Countersignature whose signed attributes include content-type, forbidden by RFC 5652 11.4 and 5.3, re-signed; a receiver that treats it like a signature on content accepts it',
  stage: 'before',
  base: 'signed-data/rsa-sha256/countersignature',
  requirements: ['rfc5652/11.4/no-content-type', 'rfc5652/5.3/countersignature-without-content-type', 'rfc5652/5.4/countersignature-without-content-type', 'rfc2634/1.3.4/countersignature-attribute-types'],
  flag: 'ForbiddenAttribute',
  expected: 'invalid',
  apply: ({ ctx }) => ({ bytes: countersigned(ctx, { defects: { attrs: (a) => [contentTypeAttr(OID.data), ...a] } }) }),
};
