/**
 * SignedData version 1 although its only SignerInfo is version 3 (subjectKeyIdentifier). RFC 5652
 * 5.1 makes the version 3 as soon as any SignerInfo is version 3. The version is not signed, so
 * the edit is made on the finished message. A receiver that never compares the version with what
 * the structure holds accepts it.
 */
import { int } from '../../../core/der/encode.ts';
import type { Mutation } from '../mutation.ts';
import { replaceNode } from '../tlv-edit.ts';
import { SIGNED_DATA_VERSION } from './common.ts';

export const signedDataV1WithSkiSigner: Mutation = {
  id: 'invalid/signed/signed-data-v1-with-ski-signer',
  description: 'SignedData version 1 with a version 3 (subjectKeyIdentifier) SignerInfo, where RFC 5652 5.1 requires 3; a receiver that ignores the version accepts it',
  stage: 'after',
  base: 'signed-data/rsa-sha256/sid-ski',
  requirements: ['rfc5652/5.1/version-3-when-v1-attr-certs-v3-signers-or-non-data'],
  flag: 'WrongVersion',
  expected: 'invalid',
  apply: ({ base }) => ({ bytes: replaceNode(base, SIGNED_DATA_VERSION, int(1)) }),
};
