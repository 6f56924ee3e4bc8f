/**
 * The eContentType is tagged RELATIVE-OID (0D) instead of OBJECT IDENTIFIER (06), with the same
 * content octets. A decoder that reads the OID content octets without checking the tag accepts
 * a value of another type as the content type.
 */
import { retagNode } from '../tlv-edit.ts';
import type { Mutation } from '../mutation.ts';

export const econtentTypeRelativeOid: Mutation = {
  id: 'invalid/encoding/econtent-type-relative-oid',
  description: 'eContentType tagged RELATIVE-OID (0D) instead of OBJECT IDENTIFIER (06), same content octets; a decoder that ignores the tag of the OID accepts it',
  stage: 'after',
  base: 'signed-data/rsa-sha256/attached',
  requirements: ['rfc5652/5.1/signed-data-asn1-type'],
  flag: 'WrongTag',
  expected: 'invalid',
  apply: ({ base }) => ({ bytes: retagNode(base, [1, 0, 2, 0], 0x0d) }),
};
