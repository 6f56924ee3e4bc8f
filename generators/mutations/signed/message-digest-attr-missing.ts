/**
 * Signed attributes with content-type but no message-digest: the signature then covers nothing
 * that depends on the content. RFC 5652 5.3 and 11.2 require message-digest whenever signed
 * attributes are present. Re-signed. A receiver that verifies the signature over the attributes
 * and skips the digest comparison when the attribute is absent accepts any content.
 */
import { OID } from '../../../core/oids.ts';
import type { Mutation } from '../mutation.ts';
import { aliceSignedData, without } from './common.ts';

export const messageDigestAttrMissing: Mutation = {
  id: 'invalid/signed/message-digest-attr-missing',
  description: 'Signed attributes without message-digest (RFC 5652 5.3, 11.2), re-signed; a receiver that skips the digest check when the attribute is absent accepts any content',
  stage: 'before',
  base: 'signed-data/rsa-sha256/attached',
  requirements: ['rfc5652/5.3/signed-attrs-include-message-digest', 'rfc5652/11.2/present-in-signed-attrs'],
  flag: 'MessageDigestMismatch',
  expected: 'invalid',
  apply: ({ ctx }) => ({ bytes: aliceSignedData(ctx, { defects: { attrs: without(OID.messageDigest) } }) }),
};
