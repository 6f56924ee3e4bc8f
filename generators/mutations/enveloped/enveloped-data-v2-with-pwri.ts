/**
 * EnvelopedData with a PasswordRecipientInfo says version 2; RFC 5652 6.1 requires 3 whenever a
 * pwri (or ori) RecipientInfo is present. A receiver that ignores the version accepts a message
 * that announces a syntax in which pwri does not exist.
 */
import type { Mutation } from '../mutation.ts';
import { setVersion, VERSION } from './common.ts';

export const envelopedDataV2WithPwri: Mutation = {
  id: 'invalid/enveloped/enveloped-data-v2-with-pwri',
  description: 'EnvelopedData version 2 although a PasswordRecipientInfo is present (must be 3); a receiver that does not check the version accepts it',
  stage: 'after',
  base: 'enveloped-data/pwri/aes-128-cbc',
  requirements: ['rfc5652/6.1/version-3-when-v2-attr-certs-pwri-or-ori'],
  flag: 'WrongVersion',
  expected: 'invalid',
  apply: ({ base }) => ({ bytes: setVersion(base, VERSION, 2) }),
};
