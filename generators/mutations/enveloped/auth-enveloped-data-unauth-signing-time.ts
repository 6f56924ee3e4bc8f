/**
 * AuthEnvelopedData (AES-128-GCM) with an unauthAttrs [2] field holding a signing-time attribute,
 * added after encryption (unauthAttrs are outside the tag, so it still verifies). RFC 5652 11.3:
 * signing-time appears only among signed or authenticated attributes. A receiver that shows or
 * uses a time from unauthAttrs trusts a value anyone can change.
 */
import { attributesField, signingTimeAttr } from '../../cms/attributes.ts';
import { insertNode, nodeAt } from '../tlv-edit.ts';
import type { Mutation } from '../mutation.ts';
import { BODY } from './common.ts';

export const authEnvelopedDataUnauthSigningTime: Mutation = {
  id: 'invalid/enveloped/auth-enveloped-data-unauth-signing-time',
  description: 'signing-time attribute in AuthEnvelopedData unauthAttrs, tag still valid; a receiver that accepts it there trusts a time nobody authenticated',
  stage: 'after',
  base: 'auth-enveloped-data/aes-128-gcm',
  requirements: ['rfc5652/11.3/protected-placement-only'],
  flag: 'ForbiddenAttribute',
  expected: 'invalid',
  apply: ({ base }) => ({
    bytes: insertNode(base, BODY, nodeAt(base, BODY).children.length, attributesField(2, [signingTimeAttr('2026-01-15T12:00:00Z')])),
  }),
};
