/**
 * SignedData.signerInfos is tagged SEQUENCE (30) instead of SET (31). A decoder that treats SET OF
 * and SEQUENCE OF alike accepts it, and then may also skip the DER ordering that SET OF implies.
 */
import { retagNode } from '../tlv-edit.ts';
import type { Mutation } from '../mutation.ts';

export const signerInfosSequence: Mutation = {
  id: 'invalid/encoding/signer-infos-sequence',
  description: 'signerInfos tagged SEQUENCE (30) instead of SET OF (31); a decoder that does not distinguish SET OF from SEQUENCE OF accepts it',
  stage: 'after',
  base: 'signed-data/rsa-sha256/attached',
  requirements: ['rfc5652/5.1/signed-data-asn1-type'],
  flag: 'WrongTag',
  expected: 'invalid',
  apply: ({ base }) => ({ bytes: retagNode(base, [1, 0, 4], 0x30) }),
};
