/**
 * Symmetric key wrap algorithms used by CMS KEKRecipientInfo and KeyAgreeRecipientInfo:
 *   - AES Key Wrap (RFC 3394 section 2.2, default IV A6A6A6A6A6A6A6A6; RFC 3565 in CMS),
 *   - CMS Triple-DES Key Wrap (RFC 3217 section 3.1, referenced by RFC 3370 section 4.3.1),
 *   - CMS RC2 Key Wrap (RFC 3217 section 4, RFC 3370 section 4.3.2), only for RFC 4134 5.2.
 *
 * Why: AES wrap is a thin wrapper over Node's 'id-aesNNN-wrap' ciphers with precise errors. The
 * Triple-DES wrap needs a random IV, which OpenSSL draws from its own RNG; it is built here from
 * 3DES-CBC so the IV comes from a SeededRandom and the output is reproducible.
 */
import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';
import { concat } from '../../core/der/encode.ts';
import type { SeededRandom } from '../random.ts';
import { rc2DecryptBlock, rc2EncryptBlock, rc2ExpandKey } from './rc2.ts';

const AES_WRAP_IV = Buffer.from('a6a6a6a6a6a6a6a6', 'hex'); // RFC 3394 section 2.2.3.1
const TDES_WRAP_IV = Buffer.from('4adda22c79e82105', 'hex'); // RFC 3217 section 3.1 step 8

function aesWrapCipher(kek: Uint8Array): 'id-aes128-wrap' | 'id-aes192-wrap' | 'id-aes256-wrap' {
  switch (kek.length) {
    case 16:
      return 'id-aes128-wrap';
    case 24:
      return 'id-aes192-wrap';
    case 32:
      return 'id-aes256-wrap';
    default:
      throw new Error(`AES key wrap: KEK is ${kek.length} octets, expected 16, 24 or 32`);
  }
}

/** RFC 3394 wrap: key data of n >= 2 64-bit blocks -> n + 1 blocks. */
export function aesKeyWrap(kek: Uint8Array, key: Uint8Array): Uint8Array {
  const name = aesWrapCipher(kek);
  if (key.length < 16 || key.length % 8 !== 0) {
    throw new Error(`AES key wrap: key data is ${key.length} octets, expected a multiple of 8 and at least 16`);
  }
  const c = createCipheriv(name, kek, AES_WRAP_IV);
  return new Uint8Array(Buffer.concat([c.update(key), c.final()]));
}

/** RFC 3394 unwrap; throws if the integrity check (IV A6A6...) fails. */
export function aesKeyUnwrap(kek: Uint8Array, wrapped: Uint8Array): Uint8Array {
  const name = aesWrapCipher(kek);
  if (wrapped.length < 24 || wrapped.length % 8 !== 0) {
    throw new Error(`AES key unwrap: wrapped key is ${wrapped.length} octets, expected a multiple of 8 and at least 24`);
  }
  const d = createDecipheriv(name, kek, AES_WRAP_IV);
  try {
    return new Uint8Array(Buffer.concat([d.update(wrapped), d.final()]));
  } catch {
    throw new Error('AES key unwrap: integrity check failed (wrong KEK or corrupted wrapped key)');
  }
}

/** Sets odd parity on every octet (the DES key parity convention, FIPS 46-3). */
export function desOddParity(key: Uint8Array): Uint8Array {
  return key.map((b) => {
    let ones = 0;
    for (let v = b >> 1; v > 0; v >>= 1) ones += v & 1;
    return (b & 0xfe) | (ones % 2 === 0 ? 1 : 0);
  });
}

/** CMS key checksum (RFC 3217 section 2): the first 8 octets of SHA-1(CEK). */
export const cmsKeyChecksum = (cek: Uint8Array): Uint8Array =>
  new Uint8Array(createHash('sha1').update(cek).digest().subarray(0, 8));

function tdesCbc(encrypt: boolean, kek: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  const c = encrypt ? createCipheriv('des-ede3-cbc', kek, iv) : createDecipheriv('des-ede3-cbc', kek, iv);
  c.setAutoPadding(false);
  return new Uint8Array(Buffer.concat([c.update(data), c.final()]));
}

function checkTdesKek(kek: Uint8Array): void {
  if (kek.length !== 24) throw new Error(`Triple-DES key wrap: KEK is ${kek.length} octets, expected 24`);
}

/**
 * RFC 3217 section 3.1 wrap of a 24-octet Triple-DES CEK; the IV is rnd.bytes(8).
 * Parity is set on the CEK first (step 1) unless `adjustParity` is false, which is only for
 * building deliberately non-conforming samples.
 */
export function tripleDesKeyWrap(
  kek: Uint8Array,
  cek: Uint8Array,
  rnd: SeededRandom,
  options: { adjustParity?: boolean } = {},
): Uint8Array {
  checkTdesKek(kek);
  if (cek.length !== 24) throw new Error(`Triple-DES key wrap: CEK is ${cek.length} octets, expected 24`);
  const key = options.adjustParity === false ? Uint8Array.from(cek) : desOddParity(cek); // step 1
  const cekicv = concat(key, cmsKeyChecksum(key)); // steps 2-3
  const iv = rnd.bytes(8); // step 4
  const temp2 = concat(iv, tdesCbc(true, kek, iv, cekicv)); // steps 5-6
  const temp3 = temp2.reverse(); // step 7
  return tdesCbc(true, kek, TDES_WRAP_IV, temp3); // step 8
}

/** RFC 3217 section 3.2 unwrap; throws on a bad length or checksum. Parity is not checked. */
export function tripleDesKeyUnwrap(kek: Uint8Array, wrapped: Uint8Array): Uint8Array {
  checkTdesKek(kek);
  if (wrapped.length !== 40) {
    throw new Error(`Triple-DES key unwrap: wrapped key is ${wrapped.length} octets, expected 40`);
  }
  const temp3 = tdesCbc(false, kek, TDES_WRAP_IV, wrapped); // step 2
  const temp2 = temp3.reverse(); // step 3
  const iv = temp2.subarray(0, 8); // step 4
  const cekicv = tdesCbc(false, kek, iv, temp2.subarray(8)); // step 5
  const cek = cekicv.slice(0, 24); // step 6
  const icv = cekicv.subarray(24);
  const expected = cmsKeyChecksum(cek); // step 7
  if (!expected.every((b, i) => b === icv[i])) {
    throw new Error('Triple-DES key unwrap: CMS key checksum mismatch (wrong KEK or corrupted wrapped key)');
  }
  return cek;
}

// ---------------------------------------------------------------- RC2 key wrap (RFC 3217 section 4)

/** RC2-CBC over whole blocks, no padding (the key wrap pads by itself). */
function rc2Cbc(encrypt: boolean, K: Uint16Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(data.length);
  let prev = iv;
  for (let at = 0; at < data.length; at += 8) {
    const block = data.subarray(at, at + 8);
    if (encrypt) {
      prev = rc2EncryptBlock(K, block.map((b, i) => b ^ (prev[i] as number)));
      out.set(prev, at);
    } else {
      out.set(rc2DecryptBlock(K, block).map((b, i) => b ^ (prev[i] as number)), at);
      prev = block;
    }
  }
  return out;
}

/**
 * RFC 3217 section 4.1 wrap of an RC2 CEK (0..255 octets) under an RC2 KEK with `effectiveBits`
 * (RFC 3370 4.3.2 requires a 128-bit KEK, RC2wrapParameter 58). The random padding (step 3) and
 * the IV (step 7) come from `rnd`, in that order. Used by RFC 4134 5.2's KEKRecipientInfo.
 */
export function rc2KeyWrap(kek: Uint8Array, effectiveBits: number, cek: Uint8Array, rnd: SeededRandom): Uint8Array {
  if (cek.length > 255) throw new Error(`RC2 key wrap: CEK is ${cek.length} octets, at most 255`);
  const K = rc2ExpandKey(kek, effectiveBits);
  const lcekpad = concat(Uint8Array.of(cek.length), cek, rnd.bytes((8 - ((cek.length + 1) % 8)) % 8)); // steps 1-4
  const lcekpadicv = concat(lcekpad, cmsKeyChecksum(lcekpad)); // steps 5-6
  const iv = rnd.bytes(8); // step 7
  const temp2 = concat(iv, rc2Cbc(true, K, iv, lcekpadicv)); // steps 8-9
  return rc2Cbc(true, K, TDES_WRAP_IV, temp2.reverse()); // steps 10-11
}

/** RFC 3217 section 4.2 unwrap; throws on a bad length, checksum or length octet. */
export function rc2KeyUnwrap(kek: Uint8Array, effectiveBits: number, wrapped: Uint8Array): Uint8Array {
  if (wrapped.length <= 16 || wrapped.length % 8 !== 0) {
    throw new Error(`RC2 key unwrap: wrapped key is ${wrapped.length} octets, expected a multiple of 8 above 16`);
  }
  const K = rc2ExpandKey(kek, effectiveBits);
  const temp2 = rc2Cbc(false, K, TDES_WRAP_IV, wrapped).reverse();
  const lcekpadicv = rc2Cbc(false, K, temp2.subarray(0, 8), temp2.subarray(8));
  const lcekpad = lcekpadicv.subarray(0, lcekpadicv.length - 8);
  const icv = lcekpadicv.subarray(lcekpadicv.length - 8);
  if (!cmsKeyChecksum(lcekpad).every((b, i) => b === icv[i])) {
    throw new Error('RC2 key unwrap: CMS key checksum mismatch (wrong KEK or corrupted wrapped key)');
  }
  const length = lcekpad[0] as number;
  const pad = lcekpad.length - 1 - length;
  if (pad < 0 || pad > 7) throw new Error(`RC2 key unwrap: length octet ${length} does not fit ${lcekpad.length - 1} octets`);
  return lcekpad.slice(1, 1 + length);
}
