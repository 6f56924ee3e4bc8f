/**
 * A signed message (one signer, eContent present) labelled smime-type=certs-only. A certs-only
 * message has no signers and no content; a receiver that trusts the label imports the
 * certificates and never verifies, or shows, the signed content.
 */
import type { Mutation } from '../mutation.ts';
import { editText } from './common.ts';

export const smimeTypeCertsOnlySigned: Mutation = {
  id: 'invalid/ess-mime/smime-type-certs-only-signed',
  description: 'A SignedData with a signer and eContent labelled smime-type=certs-only; a receiver that trusts the label treats signed content as a certificate bundle and skips verification',
  stage: 'after',
  base: 'smime/pkcs7-mime/signed-data',
  requirements: ['rfc8551/3.8/certs-only-no-signers', 'rfc8551/3.8/certs-only-no-econtent', 'rfc8551/3.2/smime-type-matches-content'],
  flag: 'MimeMismatch',
  expected: 'invalid',
  apply: ({ base }) => ({ bytes: editText(base, 'smime-type=signed-data;', 'smime-type=certs-only;') }),
};
