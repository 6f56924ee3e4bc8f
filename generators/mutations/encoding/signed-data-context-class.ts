/**
 * The SignedData SEQUENCE is tagged context-specific [16] constructed (B0) instead of universal
 * SEQUENCE (30): same tag number, other class. A decoder that compares only the tag number and
 * ignores the class bits accepts it.
 */
import { retagNode } from '../tlv-edit.ts';
import type { Mutation } from '../mutation.ts';

export const signedDataContextClass: Mutation = {
  id: 'invalid/encoding/signed-data-context-class',
  description: 'SignedData tagged [16] context-specific (B0) instead of universal SEQUENCE (30); a decoder that masks off the tag class accepts it',
  stage: 'after',
  base: 'signed-data/rsa-sha256/attached',
  requirements: ['rfc5652/5.1/signed-data-asn1-type'],
  flag: 'WrongTag',
  expected: 'invalid',
  apply: ({ base }) => ({ bytes: retagNode(base, [1, 0], 0xb0) }),
};
