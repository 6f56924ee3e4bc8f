/**
 * SignerInfo version 1 that identifies its signer by subjectKeyIdentifier; RFC 5652 5.3 requires
 * version 3 with that choice. Rebuilt so that SignedData takes the version 5.1 gives for a version 1
 * SignerInfo (1), leaving the SignerInfo version the only defect. A receiver that picks the sid
 * form from the tag and never checks the version accepts it.
 */
import type { Mutation } from '../mutation.ts';
import { aliceSignedData } from './common.ts';

export const signerInfoV1WithSki: Mutation = {
  id: 'invalid/signed/signer-info-v1-with-ski',
  description: 'SignerInfo version 1 with a subjectKeyIdentifier sid, where RFC 5652 5.3 requires version 3; a receiver that never compares version and sid form accepts it',
  stage: 'before',
  base: 'signed-data/rsa-sha256/sid-ski',
  requirements: ['rfc5652/5.3/version-3-for-subject-key-id'],
  flag: 'WrongVersion',
  expected: 'invalid',
  apply: ({ ctx }) => ({ bytes: aliceSignedData(ctx, { sid: 'ski', defects: { version: 1 } }) }),
};
