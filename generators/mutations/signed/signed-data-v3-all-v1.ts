/**
 * SignedData version 3 where everything is version 1: id-data content, one issuerAndSerialNumber
 * SignerInfo, X.509 certificates only. RFC 5652 5.1 then requires version 1. A receiver that
 * accepts any version misses the consistency check that tells the syntax versions apart.
 */
import { int } from '../../../core/der/encode.ts';
import type { Mutation } from '../mutation.ts';
import { replaceNode } from '../tlv-edit.ts';
import { SIGNED_DATA_VERSION } from './common.ts';

export const signedDataV3AllV1: Mutation = {
  id: 'invalid/signed/signed-data-v3-all-v1',
  description: 'SignedData version 3 although content, signer and certificates all call for version 1 (RFC 5652 5.1); a receiver that ignores the version accepts it',
  stage: 'after',
  base: 'signed-data/rsa-sha256/attached',
  requirements: ['rfc5652/5.1/version-1-otherwise'],
  flag: 'WrongVersion',
  expected: 'invalid',
  apply: ({ base }) => ({ bytes: replaceNode(base, SIGNED_DATA_VERSION, int(3)) }),
};
