/**
 * A content-type attribute with two values, id-data and id-ct-receipt. RFC 5652 11.1 requires
 * exactly one value. Re-signed. Receivers that read different values see different content
 * types under one signature; one that takes the first value and ignores the rest accepts it.
 */
import { oid } from '../../../core/der/encode.ts';
import { OID } from '../../../core/oids.ts';
import type { Mutation } from '../mutation.ts';
import { attribute } from '../../cms/attributes.ts';
import { aliceSignedData, replacing } from './common.ts';

export const contentTypeAttrMultiValued: Mutation = {
  id: 'invalid/signed/content-type-attr-multi-valued',
  description: 'content-type attribute with two values (id-data, id-ct-receipt), where RFC 5652 11.1 requires one, re-signed; a receiver that reads only the first value accepts it',
  stage: 'before',
  base: 'signed-data/rsa-sha256/attached',
  requirements: ['rfc5652/11.1/single-value'],
  flag: 'MissingContentTypeAttr',
  expected: 'invalid',
  apply: ({ ctx }) => ({
    bytes: aliceSignedData(ctx, { defects: { attrs: replacing(OID.contentType, attribute(OID.contentType, oid(OID.data), oid(OID.receipt))) } }),
  }),
};
