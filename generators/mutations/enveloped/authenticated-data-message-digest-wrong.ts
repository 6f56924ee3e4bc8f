/**
 * AuthenticatedData whose message-digest attribute is the SHA-256 of another text (RFC 4134's
 * ExContent) while eContent is the sample message; the HMAC over the attributes is valid. RFC 5652
 * 9.3: the message is authentic only if the recomputed digest equals message-digest. A receiver
 * that checks the MAC but not the digest accepts content the originator never authenticated.
 */
import { createHash } from 'node:crypto';
import { OID } from '../../../core/oids.ts';
import { messageDigestAttr } from '../../cms/attributes.ts';
import type { Mutation } from '../mutation.ts';
import { bobAuthenticated, isAttr } from './common.ts';

export const authenticatedDataMessageDigestWrong: Mutation = {
  id: 'invalid/enveloped/authenticated-data-message-digest-wrong',
  description: 'AuthenticatedData message-digest attribute holds the digest of other content, MAC over the attributes valid; a receiver that checks the MAC but not the digest accepts it',
  stage: 'before',
  base: 'authenticated-data/hmac-sha256/auth-attrs',
  requirements: ['rfc5652/9.3/message-digest-attribute-matches', 'rfc5652/9.2/auth-digest-econtent-value-octets'],
  flag: 'MessageDigestMismatch',
  expected: 'invalid',
  apply: ({ ctx }) => {
    const other = messageDigestAttr(new Uint8Array(createHash('sha256').update(ctx.content('ex-content')).digest()));
    return { bytes: bobAuthenticated(ctx, true, { attrs: (a) => a.map((x) => (isAttr(x, OID.messageDigest) ? other : x)) }) };
  },
};
