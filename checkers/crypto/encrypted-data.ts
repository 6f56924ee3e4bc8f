/**
 * Crypto rules of EncryptedData (RFC 5652 8): the key is managed outside the message, so the
 * user's bare key (--kek KEY) decrypts encryptedContent directly; the content is then compared.
 */
import { where, type CheckContext } from '../context.ts';
import type { EncryptedDataView } from '../cms/encrypted-data.ts';
import { contentDecryptor } from './ciphers.ts';
import { compareContent, decryptCbcContent, keyLengthCheck } from './content.ts';
import type { ContentCryptoOptions } from './enveloped-data.ts';

export function checkEncryptedDataCrypto(ctx: CheckContext, v: EncryptedDataView, options: ContentCryptoOptions): void {
  const key = options.kek?.key;
  // RFC 5652 8: the key is managed outside the message; only a bare key (--kek KEY) applies.
  if (!key) {
    ctx.unchecked('cmsi/crypto-unverifiable', 'no content-encryption key given (--kek KEY): the content was not decrypted, so it is not checked', where(v.at));
    return;
  }
  const eci = v.encryptedContentInfo;
  const problem = keyLengthCheck(contentDecryptor(ctx.bytes, eci.contentEncryptionAlgorithm))(key);
  if (problem) {
    ctx.fail('cmsi/decryption', `the key given does not fit: ${problem}`, where(eci.contentEncryptionAlgorithm.at));
    return;
  }
  const pt = decryptCbcContent(ctx, eci, [{ key, at: v.at, via: '' }], () => 'the key given');
  if (pt && eci.encryptedContentAt) compareContent(ctx, pt, options.content, eci.encryptedContentAt);
}
