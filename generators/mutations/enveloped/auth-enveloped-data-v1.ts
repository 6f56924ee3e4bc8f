/**
 * AuthEnvelopedData version 1; RFC 5083 2.1 fixes it at 0. The version is not part of the GCM
 * additional data, so the tag still verifies. A receiver that does not check the version accepts
 * a syntax version that does not exist.
 */
import type { Mutation } from '../mutation.ts';
import { setVersion, VERSION } from './common.ts';

export const authEnvelopedDataV1: Mutation = {
  id: 'invalid/enveloped/auth-enveloped-data-v1',
  description: 'AuthEnvelopedData version 1 (must be 0), tag still valid since the version is not authenticated; a receiver that does not check the version accepts it',
  stage: 'after',
  base: 'auth-enveloped-data/aes-128-gcm',
  requirements: ['rfc5083/2.1/version-0'],
  flag: 'WrongVersion',
  expected: 'invalid',
  apply: ({ base }) => ({ bytes: setVersion(base, VERSION, 1) }),
};
