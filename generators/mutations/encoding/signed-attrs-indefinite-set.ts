/**
 * The signed attributes SET OF (the [0] IMPLICIT field, and the SET OF that was signed) has an
 * indefinite length with end-of-contents, re-signed over exactly those bytes. RFC 5652 5.3 requires
 * DER for signedAttrs even when the rest is BER; a verifier that hashes the bytes as received
 * without checking DER accepts attributes whose encoding other verifiers (which re-encode) reject.
 */
import { ber, derSort, TAG } from '../../../core/der/encode.ts';
import type { Mutation } from '../mutation.ts';
import { resign } from './common.ts';

export const signedAttrsIndefiniteSet: Mutation = {
  id: 'invalid/encoding/signed-attrs-indefinite-set',
  description: 'signedAttrs SET OF encoded with indefinite length (re-signed over those bytes); a verifier that does not require DER for signed attributes accepts it',
  stage: 'before',
  base: 'signed-data/rsa-sha256/attached',
  requirements: ['rfc5652/5.3/signed-attrs-der'],
  flag: 'IndefiniteLengthInDer',
  expected: 'invalid',
  apply: (input) => ({ bytes: resign(input, { encodeAttrs: (attrs) => ber.indefinite(TAG.SET, ...derSort(attrs)) }) }),
};
