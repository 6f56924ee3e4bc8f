/**
 * application/pkcs7-mime signed-data whose encapsulated text entity uses bare LF line ends, signed
 * as is. Encapsulated content travels inside the CMS, so no transport fixes it: a receiver that
 * does not insist on canonical CRLF text hands the user an entity other agents canonicalize, and
 * hash, differently.
 */
import { buildSignedData } from '../../cms/signed-data.ts';
import { pkcs7MimeEntity } from '../../mime/entity.ts';
import { bytesOf, INNER_TEXT } from '../../cases/smime-common.ts';
import type { Mutation } from '../mutation.ts';
import { RSA256, smimeMessage } from './common.ts';

const LF_ENTITY = ['Content-Type: text/plain; charset=us-ascii', 'Content-Transfer-Encoding: 7bit', '', INNER_TEXT.replace(/\r\n/g, '\n')].join('\n');

export const pkcs7MimeLfContent: Mutation = {
  id: 'invalid/ess-mime/pkcs7-mime-lf-content',
  description: 'application/pkcs7-mime signed-data whose eContent is a text entity with bare LF line ends, signed as is; a receiver that does not require canonical CRLF text accepts a non-canonical signed entity',
  stage: 'before',
  base: 'smime/pkcs7-mime/signed-data',
  requirements: ['rfc8551/3.1.1/text-crlf-line-endings', 'rfc8551/3.1.1/canonical-before-signing', 'rfc8551/3.1.1/text-canonical-eol-and-charset', 'rfc8551/3.1.4/crlf-headers-text-encoded'],
  flag: 'MimeMismatch',
  expected: 'invalid',
  apply: ({ ctx }) => {
    const alice = ctx.cast.get('alice-rsa');
    const der = buildSignedData({ content: bytesOf(LF_ENTITY), signers: [{ identity: alice, signature: RSA256, signedAttrs: [] }], certificates: [alice.certDer] }, ctx.rnd);
    return {
      bytes: smimeMessage(ctx, 'smime/pkcs7-mime/signed-data', pkcs7MimeEntity(der, 'signed-data')),
      ownContent: { name: 'smime-inner-entity-lf.txt', bytes: bytesOf(LF_ENTITY) },
    };
  },
};
