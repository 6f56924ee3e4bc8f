/**
 * multipart/signed without the micalg parameter (edited after signing). micalg is required; a
 * one-pass receiver without it cannot know the digest while reading the first part.
 */
import type { Mutation } from '../mutation.ts';
import { editText } from './common.ts';

export const multipartSignedNoMicalg: Mutation = {
  id: 'invalid/ess-mime/multipart-signed-no-micalg',
  description: 'multipart/signed without the required micalg parameter; a receiver that accepts it does not check the parameters RFC 8551 requires of the sender',
  stage: 'after',
  base: 'smime/multipart-signed/rsa-sha256',
  requirements: ['rfc8551/3.5.3.2/protocol-and-micalg-present'],
  flag: 'MimeMismatch',
  expected: 'invalid',
  apply: ({ base }) => ({ bytes: editText(base, ' micalg=sha-256;', '') }),
};
