/**
 * multipart/signed with protocol=application/pkcs7-signature unquoted (edited after signing). "/"
 * is a MIME tspecial, so the value must be a quoted string; a strict MIME parser ends the token
 * at the slash and sees protocol=application, which a lax S/MIME receiver then never checks.
 */
import type { Mutation } from '../mutation.ts';
import { editText } from './common.ts';

export const protocolUnquoted: Mutation = {
  id: 'invalid/ess-mime/protocol-unquoted',
  description: 'multipart/signed whose protocol value application/pkcs7-signature is not quoted although it contains "/"; strict and lax MIME parsers read different protocol values',
  stage: 'after',
  base: 'smime/multipart-signed/rsa-sha256',
  requirements: ['rfc8551/3.5.3.2/protocol-quoted'],
  flag: 'MimeMismatch',
  expected: 'invalid',
  apply: ({ base }) => ({ bytes: editText(base, 'protocol="application/pkcs7-signature"', 'protocol=application/pkcs7-signature') }),
};
