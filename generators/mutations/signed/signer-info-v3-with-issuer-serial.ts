/**
 * SignerInfo version 3 that identifies its signer by issuerAndSerialNumber; RFC 5652 5.3 requires
 * version 1 with that choice. SignedData is version 3, as 5.1 requires with a version 3
 * SignerInfo, so the SignerInfo version is the only defect. A receiver that never compares
 * version and sid form accepts it.
 */
import type { Mutation } from '../mutation.ts';
import { aliceSignedData } from './common.ts';

export const signerInfoV3WithIssuerSerial: Mutation = {
  id: 'invalid/signed/signer-info-v3-with-issuer-serial',
  description: 'SignerInfo version 3 with an issuerAndSerialNumber sid, where RFC 5652 5.3 requires version 1; a receiver that never compares version and sid form accepts it',
  stage: 'before',
  base: 'signed-data/rsa-sha256/attached',
  requirements: ['rfc5652/5.3/version-1-for-issuer-and-serial'],
  flag: 'WrongVersion',
  expected: 'invalid',
  apply: ({ ctx }) => ({ bytes: aliceSignedData(ctx, { defects: { version: 3 } }) }),
};
