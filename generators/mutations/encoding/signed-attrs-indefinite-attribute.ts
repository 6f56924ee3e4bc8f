/**
 * Inside the signed attributes, the content-type Attribute SEQUENCE has an indefinite length
 * (the SET OF around it is definite), re-signed. BER nested inside signedAttrs is still not DER
 * (RFC 5652 5.3); a verifier that checks only the outer SET header misses it.
 */
import { ber, concat, TAG } from '../../../core/der/encode.ts';
import { readDer } from '../../../core/der/reader.ts';
import { OID } from '../../../core/oids.ts';
import type { Mutation } from '../mutation.ts';
import { isAttr, resign } from './common.ts';

function indefinite(encoding: Uint8Array): Uint8Array {
  const root = readDer(encoding).root!;
  return ber.indefinite(TAG.SEQUENCE, concat(...root.children.map((c) => encoding.subarray(c.offset, c.end))));
}

export const signedAttrsIndefiniteAttribute: Mutation = {
  id: 'invalid/encoding/signed-attrs-indefinite-attribute',
  description: 'The content-type Attribute inside signedAttrs has an indefinite length (re-signed); a verifier that checks DER only on the outer SET accepts BER nested in the signed attributes',
  stage: 'before',
  base: 'signed-data/rsa-sha256/attached',
  requirements: ['rfc5652/5.3/signed-attrs-der'],
  flag: 'BerInSignedAttrs',
  expected: 'invalid',
  apply: (input) => ({
    bytes: resign(input, { attrs: (attrs) => attrs.map((a) => (isAttr(a, OID.contentType) ? indefinite(a) : a)) }),
  }),
};
