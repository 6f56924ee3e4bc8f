/**
 * KEKRecipientInfo version 2; RFC 5652 6.2.3 says it is always 4. The EnvelopedData stays
 * version 2. A receiver that does not check the kekri version accepts it.
 */
import type { Mutation } from '../mutation.ts';
import { recipientInfoPath, setVersion } from './common.ts';

export const kekriV2: Mutation = {
  id: 'invalid/enveloped/kekri-v2',
  description: 'KEKRecipientInfo version 2 (always 4); a receiver that ignores the kekri version accepts it',
  stage: 'after',
  base: 'enveloped-data/kek-aes/aes-128-cbc',
  requirements: ['rfc5652/6.2.3/version-4'],
  flag: 'WrongVersion',
  expected: 'invalid',
  apply: ({ base }) => ({ bytes: setVersion(base, [...recipientInfoPath(base), 0], 2) }),
};
