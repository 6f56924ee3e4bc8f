/**
 * One word of the attached content changed after signing, in a SignerInfo without signed
 * attributes: the signature itself covers the content digest (RFC 5652 5.4), so it no longer
 * verifies. A receiver that skips verification when there are no signed attributes accepts it.
 */
import type { Mutation } from '../mutation.ts';
import { E_CONTENT } from './common.ts';
import { tamper } from './tampered-content.ts';

export const tamperedContentNoSignedAttrs: Mutation = {
  id: 'invalid/signed/tampered-content-no-signed-attrs',
  description: 'Attached content changed after signing in a SignerInfo without signed attributes, so the signature fails (RFC 5652 5.4); a receiver that skips verification without attributes accepts it',
  stage: 'after',
  base: 'signed-data/rsa-sha256/no-signed-attrs',
  requirements: ['rfc5652/5.4/no-signed-attrs-sign-content-digest'],
  flag: 'TamperedContent',
  expected: 'invalid',
  apply: ({ base }) => ({ bytes: tamper(base, E_CONTENT) }),
};
