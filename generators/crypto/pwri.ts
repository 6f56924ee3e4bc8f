/**
 * Password-based key management for CMS PasswordRecipientInfo (RFC 3211):
 *   - the PWRI-KEK key wrap (section 2.3.1) and unwrap with its format checks (section 2.3.2),
 *   - PBKDF2 (RFC 8018 section 5.2) as used to turn the password into the KEK (section 2.2).
 *
 * Why: neither Node nor OpenSSL exposes id-alg-PWRI-KEK as a cipher, and the padding bytes must
 * come from a seeded source (or, for the RFC's own test vectors, from fixed bytes).
 */
import { createCipheriv, createDecipheriv, pbkdf2Sync } from 'node:crypto';
import { concat } from '../../core/der/encode.ts';

/** The KEK algorithms this module wraps with (the KeyEncryptionAlgorithm inside PWRI-KEK). */
export type PwriCipher = 'aes-128-cbc' | 'aes-192-cbc' | 'aes-256-cbc' | 'des-ede3-cbc';

/** Anything that yields bytes on demand; a SeededRandom fits, so does a fixed test source. */
export interface ByteSource {
  bytes(n: number): Uint8Array;
}

const SPEC: Record<PwriCipher, { keyLen: number; blockLen: number }> = {
  'aes-128-cbc': { keyLen: 16, blockLen: 16 },
  'aes-192-cbc': { keyLen: 24, blockLen: 16 },
  'aes-256-cbc': { keyLen: 32, blockLen: 16 },
  'des-ede3-cbc': { keyLen: 24, blockLen: 8 },
};

function spec(cipher: PwriCipher, kek: Uint8Array, iv: Uint8Array): number {
  const s = SPEC[cipher];
  if (s === undefined) throw new Error(`PWRI-KEK: unsupported cipher ${String(cipher)}`);
  if (kek.length !== s.keyLen) throw new Error(`PWRI-KEK: ${cipher} KEK is ${kek.length} octets, expected ${s.keyLen}`);
  if (iv.length !== s.blockLen) throw new Error(`PWRI-KEK: ${cipher} IV is ${iv.length} octets, expected ${s.blockLen}`);
  return s.blockLen;
}

function cbc(encrypt: boolean, cipher: PwriCipher, kek: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  const c = encrypt ? createCipheriv(cipher, kek, iv) : createDecipheriv(cipher, kek, iv);
  c.setAutoPadding(false);
  return new Uint8Array(Buffer.concat([c.update(data), c.final()]));
}

/**
 * Key formatting (section 2.3.1): count || check value (complement of CEK[0..2]) || CEK ||
 * padding from `padding`, up to a multiple of the block length and at least two blocks.
 */
export function pwriFormatCek(cek: Uint8Array, blockLen: number, padding: ByteSource): Uint8Array {
  if (cek.length < 3 || cek.length > 255) throw new Error(`PWRI-KEK: CEK is ${cek.length} octets, expected 3..255`);
  const head = Uint8Array.of(cek.length, ~(cek[0] as number) & 0xff, ~(cek[1] as number) & 0xff, ~(cek[2] as number) & 0xff);
  const used = head.length + cek.length;
  const total = Math.max(2 * blockLen, Math.ceil(used / blockLen) * blockLen);
  const pad = padding.bytes(total - used);
  if (pad.length !== total - used) throw new Error(`PWRI-KEK: padding source gave ${pad.length} octets, asked ${total - used}`);
  return concat(head, cek, pad);
}

/** Key wrap (section 2.3.1): encrypt the formatted block twice in CBC, chaining the IV. */
export function pwriKeyWrap(
  cipher: PwriCipher,
  kek: Uint8Array,
  iv: Uint8Array,
  cek: Uint8Array,
  padding: ByteSource,
  /** Invalid corpus only: rewrites the formatted block (count, check value) before encryption. */
  format?: (block: Uint8Array) => Uint8Array,
): Uint8Array {
  const blockLen = spec(cipher, kek, iv);
  const block = pwriFormatCek(cek, blockLen, padding);
  const first = cbc(true, cipher, kek, iv, format ? format(block) : block);
  return cbc(true, cipher, kek, first.subarray(first.length - blockLen), first); // "without resetting the IV"
}

/**
 * Key unwrap and format verification (section 2.3.2). `expectedCekLength`, when given, is the
 * CEK size the content-encryption algorithm requires (check 1a).
 */
export function pwriKeyUnwrap(
  cipher: PwriCipher,
  kek: Uint8Array,
  iv: Uint8Array,
  wrapped: Uint8Array,
  expectedCekLength?: number,
): Uint8Array {
  const b = spec(cipher, kek, iv);
  if (wrapped.length % b !== 0 || wrapped.length < 2 * b) {
    throw new Error(`PWRI-KEK: wrapped key is ${wrapped.length} octets, expected a multiple of ${b} and at least ${2 * b}`);
  }
  const n = wrapped.length;
  // 1. Decrypt the n'th block with the n-1'th as IV: this is the last block of the inner ciphertext.
  const lastInner = cbc(false, cipher, kek, wrapped.subarray(n - 2 * b, n - b), wrapped.subarray(n - b));
  // 2. With it as IV, decrypt blocks 1 .. n-1 to strip the outer layer.
  const inner = concat(cbc(false, cipher, kek, lastInner, wrapped.subarray(0, n - b)), lastInner);
  // 3. Decrypt the inner layer with the IV from the algorithm parameters.
  const block = cbc(false, cipher, kek, iv, inner);
  const count = block[0] as number;
  if (count < 3 || count > block.length - 4) {
    throw new Error(`PWRI-KEK: CEK byte count ${count} is invalid for a ${block.length}-octet block (wrong KEK?)`);
  }
  if (expectedCekLength !== undefined && count !== expectedCekLength) {
    throw new Error(`PWRI-KEK: CEK byte count ${count}, expected ${expectedCekLength} (wrong KEK?)`);
  }
  for (let i = 0; i < 3; i++) {
    if (((block[1 + i] as number) ^ (block[4 + i] as number)) !== 0xff) {
      throw new Error('PWRI-KEK: check value is not the complement of the first three CEK octets (wrong KEK?)');
    }
  }
  return block.slice(4, 4 + count);
}

/** PBKDF2 (RFC 8018 section 5.2) via Node; the PRF is HMAC with `hash` (default HMAC-SHA1). */
export function pbkdf2(
  password: Uint8Array | string,
  salt: Uint8Array,
  iterations: number,
  keyLength: number,
  hash: 'sha1' | 'sha256' | 'sha384' | 'sha512' = 'sha1',
): Uint8Array {
  if (!Number.isInteger(iterations) || iterations < 1) throw new Error(`PBKDF2: bad iteration count ${iterations}`);
  if (!Number.isInteger(keyLength) || keyLength < 1) throw new Error(`PBKDF2: bad key length ${keyLength}`);
  return new Uint8Array(pbkdf2Sync(password, salt, iterations, keyLength, hash));
}
