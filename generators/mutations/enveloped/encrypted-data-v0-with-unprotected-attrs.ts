/**
 * EncryptedData with unprotectedAttrs (a contentHints attribute) says version 0; RFC 5652 8
 * requires 2 when unprotectedAttrs is present. A receiver that does not check the version accepts
 * it, and one that trusts version 0 to mean "no attributes" may skip fields it then misparses.
 */
import type { Mutation } from '../mutation.ts';
import { setVersion, VERSION } from './common.ts';

export const encryptedDataV0WithUnprotectedAttrs: Mutation = {
  id: 'invalid/enveloped/encrypted-data-v0-with-unprotected-attrs',
  description: 'EncryptedData version 0 although unprotectedAttrs is present (must be 2); a receiver that does not check the version accepts it',
  stage: 'after',
  base: 'encrypted-data/aes-256-cbc/unprotected-attrs',
  requirements: ['rfc5652/8/version-2-with-unprotected-attrs'],
  flag: 'WrongVersion',
  expected: 'invalid',
  apply: ({ base }) => ({ bytes: setVersion(base, VERSION, 0) }),
};
