/**
 * The eContent field is tagged [1] instead of [0] EXPLICIT. A decoder that takes "whatever
 * follows eContentType" as the content without checking the tag accepts a SignedData that does
 * not match the RFC 5652 5.2 ASN.1.
 */
import { retagNode } from '../tlv-edit.ts';
import type { Mutation } from '../mutation.ts';

export const econtentTag1: Mutation = {
  id: 'invalid/encoding/econtent-tag-1',
  description: 'eContent tagged [1] (A1) instead of [0] EXPLICIT; a decoder that does not check the context tag of eContent accepts it',
  stage: 'after',
  base: 'signed-data/rsa-sha256/attached',
  requirements: ['rfc5652/5.1/signed-data-asn1-type'],
  flag: 'WrongTag',
  expected: 'invalid',
  apply: ({ base }) => ({ bytes: retagNode(base, [1, 0, 2, 1], 0xa1) }),
};
