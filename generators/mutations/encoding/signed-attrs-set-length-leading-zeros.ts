/**
 * The signed attributes SET OF carries its length in three octets with leading zeros (83 00 00 nn),
 * in the stored [0] field and in the signed SET OF alike, re-signed. DER requires the shortest
 * length form (X.690 10.1) and RFC 5652 5.3 requires DER here: a verifier that tolerates it makes
 * the signed bytes malleable against verifiers that re-encode.
 */
import { concat, derSort, TAG } from '../../../core/der/encode.ts';
import type { Mutation } from '../mutation.ts';
import { longForm, resign } from './common.ts';

export const signedAttrsSetLengthLeadingZeros: Mutation = {
  id: 'invalid/encoding/signed-attrs-set-length-leading-zeros',
  description: 'signedAttrs SET OF length written as 83 00 00 nn (non-minimal, re-signed); a verifier that does not insist on DER lengths in signed attributes accepts it',
  stage: 'before',
  base: 'signed-data/rsa-sha256/attached',
  requirements: ['rfc5652/5.3/signed-attrs-der'],
  flag: 'NonMinimalLength',
  expected: 'invalid',
  apply: (input) => ({ bytes: resign(input, { encodeAttrs: (attrs) => longForm(TAG.SET, concat(...derSort(attrs)), 3) }) }),
};
