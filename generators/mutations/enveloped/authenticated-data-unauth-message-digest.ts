/**
 * AuthenticatedData with an unauthAttrs [3] field holding a second message-digest attribute (the
 * digest of the sample message), added after the MAC (unauthAttrs are outside it). RFC 5652 11.2:
 * message-digest appears only among signed or authenticated attributes. A receiver that looks up
 * message-digest in any attribute set may check the content against the unauthenticated copy.
 */
import { createHash } from 'node:crypto';
import { attributesField, messageDigestAttr } from '../../cms/attributes.ts';
import { insertNode, nodeAt } from '../tlv-edit.ts';
import type { Mutation } from '../mutation.ts';
import { BODY } from './common.ts';

export const authenticatedDataUnauthMessageDigest: Mutation = {
  id: 'invalid/enveloped/authenticated-data-unauth-message-digest',
  description: 'message-digest attribute in AuthenticatedData unauthAttrs, MAC still valid; a receiver that accepts it there may check the content against an unauthenticated digest',
  stage: 'after',
  base: 'authenticated-data/hmac-sha256/auth-attrs',
  requirements: ['rfc5652/11.2/protected-placement-only'],
  flag: 'ForbiddenAttribute',
  expected: 'invalid',
  apply: ({ base, ctx }) => {
    const md = messageDigestAttr(new Uint8Array(createHash('sha256').update(ctx.content('message')).digest()));
    return { bytes: insertNode(base, BODY, nodeAt(base, BODY).children.length, attributesField(3, [md])) };
  },
};
