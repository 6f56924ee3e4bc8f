/**
 * An encapsulated SignedData (eContent present) sent as application/pkcs7-signature, the type of
 * a detached signature, instead of application/pkcs7-mime. That type always carries a SignedData
 * without eContent; a receiver that opens it anyway shows content outside the multipart/signed
 * structure in which such a part is defined.
 */
import type { Mutation } from '../mutation.ts';
import { editText } from './common.ts';

export const pkcs7SignatureAsMime: Mutation = {
  id: 'invalid/ess-mime/pkcs7-signature-as-mime',
  description: 'Encapsulated SignedData sent as application/pkcs7-signature (smime.p7s) instead of application/pkcs7-mime; a receiver that accepts it ignores that this type must carry no eContent',
  stage: 'after',
  base: 'smime/pkcs7-mime/signed-data',
  requirements: ['rfc8551/3.5.3.1/detached-no-econtent', 'rfc8551/3.2.1/process-by-media-type'],
  flag: 'MimeMismatch',
  expected: 'invalid',
  apply: ({ base }) => ({
    bytes: editText(base, 'Content-Type: application/pkcs7-mime; smime-type=signed-data; name=smime.p7m', 'Content-Type: application/pkcs7-signature; name=smime.p7s'),
  }),
};
