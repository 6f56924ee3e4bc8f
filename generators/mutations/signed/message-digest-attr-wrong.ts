/**
 * The message-digest attribute holds the SHA-256 digest of another text (RFC 4134's ExContent),
 * not of the eContent; the signature over the attributes is valid. RFC 5652 5.6 makes the
 * signature valid only when the recomputed digest equals the attribute. A receiver that verifies
 * the signature but not the digest accepts content the signer never saw.
 */
import { OID } from '../../../core/oids.ts';
import type { Mutation } from '../mutation.ts';
import { aliceSignedData, digestAttr, replacing } from './common.ts';

export const messageDigestAttrWrong: Mutation = {
  id: 'invalid/signed/message-digest-attr-wrong',
  description: 'message-digest attribute holds the digest of other content, signature over the attributes valid; a receiver that verifies the signature but not the digest accepts it',
  stage: 'before',
  base: 'signed-data/rsa-sha256/attached',
  requirements: ['rfc5652/5.6/message-digest-attribute-matches', 'rfc8933/3.3/message-digest-attribute-matches'],
  flag: 'MessageDigestMismatch',
  expected: 'invalid',
  apply: ({ ctx }) => ({ bytes: aliceSignedData(ctx, { defects: { attrs: replacing(OID.messageDigest, digestAttr('sha256', ctx.content('ex-content'))) } }) }),
};
