/**
 * More S/MIME form statements (RFC 8551 2.5, 3.1, 3.2.1, 3.5.3; RFC 2634 1.1.2), one each: an
 * attached signature in multipart/signed, a text entity that is not the UTF-8 it declares, a
 * bare CR line end, and (acceptable) 8-bit content, a .p7s name on signed-data, a micalg value
 * outside the table, and a signer without the attributes S/MIME signers send.
 */
import { buildSignedData } from '../../cms/signed-data.ts';
import { bytesOf, innerEntity } from '../../cases/smime-common.ts';
import { pkcs7MimeEntity } from '../../mime/entity.ts';
import type { Mutation } from '../mutation.ts';
import { editText, multipartMessage, RSA256, smimeMessage } from '../ess-mime/common.ts';
import type { CaseContext } from '../../case.ts';

const BASE = 'smime/pkcs7-mime/signed-data';

/** application/pkcs7-mime signed-data over `entity` (latin1 octets), Alice, with or without signed attributes. */
function signedOver(ctx: CaseContext, entity: Uint8Array, signedAttrs: readonly Uint8Array[] | null = []): Uint8Array {
  const alice = ctx.cast.get('alice-rsa');
  const der = buildSignedData({ content: entity, signers: [{ identity: alice, signature: RSA256, signedAttrs }], certificates: [alice.certDer] }, ctx.rnd);
  return smimeMessage(ctx, BASE, pkcs7MimeEntity(der, 'signed-data'));
}

const latin1 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'latin1'));
const BAD_UTF8 = latin1('Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nCaf\xe9 is not UTF-8 here.\r\n');
const BARE_CR = latin1('Content-Type: text/plain; charset=us-ascii\r\nContent-Transfer-Encoding: 7bit\r\n\r\nLine one\rLine two\r\n');
const GOOD_UTF8 = new Uint8Array(Buffer.from('Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nCaf\u00e9 at noon.\r\n', 'utf8'));

const m = (id: string, description: string, base: string, requirements: readonly string[], expected: 'invalid' | 'acceptable', stage: 'before' | 'after', apply: Mutation['apply']): Mutation =>
  ({ id: `invalid/catalog/${id}`, description, stage, base, requirements, flag: 'MimeMismatch', expected, apply });

export const SMIME_FORM_MUTATIONS: readonly Mutation[] = [
  m('multipart-signed-attached-signature', 'multipart/signed whose application/pkcs7-signature SignedData also carries eContent (RFC 2634 1.1.2: the multipart/signed layer is detached); a receiver that shows eContent shows what the first part may contradict', 'smime/multipart-signed/rsa-sha256',
    ['rfc2634/1.1.2/multipart-signed-econtent-absent', 'rfc8551/3.5.3.1/detached-no-econtent'], 'invalid', 'before',
    ({ ctx }) => ({ bytes: multipartMessage(ctx, 'smime/multipart-signed/rsa-sha256', innerEntity(), { attached: true }) })),
  m('pkcs7-mime-text-not-utf8', 'application/pkcs7-mime signed text entity that declares charset=utf-8 but holds a Latin-1 octet (0xE9 alone); RFC 8551 3.1.1 requires the charset canonically encoded, and receivers decode it differently', BASE,
    ['rfc8551/3.1.1/text-canonical-eol-and-charset'], 'invalid', 'before',
    ({ ctx }) => ({ bytes: signedOver(ctx, BAD_UTF8), ownContent: { name: 'smime-bad-utf8-entity.txt', bytes: BAD_UTF8 } })),
  m('pkcs7-mime-bare-cr', 'application/pkcs7-mime signed entity with a bare CR inside a line; RFC 8551 3.1.4 requires every line to end in CRLF, and receivers split such lines differently', BASE,
    ['rfc8551/3.1.4/crlf-headers-text-encoded', 'rfc8551/3.1.1/text-canonical-eol-and-charset', 'rfc8551/3.1.1/text-crlf-line-endings'], 'invalid', 'before',
    ({ ctx }) => ({ bytes: signedOver(ctx, BARE_CR), ownContent: { name: 'smime-bare-cr-entity.txt', bytes: BARE_CR } })),
  m('pkcs7-mime-8bit-text', 'application/pkcs7-mime signed text entity with 8-bit UTF-8 and Content-Transfer-Encoding: 8bit (RFC 8551 3.1.2 SHOULD: 7-bit); a gateway that re-encodes it breaks the signature', BASE,
    ['rfc8551/3.1.2/use-7bit-transfer-encoding'], 'acceptable', 'before',
    ({ ctx }) => ({ bytes: signedOver(ctx, GOOD_UTF8), ownContent: { name: 'smime-8bit-utf8-entity.txt', bytes: GOOD_UTF8 } })),
  m('pkcs7-mime-named-p7s', 'application/pkcs7-mime signed-data named smime.p7s, the extension of a detached signature (RFC 8551 3.2.1 SHOULD: .p7m)', BASE,
    ['rfc8551/3.2.1/extension-matches-content'], 'acceptable', 'after',
    ({ base }) => ({ bytes: editText(editText(base, 'name=smime.p7m', 'name=smime.p7s'), 'filename=smime.p7m', 'filename=smime.p7s') })),
  m('micalg-unknown-value', 'multipart/signed with micalg="sha-256,x-cmsi-hash": the signer\'s digest is named, but x-cmsi-hash is no micalg value of the table (RFC 8551 3.5.3.2 SHOULD)', 'smime/multipart-signed/rsa-sha256',
    ['rfc8551/3.5.3.2/micalg-from-table'], 'acceptable', 'before',
    ({ ctx }) => ({ bytes: multipartMessage(ctx, 'smime/multipart-signed/rsa-sha256', innerEntity(), { micalg: '"sha-256,x-cmsi-hash"' }) })),
  m('smime-signer-no-signed-attrs', 'application/pkcs7-mime signed-data whose signer has no signed attributes at all (legal for id-data, RFC 5652 5.3), so none of the attributes RFC 8551 2.5 asks S/MIME signers to send', BASE,
    ['rfc8551/2.5/send-message-digest', 'rfc8551/2.5/send-content-type', 'rfc8551/2.5/send-signing-time', 'rfc8551/2.5/send-smime-capabilities', 'rfc8551/2.5/send-encryption-key-preference', 'rfc8551/2.5/send-signing-certificate'], 'acceptable', 'before',
    ({ ctx }) => ({ bytes: signedOver(ctx, bytesOf(innerEntity()), null) })),
];
