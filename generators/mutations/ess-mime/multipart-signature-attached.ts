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
  requirements: ['rfc8551/3.5.3.1/detached-no-econtent'],
  flag: 'MimeMismatch',
  expected: 'invalid',
  apply: ({ ctx }) => ({ bytes: multipartMessage(ctx, 'smime/multipart-signed/rsa-sha256', innerEntity(), { attached: true }) }),
};
