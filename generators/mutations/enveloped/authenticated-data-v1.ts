/**
 * AuthenticatedData version 1 without originatorInfo; RFC 5652 9.1 gives 1 only to messages whose
 * originatorInfo carries version 2 attribute certificates, else 0. The MAC covers the attributes,
 * not the version, so it still verifies. A receiver that does not check the version accepts it.
 */
import type { Mutation } from '../mutation.ts';
import { setVersion, VERSION } from './common.ts';

export const authenticatedDataV1: Mutation = {
  id: 'invalid/enveloped/authenticated-data-v1',
  description: 'AuthenticatedData version 1 without originatorInfo (must be 0), MAC still valid; a receiver that does not check the version accepts it',
  stage: 'after',
  base: 'authenticated-data/hmac-sha256/auth-attrs',
  requirements: ['rfc5652/9.1/version-0-otherwise'],
  flag: 'WrongVersion',
  expected: 'invalid',
  apply: ({ base }) => ({ bytes: setVersion(base, VERSION, 1) }),
};
