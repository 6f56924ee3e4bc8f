/**
 * EnvelopedData version 2 with no originatorInfo, no unprotectedAttrs and one version 0
 * KeyTransRecipientInfo; RFC 5652 6.1 requires 0 for exactly this case. A receiver that does not
 * check the version accepts a number that does not follow from the contents.
 */
import type { Mutation } from '../mutation.ts';
import { setVersion, VERSION } from './common.ts';

export const envelopedDataV2Plain: Mutation = {
  id: 'invalid/enveloped/enveloped-data-v2-plain',
  description: 'EnvelopedData version 2 with only a version 0 ktri and no originatorInfo or unprotectedAttrs (must be 0); a receiver that does not check the version accepts it',
  stage: 'after',
  base: 'enveloped-data/rsa-pkcs1/aes-128-cbc',
  requirements: ['rfc5652/6.1/version-0-when-plain'],
  flag: 'WrongVersion',
  expected: 'invalid',
  apply: ({ base }) => ({ bytes: setVersion(base, VERSION, 2) }),
};
