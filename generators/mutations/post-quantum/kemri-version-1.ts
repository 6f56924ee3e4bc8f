/**
 * KEMRecipientInfo version 1; RFC 9629 3: the version MUST be 0. A receiver that does not check
 * the version accepts it.
 */
import type { Mutation } from '../mutation.ts';
import { recipientInfoPath, setVersion } from '../enveloped/common.ts';

export const kemriVersion1: Mutation = {
  id: 'invalid/post-quantum/kemri-version-1',
  description: 'KEMRecipientInfo version 1 (RFC 9629 3: always 0); a receiver that ignores the version accepts it',
  stage: 'after',
  base: 'enveloped-data/ml-kem-768/aes-256-cbc',
  requirements: ['rfc9629/3/version-zero', 'rfc9936/2.1/version-zero'],
  flag: 'WrongVersion',
  expected: 'invalid',
  // [4] ori { oriType, oriValue KEMRecipientInfo { version, ... } }
  apply: ({ base }) => ({ bytes: setVersion(base, [...recipientInfoPath(base), 1, 0], 1) }),
};
