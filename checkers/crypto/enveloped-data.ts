/**
 * Crypto rules of EnvelopedData (RFC 5652 6.2-6.4): recover the content-encryption key from the
 * RecipientInfos the given keys open, decrypt encryptedContent with it (CBC with strict padding,
 * RC2-CBC), check the DES parity of a Triple-DES key sent by RSA, and compare the content with
 * the expected one.
 */
import { OID } from '../../core/oids.ts';
import { where, type CheckContext } from '../context.ts';
import type { EnvelopedDataView } from '../cms/enveloped-data.ts';
import { contentDecryptor, type ContentDecryptor } from './ciphers.ts';
import { compareContent, decryptCbcContent, keyLengthCheck } from './content.ts';
import { recoverKeys, type KeyConfirm, type KeyMaterialOptions, type RecoveredKey } from './recipients.ts';
import { bytesEqual } from './certificates.ts';

export interface ContentCryptoOptions extends KeyMaterialOptions {
  /** The content expected after decryption, when known. */
  readonly content: Uint8Array | null;
}

export function checkEnvelopedDataCrypto(ctx: CheckContext, v: EnvelopedDataView, options: ContentCryptoOptions): void {
  const eci = v.encryptedContentInfo;
  const dec = contentDecryptor(ctx.bytes, eci.contentEncryptionAlgorithm);
  const keys = recoverKeys(ctx, v.recipientInfos, options, keyLengthCheck(dec), contentConfirm(dec, eci.encryptedContent, options.content));
  if (!keys.length) return;
  if (eci.contentEncryptionAlgorithm.oid === OID.desEde3Cbc) checkDesParity(ctx, keys);
  const pt = decryptCbcContent(ctx, eci, keys, (k) => `the key from ${k.at.path.replace(/\.encryptedKey$/, '')}`);
  if (pt && eci.encryptedContentAt) compareContent(ctx, pt, options.content, eci.encryptedContentAt);
}

/** Whether a candidate key decrypts the content (and gives the expected content, when known). */
function contentConfirm(dec: ContentDecryptor, ciphertext: Uint8Array | null, expected: Uint8Array | null): KeyConfirm | undefined {
  if (!dec.ok || dec.aead || dec.keyLength === null || !ciphertext) return undefined;
  return {
    keyLength: dec.keyLength,
    opens: (key) => {
      const pt = dec.decrypt(key, ciphertext, null, new Uint8Array(0));
      return !!pt && (!expected || bytesEqual(pt, expected));
    },
  };
}

/** Odd parity in every octet (each DES key octet carries a parity bit in its low bit). */
const oddParity = (k: Uint8Array): boolean => k.every((b) => {
  let n = b;
  n ^= n >> 4;
  n ^= n >> 2;
  n ^= n >> 1;
  return (n & 1) === 1;
});

/** RFC 3370 4.2.1 and RFC 3560 2.2: a Triple-DES CEK sent by RSA key transport has its DES parity set. */
function checkDesParity(ctx: CheckContext, keys: readonly RecoveredKey[]): void {
  for (const k of keys) {
    const rule = k.via === OID.rsaEncryption ? 'rfc3370/4.2.1/rsa-keytrans-3des-parity' : k.via === OID.rsaesOaep ? 'rfc3560/2.2/3des-cek-parity' : null;
    if (!rule) continue;
    const ok = oddParity(k.key);
    ctx.check(rule, ok, ok ? 'the Triple-DES CEK has odd parity in every octet' : 'the Triple-DES CEK has an octet with even parity', where(k.at));
  }
}
