/**
 * multipart/signed without the protocol parameter (edited after signing). protocol is one of the
 * two required parameters; a receiver that guesses the signature type from the second part
 * accepts signatures of any protocol, PGP included, as S/MIME.
 */
import type { Mutation } from '../mutation.ts';
import { editText } from './common.ts';

export const multipartSignedNoProtocol: Mutation = {
  id: 'invalid/ess-mime/multipart-signed-no-protocol',
  description: 'multipart/signed without the required protocol parameter; a receiver that guesses the signature type from the second part does not bind the multipart to S/MIME',
  stage: 'after',
  base: 'smime/multipart-signed/rsa-sha256',
  requirements: ['rfc8551/3.5.3.2/protocol-and-micalg-present'],
  flag: 'MimeMismatch',
  expected: 'invalid',
  apply: ({ base }) => ({ bytes: editText(base, ' protocol="application/pkcs7-signature";', '') }),
};
