/**
 * A content-type attribute among the unsigned attributes (besides the signed one). RFC 5652 11.1
 * allows it only as a signed or authenticated attribute. A receiver that merges signed and unsigned
 * attributes lets an attacker set a content type no signature covers.
 */
import { OID } from '../../../core/oids.ts';
import type { Mutation } from '../mutation.ts';
import { contentTypeAttr } from '../../cms/attributes.ts';
import { aliceSignedData } from './common.ts';

export const contentTypeAttrUnsigned: Mutation = {
  id: 'invalid/signed/content-type-attr-unsigned',
  description: 'content-type attribute in unsignedAttrs, which RFC 5652 11.1 forbids; a receiver that merges signed and unsigned attributes acts on an unsigned content type',
  stage: 'before',
  base: 'signed-data/rsa-sha256/attached',
  requirements: ['rfc5652/11.1/protected-placement-only', 'rfc2634/1.3.4/table-content-type-signed'],
  flag: 'ForbiddenAttribute',
  expected: 'invalid',
  apply: ({ ctx }) => ({ bytes: aliceSignedData(ctx, { unsignedAttrs: () => [contentTypeAttr(OID.data)] }) }),
};
