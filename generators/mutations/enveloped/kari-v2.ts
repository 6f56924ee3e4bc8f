/**
 * ECDH KeyAgreeRecipientInfo version 2; RFC 5652 6.2.2 and RFC 5753 3.1.1 say it is always 3.
 * The EnvelopedData stays version 2 (a RecipientInfo is not version 0 either way). A receiver
 * that does not check the kari version accepts it.
 */
import type { Mutation } from '../mutation.ts';
import { recipientInfoPath, setVersion } from './common.ts';

export const kariV2: Mutation = {
  id: 'invalid/enveloped/kari-v2',
  description: 'ECDH KeyAgreeRecipientInfo version 2 (always 3); a receiver that ignores the kari version accepts it',
  stage: 'after',
  base: 'enveloped-data/ecdh-p256/aes-128-cbc',
  requirements: ['rfc5652/6.2.2/version-3', 'rfc5753/3.1.1/ecdh-kari-version-3'],
  flag: 'WrongVersion',
  expected: 'invalid',
  apply: ({ base }) => ({ bytes: setVersion(base, [...recipientInfoPath(base), 0], 2) }),
};
