/**
 * The message-digest value is a constructed OCTET STRING (two definite-length segments of 16
 * octets), re-signed. BER allows constructed strings; DER does not (X.690 10.2), and RFC 5652 5.3
 * requires DER for signedAttrs. A verifier that joins the segments and compares the digest
 * without checking DER accepts it.
 */
import { octets, oid, seq, setOf, tlv } from '../../../core/der/encode.ts';
import { readDer } from '../../../core/der/reader.ts';
import { OID } from '../../../core/oids.ts';
import type { Mutation } from '../mutation.ts';
import { isAttr, resign } from './common.ts';

function constructedDigest(attr: Uint8Array): Uint8Array {
  const value = readDer(attr).root!.children[1]!.children[0]!;
  const digest = attr.subarray(value.contentOffset, value.contentOffset + value.length);
  const half = digest.length >> 1;
  return seq(oid(OID.messageDigest), setOf(tlv(0x24, octets(digest.subarray(0, half)), octets(digest.subarray(half)))));
}

export const signedAttrsConstructedMessageDigest: Mutation = {
  id: 'invalid/encoding/signed-attrs-constructed-message-digest',
  description: 'message-digest attribute value is a constructed OCTET STRING of two segments (BER, re-signed); a verifier that joins segments inside signed attributes instead of requiring DER accepts it',
  stage: 'before',
  base: 'signed-data/rsa-sha256/attached',
  requirements: ['rfc5652/5.3/signed-attrs-der'],
  flag: 'BerInSignedAttrs',
  expected: 'invalid',
  apply: (input) => ({
    bytes: resign(input, { attrs: (attrs) => attrs.map((a) => (isAttr(a, OID.messageDigest) ? constructedDigest(a) : a)) }),
  }),
};
