/**
 * multipart/signed by Alice whose From header (outside the signed part) says mallory@example.com:
 * RFC 8550 3, the sending agent SHOULD make From match an address of the signer certificate, and
 * the receiving agent MUST check it. A SHOULD for the sender: acceptable, with a warning.
 */
import type { Mutation } from '../mutation.ts';
import { editText } from '../ess-mime/common.ts';

export const fromMismatch: Mutation = {
  id: 'invalid/certificates/from-mismatch',
  description: 'multipart/signed by alice@example.com with From: mallory@example.com (RFC 8550 3); a receiver that never compares From with the signer certificate shows Mallory as a verified sender',
  stage: 'after',
  base: 'smime/multipart-signed/rsa-sha256',
  requirements: ['rfc8550/3/from-matches-certificate'],
  flag: 'SenderMismatch',
  expected: 'acceptable',
  apply: ({ base }) => ({ bytes: editText(base, 'From: alice@example.com', 'From: mallory@example.com') }),
};
