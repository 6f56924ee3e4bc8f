/**
 * multipart/signed whose text part separates two lines with a bare CR (no LF), and the signature
 * covers exactly those bytes. The signature verifies, but the signed entity is not canonical text:
 * gateways rewrite bare CRs, and a receiver that does not reject them accepts an entity that
 * displays differently from what another agent verifies.
 */
import type { Mutation } from '../mutation.ts';
import { multipartMessage } from './common.ts';

const BARE_CR_TEXT = ['This is the cms-interop S/MIME sample.\rIt is a text/plain entity in canonical form: CRLF line ends, 7bit.', ''].join('\r\n');

export const signedPartBareCr: Mutation = {
  id: 'invalid/ess-mime/signed-part-bare-cr',
  description: 'multipart/signed text part with a bare CR line break, signed as is; the signature verifies but the entity is not canonical CRLF text, and agents render or re-canonicalize it differently',
  stage: 'before',
  base: 'smime/multipart-signed/rsa-sha256',
  requirements: ['rfc8551/3.1.1/text-crlf-line-endings', 'rfc8551/3.1.1/text-canonical-eol-and-charset', 'rfc8551/3.1.4/crlf-headers-text-encoded'],
  flag: 'MimeMismatch',
  expected: 'invalid',
  apply: ({ ctx }) => {
    const part = ['Content-Type: text/plain; charset=us-ascii', 'Content-Transfer-Encoding: 7bit', '', BARE_CR_TEXT].join('\r\n');
    return { bytes: multipartMessage(ctx, 'smime/multipart-signed/rsa-sha256', part), ownContent: { name: 'smime-inner-entity-bare-cr.txt', bytes: new TextEncoder().encode(part) } };
  },
};
