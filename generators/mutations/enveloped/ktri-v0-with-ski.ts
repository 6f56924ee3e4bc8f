/**
 * KeyTransRecipientInfo version 0 with a subjectKeyIdentifier rid (RFC 5652 6.2.1: 2). The
 * EnvelopedData version is lowered to 0, as 6.1 asks when all RecipientInfos are version 0, so
 * the ktri version is the only defect. A receiver that never checks the version accepts it.
 */
import type { Mutation } from '../mutation.ts';
import { recipientInfoPath, setVersion, VERSION } from './common.ts';

export const ktriV0WithSki: Mutation = {
  id: 'invalid/enveloped/ktri-v0-with-ski',
  description: 'KeyTransRecipientInfo version 0 with a subjectKeyIdentifier rid (must be 2), EnvelopedData version 0 to match; a receiver that ignores the RecipientInfo version accepts it',
  stage: 'after',
  base: 'enveloped-data/rsa-pkcs1/sid-ski',
  requirements: ['rfc5652/6.2.1/version-2-for-subject-key-id'],
  flag: 'WrongVersion',
  expected: 'invalid',
  apply: ({ base }) => {
    const ri = recipientInfoPath(base);
    return { bytes: setVersion(setVersion(base, [...ri, 0], 0), VERSION, 0) };
  },
};
