/**
 * multipart/signed with two signers (RSA/SHA-256 and ECDSA P-384/SHA-384) whose micalg lists the
 * two digests separated by a space instead of a comma. RFC 8551 3.5.3.2 makes the comma a MUST;
 * a receiver splitting on commas sees one unknown algorithm and may hash with neither.
 */
import type { Mutation } from '../mutation.ts';
import { INNER_TEXT } from '../../cases/smime-common.ts';
import { textEntity } from '../../mime/entity.ts';
import { multipartMessage, RSA256 } from './common.ts';

export const micalgNotCommaSeparated: Mutation = {
  id: 'invalid/ess-mime/micalg-not-comma-separated',
  description: 'multipart/signed by two signers with different digests whose micalg is "sha-256 sha-384" (space, not comma); a receiver that parses micalg per RFC 1847 finds one unknown algorithm',
  stage: 'before',
  base: 'smime/multipart-signed/rsa-sha256',
  requirements: ['rfc8551/3.5.3.2/micalg-comma-separated'],
  flag: 'MimeMismatch',
  expected: 'invalid',
  apply: ({ ctx }) => ({
    bytes: multipartMessage(ctx, 'smime/multipart-signed/rsa-sha256', textEntity(INNER_TEXT), {
      signers: [{ id: 'alice-rsa', choice: RSA256 }, { id: 'alice-p384', choice: { kind: 'ecdsa', digest: 'sha384' } }],
      micalg: '"sha-256 sha-384"',
    }),
    signers: ['alice-rsa', 'alice-p384'],
  }),
};
