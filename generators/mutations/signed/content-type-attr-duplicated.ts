/**
 * Two content-type attributes in one signedAttrs (both id-data). RFC 5652 11.1 forbids more than
 * one instance. Re-signed. A receiver that reads the first instance and never counts them would
 * equally accept two that disagree.
 */
import { OID } from '../../../core/oids.ts';
import type { Mutation } from '../mutation.ts';
import { contentTypeAttr } from '../../cms/attributes.ts';
import { aliceSignedData } from './common.ts';

export const contentTypeAttrDuplicated: Mutation = {
  id: 'invalid/signed/content-type-attr-duplicated',
  description: 'Two content-type attributes in the signed attributes, forbidden by RFC 5652 11.1, re-signed; a receiver that reads the first and never counts accepts it',
  stage: 'before',
  base: 'signed-data/rsa-sha256/attached',
  requirements: ['rfc5652/11.1/once-in-signed-attrs'],
  flag: 'MissingContentTypeAttr',
  expected: 'invalid',
  apply: ({ ctx }) => ({ bytes: aliceSignedData(ctx, { defects: { attrs: (a) => [contentTypeAttr(OID.data), ...a] } }) }),
};
