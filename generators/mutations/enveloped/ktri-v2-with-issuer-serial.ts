/**
 * KeyTransRecipientInfo version 2 with an issuerAndSerialNumber rid (RFC 5652 6.2.1: 0). The
 * EnvelopedData version is raised to 2 as well, which is what 6.1 asks once a RecipientInfo is
 * not version 0, so the ktri version is the only defect. A receiver that picks the rid form
 * by the tag and never looks at the version accepts it.
 */
import type { Mutation } from '../mutation.ts';
import { recipientInfoPath, setVersion, VERSION } from './common.ts';

export const ktriV2WithIssuerSerial: Mutation = {
  id: 'invalid/enveloped/ktri-v2-with-issuer-serial',
  description: 'KeyTransRecipientInfo version 2 with an issuerAndSerialNumber rid (must be 0), EnvelopedData version 2 to match; a receiver that ignores the RecipientInfo version accepts it',
  stage: 'after',
  base: 'enveloped-data/rsa-pkcs1/aes-128-cbc',
  requirements: ['rfc5652/6.2.1/version-0-for-issuer-and-serial'],
  flag: 'WrongVersion',
  expected: 'invalid',
  apply: ({ base }) => {
    const ri = recipientInfoPath(base);
    return { bytes: setVersion(setVersion(base, [...ri, 0], 2), VERSION, 2) };
  },
};
