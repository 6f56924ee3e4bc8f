/**
 * The signed content-type attribute says id-ct-receipt while eContentType is id-data. RFC 5652
 * 11.1 and 5.6 require them to be equal: this is the content-type substitution the attribute
 * exists to stop. Re-signed. A receiver that checks presence but not the value accepts it.
 */
import { OID } from '../../../core/oids.ts';
import type { Mutation } from '../mutation.ts';
import { contentTypeAttr } from '../../cms/attributes.ts';
import { aliceSignedData, replacing } from './common.ts';

export const contentTypeAttrDiffers: Mutation = {
  id: 'invalid/signed/content-type-attr-differs',
  description: 'Signed content-type id-ct-receipt over eContentType id-data (RFC 5652 11.1, 5.6), re-signed; a receiver that checks presence but not the value accepts it',
  stage: 'before',
  base: 'signed-data/rsa-sha256/attached',
  requirements: ['rfc5652/11.1/value-matches-econtent-type', 'rfc5652/5.6/content-type-attribute-matches'],
  flag: 'MissingContentTypeAttr',
  expected: 'invalid',
  apply: ({ ctx }) => ({ bytes: aliceSignedData(ctx, { defects: { attrs: replacing(OID.contentType, contentTypeAttr(OID.receipt)) } }) }),
};
