/**
 * Crypto rules of AuthEnvelopedData (RFC 5083 2.2, RFC 5084 3): recover the
 * content-authenticated-encryption key, then AES-GCM/CCM-decrypt with the mac as the tag and the
 * DER authAttrs re-tagged SET OF as the AAD (empty without authAttrs); compare the content.
 */
import { where, type CheckContext } from '../context.ts';
import type { AuthEnvelopedDataView } from '../cms/auth-enveloped-data.ts';
import { contentDecryptor } from './ciphers.ts';
import { compareContent, distinctKeys, keyLengthCheck, retaggedSetOf } from './content.ts';
import type { ContentCryptoOptions } from './enveloped-data.ts';
import { recoverKeys } from './recipients.ts';

export function checkAuthEnvelopedDataCrypto(ctx: CheckContext, v: AuthEnvelopedDataView, options: ContentCryptoOptions): void {
  const eci = v.authEncryptedContentInfo;
  const dec = contentDecryptor(ctx.bytes, eci.contentEncryptionAlgorithm);
  const keys = recoverKeys(ctx, v.recipientInfos, options, keyLengthCheck(dec));
  if (!keys.length) return;
  if (!dec.ok || !dec.aead) {
    ctx.unchecked('cmsi/crypto-unverifiable', dec.ok ? `${eci.contentEncryptionAlgorithm.oid} is not an authenticated-encryption algorithm` : dec.reason, where(eci.contentEncryptionAlgorithm.at));
    return;
  }
  if (!eci.encryptedContent) {
    ctx.unchecked('cmsi/crypto-unverifiable', 'encryptedContent is absent (supplied by other means): the content cannot be checked', where(eci.at));
    return;
  }
  const aad = v.authAttrs ? retaggedSetOf(ctx, v.authAttrs.at) : new Uint8Array(0);
  let first: Uint8Array | null = null;
  for (const k of distinctKeys(keys)) {
    const pt = dec.decrypt(k.key, eci.encryptedContent, v.mac, aad);
    const from = k.at.path.replace(/\.encryptedKey$/, '');
    const message = pt ? `the mac verifies as the authentication tag over the ciphertext${v.authAttrs ? ' and authAttrs' : ''} with the key from ${from}; ${pt.length} octets of content`
      : `the mac does not verify as the authentication tag over the ciphertext${v.authAttrs ? ' and authAttrs' : ''} with the key from ${from}`;
    ctx.check('cmsi/decryption', !!pt, message, where(v.macAt));
    // RFC 5083 2: a recipient releases no content unless the tag verifies; cited on the tag.
    ctx.check('rfc5083/2/verify-before-release', !!pt, pt ? `${message}: the content may be released` : `${message}: no content may be released`, where(v.macAt));
    first ??= pt;
  }
  if (first && eci.encryptedContentAt) compareContent(ctx, first, options.content, eci.encryptedContentAt);
}
