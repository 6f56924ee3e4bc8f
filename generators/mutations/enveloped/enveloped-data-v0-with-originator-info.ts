/**
 * EnvelopedData with originatorInfo (Alice's certificate, Carl's CRL) says version 0; RFC 5652
 * 6.1 makes it 2 once originatorInfo is present. A receiver that never compares the version with
 * the fields present accepts version numbers that claim a simpler syntax than the message has.
 */
import type { Mutation } from '../mutation.ts';
import { setVersion, VERSION } from './common.ts';

export const envelopedDataV0WithOriginatorInfo: Mutation = {
  id: 'invalid/enveloped/enveloped-data-v0-with-originator-info',
  description: 'EnvelopedData version 0 although originatorInfo is present (must be 2); a receiver that does not check the version against the fields accepts it',
  stage: 'after',
  base: 'enveloped-data/originator-info',
  requirements: ['rfc5652/6.1/version-2-otherwise'],
  flag: 'WrongVersion',
  expected: 'invalid',
  apply: ({ base }) => ({ bytes: setVersion(base, VERSION, 0) }),
};
