/**
 * SignedData version 1 over a DigestedData (eContentType id-digestedData). RFC 5652 5.1 requires
 * version 3 whenever eContentType is not id-data. Re-signed, with content-type naming
 * id-digestedData; only the version is wrong. A receiver that ignores the version accepts it.
 */
import { OID } from '../../../core/oids.ts';
import type { Mutation } from '../mutation.ts';
import { aliceSignedData, digestedDataContent } from './common.ts';

export const signedDataV1NonDataContent: Mutation = {
  id: 'invalid/signed/signed-data-v1-non-data-content',
  description: 'SignedData version 1 whose eContentType is id-digestedData, where RFC 5652 5.1 requires 3; a receiver that ignores the version accepts it',
  stage: 'before',
  base: 'signed-data/rsa-sha256/attached',
  requirements: ['rfc5652/5.1/version-3-when-v1-attr-certs-v3-signers-or-non-data'],
  flag: 'WrongVersion',
  expected: 'invalid',
  apply: ({ ctx }) => {
    const content = digestedDataContent(ctx);
    return {
      bytes: aliceSignedData(ctx, {}, { content, eContentType: OID.digestedData, defects: { version: 1 } }),
      ownContent: { name: 'signed-digested-data.der', bytes: content },
    };
  },
};
