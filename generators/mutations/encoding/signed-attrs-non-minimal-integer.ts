/**
 * The ESSSecurityLabel classification INTEGER inside the signed attributes has a redundant
 * leading zero octet (02 02 00 nn), re-signed. X.690 8.3.2 forbids it (first nine bits all zero)
 * and RFC 5652 5.3 requires DER for signedAttrs; a decoder that reads integers leniently gives the
 * same value for several encodings, so the signed bytes are malleable.
 */
import { concat } from '../../../core/der/encode.ts';
import { OID } from '../../../core/oids.ts';
import { findPath, nodeAt, replaceContent } from '../tlv-edit.ts';
import type { Mutation } from '../mutation.ts';
import { isAttr, resign } from './common.ts';

function padInteger(attr: Uint8Array): Uint8Array {
  const path = findPath(attr, (n) => n.cls === 'universal' && n.tag === 2);
  const n = nodeAt(attr, path);
  return replaceContent(attr, path, concat(Uint8Array.of(0), attr.subarray(n.contentOffset, n.contentOffset + n.length)));
}

export const signedAttrsNonMinimalInteger: Mutation = {
  id: 'invalid/encoding/signed-attrs-non-minimal-integer',
  description: 'security-label classification INTEGER in signedAttrs written with a leading 00 octet (not DER, re-signed); a verifier that decodes integers leniently inside signed attributes accepts it',
  stage: 'before',
  base: 'ess/security-label/pstring',
  requirements: ['rfc5652/5.3/signed-attrs-der'],
  flag: 'BerInSignedAttrs',
  expected: 'invalid',
  apply: (input) => ({
    bytes: resign(input, { attrs: (attrs) => attrs.map((a) => (isAttr(a, OID.securityLabel) ? padInteger(a) : a)) }),
  }),
};
