/**
 * application/pkcs7-mime labelled smime-type=enveloped-data around a SignedData (the header edited
 * after signing). RFC 8551 3.2 has the match as SHOULD, so a receiver may still process it by
 * the CMS type; one that dispatches on smime-type tries to decrypt a signature, or shows a signed
 * message as if it had been encrypted.
 */
import type { Mutation } from '../mutation.ts';
import { editText } from './common.ts';

export const smimeTypeMismatch: Mutation = {
  id: 'invalid/ess-mime/smime-type-mismatch',
  description: 'application/pkcs7-mime; smime-type=enveloped-data around a SignedData; a receiver that trusts smime-type over the CMS content type mislabels a signed message as encrypted',
  stage: 'after',
  base: 'smime/pkcs7-mime/signed-data',
  requirements: ['rfc8551/3.2/smime-type-matches-content'],
  flag: 'MimeMismatch',
  expected: 'acceptable',
  apply: ({ base }) => ({ bytes: editText(base, 'smime-type=signed-data;', 'smime-type=enveloped-data;') }),
};
