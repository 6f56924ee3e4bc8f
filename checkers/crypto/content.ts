/**
 * Shared steps of the content crypto rules: comparing recovered content with the content the
 * user expects (--content, or the manifest's inputs.content), decrypting EncryptedContentInfo
 * with each recovered key, and the DER of an IMPLICIT attribute set re-tagged as SET OF.
 */
import { where, type CheckContext, type Located } from '../context.ts';
import { encoding } from '../cms/fields.ts';
import type { EncryptedContentInfoView } from '../cms/recipient-infos.ts';
import { bytesEqual } from './certificates.ts';
import { contentDecryptor, type ContentDecryptor } from './ciphers.ts';
import type { KeyCheck, RecoveredKey } from './recipients.ts';

export function compareContent(ctx: CheckContext, recovered: Uint8Array, expected: Uint8Array | null, at: Located): void {
  ctx.recovered.push({ content: recovered, at: where(at) });
  if (!expected) return;
  const same = bytesEqual(recovered, expected);
  ctx.check('cmsi/content-matches', same, same ? `recovered content (${recovered.length} octets) equals the expected content`
    : `recovered content (${recovered.length} octets) differs from the expected content (${expected.length} octets)${firstDifference(recovered, expected)}`, where(at));
}

function firstDifference(a: Uint8Array, b: Uint8Array): string {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return ` from octet ${i}`;
  return '';
}

/** RFC 5652 9.2, RFC 5083 2.2: the DER of authAttrs with the SET OF tag, not the IMPLICIT one. */
export function retaggedSetOf(ctx: CheckContext, l: Located): Uint8Array {
  const out = Uint8Array.from(encoding(ctx, l.node));
  out[0] = 0x31;
  return out;
}

/** Distinct recovered keys, first occurrence kept. */
export function distinctKeys(keys: readonly RecoveredKey[]): RecoveredKey[] {
  const seen = new Set<string>();
  return keys.filter((k) => {
    const h = Buffer.from(k.key).toString('hex');
    if (seen.has(h)) return false;
    seen.add(h);
    return true;
  });
}

/** The key check for a content cipher: a recovered key of the wrong length is a failure. */
export function keyLengthCheck(dec: ContentDecryptor): KeyCheck {
  return (k) => (dec.ok && dec.keyLength !== null && k.length !== dec.keyLength ? `a ${k.length}-octet key, the content cipher takes ${dec.keyLength}` : null);
}

/**
 * Decrypts a non-AEAD EncryptedContentInfo with each distinct key: one cmsi/decryption finding
 * per key on encryptedContent, worded the same for a padding failure as for any other.
 * Returns the first content recovered.
 */
export function decryptCbcContent(ctx: CheckContext, eci: EncryptedContentInfoView, keys: readonly RecoveredKey[], describe: (k: RecoveredKey) => string): Uint8Array | null {
  const dec = contentDecryptor(ctx.bytes, eci.contentEncryptionAlgorithm);
  const algAt = where(eci.contentEncryptionAlgorithm.at);
  if (!dec.ok) {
    ctx.unchecked('cmsi/crypto-unverifiable', dec.reason, algAt);
    return null;
  }
  if (dec.aead) {
    ctx.unchecked('cmsi/crypto-unverifiable', 'an AEAD content cipher outside AuthEnvelopedData has no field for its tag (RFC 5084 uses AuthEnvelopedData)', algAt);
    return null;
  }
  if (!eci.encryptedContent || !eci.encryptedContentAt) {
    ctx.unchecked('cmsi/crypto-unverifiable', 'encryptedContent is absent (supplied by other means): the content cannot be checked', where(eci.at));
    return null;
  }
  let first: Uint8Array | null = null;
  for (const k of distinctKeys(keys)) {
    const pt = dec.decrypt(k.key, eci.encryptedContent, null, new Uint8Array(0));
    const message = pt ? `encryptedContent decrypts with ${describe(k)} (${pt.length} octets)` : `encryptedContent does not decrypt with ${describe(k)}`;
    ctx.check('cmsi/decryption', !!pt, message, where(eci.encryptedContentAt));
    // RFC 5652 6.3: with a key of the right length, a block cipher's decryption can only fail on
    // the padding (or a partial block, which no padding produces), so every failure here is one
    // of 6.3. The finding carries the same text as cmsi/decryption and appears for every content
    // decryption failure alike: the report does not tell padding errors from others.
    ctx.check('rfc5652/6.3/block-padding', !!pt, message, where(eci.encryptedContentAt));
    first ??= pt;
  }
  return first;
}
