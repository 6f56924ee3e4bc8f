/**
 * S/MIME content statements (RFC 8551 2.4-2.5, 3.1-3.2; RFC 2634 1.1.2), one each:
 * application/pkcs7-mime signed-data that is detached or signs a non-id-data type, an
 * EnvelopedData over a non-id-data type, smime-type=signed-data around an EnvelopedData, an
 * 8-bit multipart/signed part, and (acceptable) a pkcs7-mime part without file names or with
 * names a receiver on another platform cannot use, and a signer that leaves out the attributes
 * S/MIME signers send.
 */
import type { CaseContext } from '../../case.ts';
import { buildEnvelopedData } from '../../cms/enveloped-data.ts';
import { buildSignedData } from '../../cms/signed-data.ts';
import { ktri } from '../../cases/common.ts';
import { bytesOf, innerEntity } from '../../cases/smime-common.ts';
import { pkcs7MimeEntity, textEntity } from '../../mime/entity.ts';
import type { Mutation } from '../mutation.ts';
import { editText, multipartMessage, RSA256, smimeMessage } from '../ess-mime/common.ts';

const TST_INFO = '1.2.840.113549.1.9.16.1.4';

function signedDer(ctx: CaseContext, o: { detached?: boolean; eContentType?: string } = {}): Uint8Array {
  const alice = ctx.cast.get('alice-rsa');
  return buildSignedData({ content: bytesOf(innerEntity()), ...o, signers: [{ identity: alice, signature: RSA256, signedAttrs: [] }], certificates: [alice.certDer] }, ctx.rnd);
}

const envelopedDer = (ctx: CaseContext, contentType?: string): Uint8Array =>
  buildEnvelopedData({ content: bytesOf(innerEntity()), ...(contentType ? { contentType } : {}), cipher: 'aes-128-cbc', recipients: [ktri(ctx.cast, 'bob-rsa', { padding: 'pkcs1' })] }, ctx.rnd.fork('envelope'));

const smime = (name: string, description: string, base: string, requirements: readonly string[], expected: 'invalid' | 'acceptable',
  stage: 'before' | 'after', apply: Mutation['apply']): Mutation => ({ id: `invalid/catalog/${name}`, description, stage, base, requirements, flag: 'MimeMismatch', expected, apply });

/** An 8-bit text entity (UTF-8 "é" with Content-Transfer-Encoding: 8bit), canonical CRLF. */
const EIGHT_BIT = 'Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nCaf\u00e9 at noon.\r\n';

export const SMIME_CONTENT_MUTATIONS: readonly Mutation[] = [
  smime('pkcs7-mime-signed-detached', 'application/pkcs7-mime signed-data whose SignedData leaves eContent out; only multipart/signed is detached, so a receiver that accepts it shows a signature over nothing', 'smime/pkcs7-mime/signed-data',
    ['rfc8551/2.4.1/signed-mime-in-econtent', 'rfc2634/1.1.2/pkcs7-mime-econtent-present'], 'invalid', 'before',
    ({ ctx }) => ({ bytes: smimeMessage(ctx, 'smime/pkcs7-mime/signed-data', pkcs7MimeEntity(signedDer(ctx, { detached: true }), 'signed-data')), detached: true })),
  smime('pkcs7-mime-signed-non-data', 'application/pkcs7-mime signed-data whose eContentType is id-ct-TSTInfo, not id-data; a receiver that renders it as MIME shows content typed as something else', 'smime/pkcs7-mime/signed-data',
    ['rfc8551/2.4.1/signed-econtenttype-id-data', 'rfc8551/2.4.1/inner-content-id-data', 'rfc2634/1.1.2/signed-layer-econtenttype-data'], 'invalid', 'before',
    ({ ctx }) => ({ bytes: smimeMessage(ctx, 'smime/pkcs7-mime/signed-data', pkcs7MimeEntity(signedDer(ctx, { eContentType: TST_INFO }), 'signed-data')) })),
  smime('pkcs7-mime-enveloped-non-data', 'application/pkcs7-mime enveloped-data whose encryptedContentInfo.contentType is id-ct-TSTInfo, not id-data; a receiver that renders the decrypted bytes as MIME trusts a label the sender set wrong', 'smime/pkcs7-mime/enveloped-data',
    ['rfc8551/2.4.1/enveloped-contenttype-id-data', 'rfc8551/2.4.1/inner-content-id-data', 'rfc2634/1.1.2/enveloped-content-type-data'], 'invalid', 'before',
    ({ ctx }) => ({ bytes: smimeMessage(ctx, 'smime/pkcs7-mime/enveloped-data', pkcs7MimeEntity(envelopedDer(ctx, TST_INFO), 'enveloped-data')) })),
  smime('smime-type-signed-data-enveloped', 'smime-type=signed-data around an EnvelopedData (RFC 8551 3.2 SHOULD: the label names the CMS type; the mirror of invalid/ess-mime/smime-type-mismatch); a receiver that shows "signed" for it shows a signature that is not there', 'smime/pkcs7-mime/enveloped-data',
    ['rfc8551/3.2/smime-type-matches-content'], 'acceptable', 'after',
    ({ base }) => ({ bytes: editText(base, 'smime-type=enveloped-data;', 'smime-type=signed-data;') })),
  smime('multipart-signed-8bit-part', 'multipart/signed whose signed part is 8-bit text (Content-Transfer-Encoding: 8bit); a relay that downgrades it to 7 bits breaks the signature, and a receiver that accepts it trusts a form mail does not carry intact', 'smime/multipart-signed/rsa-sha256',
    ['rfc8551/3.1.3/multipart-signed-7bit'], 'acceptable', 'before',
    ({ ctx }) => ({ bytes: multipartMessage(ctx, 'smime/multipart-signed/rsa-sha256', EIGHT_BIT), ownContent: { name: 'smime-8bit-entity.txt', bytes: bytesOf(EIGHT_BIT) } })),
  smime('pkcs7-mime-no-file-names', 'application/pkcs7-mime signed-data without a name parameter or Content-Disposition (RFC 8551 3.2.1 SHOULD); a receiver that relies on the file name cannot tell what it holds', 'smime/pkcs7-mime/signed-data',
    ['rfc8551/3.2.1/emit-name-parameter', 'rfc8551/3.2.1/emit-disposition-filename'], 'acceptable', 'after',
    ({ base }) => ({ bytes: editText(editText(base, '; name=smime.p7m', ''), 'Content-Disposition: attachment; filename=smime.p7m\r\n', '') })),
  smime('pkcs7-mime-long-file-name', 'application/pkcs7-mime signed-data named signed-message.p7m, not smime.p7m (RFC 8551 3.2.1 SHOULD: the 8.3 base "smime")', 'smime/pkcs7-mime/signed-data',
    ['rfc8551/3.2.1/filename-eight-dot-three', 'rfc8551/3.2.1/filename-base-smime'], 'acceptable', 'after',
    ({ base }) => ({ bytes: editText(editText(base, 'name=smime.p7m', 'name=signed-message.p7m'), 'filename=smime.p7m', 'filename=signed-message.p7m') })),
  smime('pkcs7-mime-no-smime-type', 'application/pkcs7-mime without an smime-type parameter (RFC 8551 3.2 SHOULD); a receiver must decode the ASN.1 to learn what it holds', 'smime/pkcs7-mime/signed-data',
    ['rfc8551/3.2/label-content-for-receiver', 'rfc8551/3.2/smime-type-present'], 'acceptable', 'after',
    ({ base }) => ({ bytes: editText(base, ' smime-type=signed-data;', '') })),
  smime('smime-text-latin1-unregistered', 'application/pkcs7-mime signed text entity in charset x-cmsi-latin (not IANA-registered; RFC 8551 3.1.1 SHOULD)', 'smime/pkcs7-mime/signed-data',
    ['rfc8551/3.1.1/registered-charset'], 'acceptable', 'before',
    ({ ctx }) => {
      const entity = textEntity('Hello from the cms-interop corpus.').replace(/charset=[^\r;]+/i, 'charset=x-cmsi-latin');
      const alice = ctx.cast.get('alice-rsa');
      const der = buildSignedData({ content: bytesOf(entity), signers: [{ identity: alice, signature: RSA256, signedAttrs: [] }], certificates: [alice.certDer] }, ctx.rnd);
      return { bytes: smimeMessage(ctx, 'smime/pkcs7-mime/signed-data', pkcs7MimeEntity(der, 'signed-data')), ownContent: { name: 'smime-unregistered-charset.txt', bytes: bytesOf(entity) } };
    }),
];
