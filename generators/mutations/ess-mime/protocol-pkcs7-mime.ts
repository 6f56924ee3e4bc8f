/**
 * multipart/signed whose protocol parameter says application/pkcs7-mime while the second part is
 * an application/pkcs7-signature (edited after signing). A receiver that does not compare the
 * protocol with what it verifies lets the announced and the actual signature types differ.
 */
import type { Mutation } from '../mutation.ts';
import { editText } from './common.ts';

export const protocolPkcs7Mime: Mutation = {
  id: 'invalid/ess-mime/protocol-pkcs7-mime',
  description: 'multipart/signed with protocol="application/pkcs7-mime" instead of application/pkcs7-signature; a receiver that ignores protocol verifies a signature type other than the one announced',
  stage: 'after',
  base: 'smime/multipart-signed/rsa-sha256',
  requirements: ['rfc8551/3.5.3.2/protocol-is-pkcs7-signature'],
  flag: 'MimeMismatch',
  expected: 'invalid',
  apply: ({ base }) => ({ bytes: editText(base, 'protocol="application/pkcs7-signature"', 'protocol="application/pkcs7-mime"') }),
};
