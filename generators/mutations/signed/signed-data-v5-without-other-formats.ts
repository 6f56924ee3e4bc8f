/**
 * SignedData version 5 on a message whose crls hold only an X.509 CRL and whose certificates are
 * X.509: version 5 is for "other" certificate or revocation formats (RFC 5652 5.1), so this one
 * must be version 1. A receiver that takes the version as a hint to look for other formats, or
 * ignores it, accepts it.
 */
import { int } from '../../../core/der/encode.ts';
import type { Mutation } from '../mutation.ts';
import { replaceNode } from '../tlv-edit.ts';
import { SIGNED_DATA_VERSION } from './common.ts';

export const signedDataV5WithoutOtherFormats: Mutation = {
  id: 'invalid/signed/signed-data-v5-without-other-formats',
  description: 'SignedData version 5 though it holds only X.509 certificates and an X.509 CRL, where RFC 5652 5.1 requires 1; a receiver that ignores the version accepts it',
  stage: 'after',
  base: 'signed-data/rsa-sha256/crls',
  requirements: ['rfc5652/5.1/version-1-otherwise'],
  flag: 'WrongVersion',
  expected: 'invalid',
  apply: ({ base }) => ({ bytes: replaceNode(base, SIGNED_DATA_VERSION, int(5)) }),
};
