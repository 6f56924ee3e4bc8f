/**
 * multipart/signed whose signer hashed the local LF form of the text entity instead of the
 * canonical CRLF form; the part is sent in that LF form. Canonicalizing (as every receiver must
 * before verifying) cannot reproduce the signed bytes, so the signature fails everywhere except
 * in a receiver that verifies the raw transport bytes - which would then also accept any
 * transport-mangled copy.
 */
import { INNER_TEXT } from '../../cases/smime-common.ts';
import type { Mutation } from '../mutation.ts';
import { multipartMessage } from './common.ts';

const LF_ENTITY = ['Content-Type: text/plain; charset=us-ascii', 'Content-Transfer-Encoding: 7bit', '', INNER_TEXT.replace(/\r\n/g, '\n')].join('\n');

export const signedPartLfForm: Mutation = {
  id: 'invalid/ess-mime/signed-part-lf-form',
  description: 'multipart/signed whose signature covers the LF (non-canonical) form of the text part; canonicalization cannot restore the signed bytes, and a receiver that verifies raw bytes accepts non-canonical signing (RFC 5652 5.6: message-digest differs from the digest of the canonical part)',
  stage: 'before',
  base: 'smime/multipart-signed/rsa-sha256',
  // RFC 5652 5.6 is the same defect seen by the verifier: the content signed is the canonical
  // (CRLF) entity, and the message-digest holds the digest of the LF form, so they differ.
  requirements: ['rfc8551/3.1.1/canonical-before-signing', 'rfc8551/3.1.1/text-crlf-line-endings', 'rfc5652/5.6/message-digest-attribute-matches'],
  flag: 'MimeMismatch',
  expected: 'invalid',
  apply: ({ ctx }) => ({ bytes: multipartMessage(ctx, 'smime/multipart-signed/rsa-sha256', LF_ENTITY) }),
};
