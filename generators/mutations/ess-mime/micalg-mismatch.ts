/**
 * multipart/signed announcing micalg=sha-512 over a SHA-256 signature (the header edited after
 * signing; the signature still verifies). RFC 8551 puts the match at SHOULD, so a receiver may
 * accept; one that trusts micalg for one-pass hashing computes the wrong digest and either
 * rejects a good message or, worse, hashes with the announced algorithm and skips the check.
 */
import type { Mutation } from '../mutation.ts';
import { editText } from './common.ts';

export const micalgMismatch: Mutation = {
  id: 'invalid/ess-mime/micalg-mismatch',
  description: 'multipart/signed with micalg=sha-512 while the SignerInfo digests with SHA-256; a receiver that trusts micalg for one-pass hashing digests with the wrong algorithm',
  stage: 'after',
  base: 'smime/multipart-signed/rsa-sha256',
  requirements: ['rfc8551/3.5.3.2/micalg-matches-digest'],
  flag: 'MimeMismatch',
  expected: 'acceptable',
  apply: ({ base }) => ({ bytes: editText(base, 'micalg=sha-256;', 'micalg=sha-512;') }),
};
