/**
 * The message-digest value inside the signed attributes is an OCTET STRING whose length 32 is
 * written in long form (04 81 20), re-signed. Valid BER, not DER: RFC 5652 5.3 requires DER for
 * signedAttrs, and a verifier that re-encodes before hashing gets other bytes than were signed.
 */
import { OID } from '../../../core/oids.ts';
import { findPath, longFormLength } from '../tlv-edit.ts';
import type { Mutation } from '../mutation.ts';
import { isAttr, resign } from './common.ts';

const longFormValue = (attr: Uint8Array): Uint8Array =>
  longFormLength(attr, findPath(attr, (n) => n.cls === 'universal' && n.tag === 4), 1);

export const signedAttrsLongFormInAttribute: Mutation = {
  id: 'invalid/encoding/signed-attrs-long-form-in-attribute',
  description: 'The message-digest OCTET STRING in signedAttrs has its length 32 in long form (81 20), re-signed; a verifier that accepts BER inside signed attributes accepts it',
  stage: 'before',
  base: 'signed-data/rsa-sha256/attached',
  requirements: ['rfc5652/5.3/signed-attrs-der'],
  flag: 'BerInSignedAttrs',
  expected: 'invalid',
  apply: (input) => ({
    bytes: resign(input, { attrs: (attrs) => attrs.map((a) => (isAttr(a, OID.messageDigest) ? longFormValue(a) : a)) }),
  }),
};
