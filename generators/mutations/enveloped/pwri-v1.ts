/**
 * PasswordRecipientInfo version 1; RFC 5652 6.2.4 and RFC 3211 1.2.1 say it is always 0. The
 * EnvelopedData stays version 3. A receiver that does not check the pwri version accepts it.
 */
import type { Mutation } from '../mutation.ts';
import { recipientInfoPath, setVersion } from './common.ts';

export const pwriV1: Mutation = {
  id: 'invalid/enveloped/pwri-v1',
  description: 'PasswordRecipientInfo version 1 (always 0); a receiver that ignores the pwri version accepts it',
  stage: 'after',
  base: 'enveloped-data/pwri/aes-128-cbc',
  requirements: ['rfc5652/6.2.4/version-0', 'rfc3211/1.2.1/pwri-version-0'],
  flag: 'WrongVersion',
  expected: 'invalid',
  apply: ({ base }) => ({ bytes: setVersion(base, [...recipientInfoPath(base), 0], 1) }),
};
