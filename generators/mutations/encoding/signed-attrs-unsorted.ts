/**
 * The signed attributes are not in DER SET OF order (message-digest before content-type), and the
 * signature is over that unsorted SET. RFC 5652 5.3 requires DER, whose SET OF is sorted (X.690
 * 11.6); a verifier that hashes the received bytes without checking the order accepts it, while
 * one that re-encodes (sorts) before hashing computes another digest.
 */
import { derSort, setUnsorted } from '../../../core/der/encode.ts';
import type { Mutation } from '../mutation.ts';
import { resign } from './common.ts';

export const signedAttrsUnsorted: Mutation = {
  id: 'invalid/encoding/signed-attrs-unsorted',
  description: 'signedAttrs elements in reverse DER SET OF order, signature over the unsorted SET; a verifier that does not check DER ordering of signed attributes accepts it',
  stage: 'before',
  base: 'signed-data/rsa-sha256/attached',
  requirements: ['rfc5652/5.3/signed-attrs-der'],
  flag: 'BerInSignedAttrs',
  expected: 'invalid',
  apply: (input) => ({ bytes: resign(input, { encodeAttrs: (attrs) => setUnsorted(...derSort(attrs).reverse()) }) }),
};
