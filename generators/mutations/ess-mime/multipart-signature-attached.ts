/**
 * multipart/signed whose application/pkcs7-signature part holds a SignedData with eContent (a copy
 * of the signed text), re-signed. The detached signature must have no eContent; a receiver that
 * displays the eContent shows text that need not be the first part the user sees as signed.
 */
import { innerEntity } from '../../cases/smime-common.ts';
import type { Mutation } from '../mutation.ts';
import { multipartMessage } from './common.ts';

export const multipartSignatureAttached: Mutation = {
  id: 'invalid/ess-mime/multipart-signature-attached',
  description: 'multipart/signed whose pkcs7-signature part carries eContent (an attached SignedData), re-signed; a receiver may verify or show the embedded copy instead of the first part',
  stage: 'before',
  base: 'smime/multipart-signed/rsa-sha256',
  // RFC 2634 1.1.2 step 3 states the same MUST for the signature of a multipart/signed layer
  // (as invalid/catalog/multipart-signed-attached-signature, the same bytes, names it).
  requirements: ['rfc8551/3.5.3.1/detached-no-econtent', 'rfc2634/1.1.2/multipart-signed-econtent-absent'],
  flag: 'MimeMismatch',
  expected: 'invalid',
  apply: ({ ctx }) => ({ bytes: multipartMessage(ctx, 'smime/multipart-signed/rsa-sha256', innerEntity(), { attached: true }) }),
};
