/**
 * RC2 (RFC 2268): key expansion with effective key bits (section 2), block encryption and
 * decryption (sections 3 and 4), CBC mode with PKCS #5 padding (RFC 8018 section 6.1.1 / RFC 5652
 * section 6.3), and the RC2ParameterVersion <-> effective key bits mapping (RFC 2268 section 6,
 * RFC 3370 section 5.2, RFC 8018 appendix B.2.3).
 *
 * Why: CMS still meets RC2-CBC (RFC 3370 section 5.2, S/MIME v2 messages) but Node's OpenSSL 3
 * has RC2 only in the legacy provider, which is not loaded, so it is implemented here.
 */

const PITABLE = Uint8Array.from(Buffer.from(
  'd978f9c419ddb5ed28e9fd794aa0d89dc67e37832b76538e624c6488448bfba2179a59f587b34f1361456d8d09817d32' +
  'bd8f40eb86b77b0bf09521225c6b4e8254d66593ce60b21c7356c014a78cf1dc1275ca1f3bbee4d1423dd430a33cb626' +
  '6fbf0eda4669075727f21d9bbc944303f811c7f690ef3ee706c3d52fc8661ed708e8eade8052eef784aa72ac354d6a2a' +
  '961ad2715a1549744b9fd05e0418a4ecc2e0416e0f51cbcc2491af50a1f47039997c3a8523b8b47afc02365b25559731' +
  '2d5dfa98e38a92ae05df2910676cbac9d300e6cfe19ea82c6316013f58e289a90d38341bab33ffb0bb480c5fb9b1cd2e' +
  'c5f3db47e5a59c770aa62068fe7fc1ad', 'hex')); // RFC 2268 section 2

const VERSION_OF_BITS = Uint8Array.from(Buffer.from(
  'bd56eaf2a2f1ac2ab093d19c1b33fdd03004b6dc7ddf324bf7cb459b31bb215a419fe1d94a4d9edaa0682cc3275f8036' +
  '3eeefb951afecea834a913f0a63fd80c7824af2352c16717f56690e7e807b86048e61e53f392a4728c08156e860084fa' +
  'f47f8a4219f6dbcd148d5012ba3c064eecb33511a1888e2b9499b77174d3e4bf3ade960ebc0aed77fc376b03798962c6' +
  'd7c0d27c6a8b22a35b055d0275d561e3188f5551ad1f0b5e85e5c25763ca3d6cb4c5cc70b291590d4720c84f58e001e2' +
  '1638c46f3b0f6546be7e2d7b82f940b51d73f8eb26c787972554b128aa989da5646d7ad4108144ef49d6ae2edd765c2f' +
  'a71cc909699a83cf2939b9e94cff43ab', 'hex')); // RFC 2268 section 6 table: version = T[bits] for bits < 256

const BITS_OF_VERSION = new Uint8Array(256);
VERSION_OF_BITS.forEach((v, bits) => (BITS_OF_VERSION[v] = bits));

/** RC2ParameterVersion for an effective key size (40 -> 160, 64 -> 120, 128 -> 58, >= 256 -> itself). */
export function rc2VersionFromEffectiveBits(bits: number): number {
  if (!Number.isInteger(bits) || bits < 1) throw new Error(`RC2: bad effective key bits ${bits}`);
  return bits >= 256 ? bits : (VERSION_OF_BITS[bits] as number);
}

/** Effective key bits for an RC2ParameterVersion (inverse of rc2VersionFromEffectiveBits). */
export function rc2EffectiveBitsFromVersion(version: number): number {
  if (!Number.isInteger(version) || version < 0) throw new Error(`RC2: bad parameter version ${version}`);
  return version >= 256 ? version : (BITS_OF_VERSION[version] as number);
}

/** Key expansion (RFC 2268 section 2): 64 16-bit words K[0..63]. */
export function rc2ExpandKey(key: Uint8Array, effectiveBits: number): Uint16Array {
  if (key.length < 1 || key.length > 128) throw new Error(`RC2: key is ${key.length} octets, expected 1..128`);
  if (!Number.isInteger(effectiveBits) || effectiveBits < 1 || effectiveBits > 1024) {
    throw new Error(`RC2: effective key bits ${effectiveBits} not in 1..1024`);
  }
  const L = new Uint8Array(128);
  L.set(key);
  const T = key.length;
  const T8 = Math.ceil(effectiveBits / 8);
  const TM = 255 % 2 ** (8 + effectiveBits - 8 * T8);
  for (let i = T; i < 128; i++) L[i] = PITABLE[((L[i - 1] as number) + (L[i - T] as number)) & 0xff] as number;
  L[128 - T8] = PITABLE[(L[128 - T8] as number) & TM] as number;
  for (let i = 127 - T8; i >= 0; i--) L[i] = PITABLE[(L[i + 1] as number) ^ (L[i + T8] as number)] as number;
  const K = new Uint16Array(64);
  for (let i = 0; i < 64; i++) K[i] = (L[2 * i] as number) | ((L[2 * i + 1] as number) << 8);
  return K;
}

const rol = (x: number, s: number): number => ((x << s) | (x >>> (16 - s))) & 0xffff;
const ror = (x: number, s: number): number => ((x >>> s) | (x << (16 - s))) & 0xffff;
const SHIFT = [1, 2, 3, 5] as const;

function words(block: Uint8Array): number[] {
  if (block.length !== 8) throw new Error(`RC2: block is ${block.length} octets, expected 8`);
  return [0, 1, 2, 3].map((i) => (block[2 * i] as number) | ((block[2 * i + 1] as number) << 8));
}

function bytesOf(R: number[]): Uint8Array {
  const out = new Uint8Array(8);
  R.forEach((w, i) => {
    out[2 * i] = w & 0xff;
    out[2 * i + 1] = w >>> 8;
  });
  return out;
}

/** Encrypts one 8-octet block (section 3): 5 mixing, mash, 6 mixing, mash, 5 mixing rounds. */
export function rc2EncryptBlock(K: Uint16Array, block: Uint8Array): Uint8Array {
  const R = words(block);
  let j = 0;
  for (let round = 0; round < 16; round++) {
    for (let i = 0; i < 4; i++) {
      const r = (a: number): number => R[(i + a) & 3] as number; // r(3) = R[i-1], r(2) = R[i-2], r(1) = R[i-3]
      R[i] = rol((r(0) + (K[j++] as number) + (r(3) & r(2)) + (~r(3) & r(1))) & 0xffff, SHIFT[i] as number);
    }
    if (round === 4 || round === 10) {
      // mashing round: R[i] += K[R[i-1] & 63]
      for (let i = 0; i < 4; i++) R[i] = ((R[i] as number) + (K[(R[(i + 3) & 3] as number) & 63] as number)) & 0xffff;
    }
  }
  return bytesOf(R);
}

/** Decrypts one 8-octet block (section 4). */
export function rc2DecryptBlock(K: Uint16Array, block: Uint8Array): Uint8Array {
  const R = words(block);
  let j = 63;
  for (let round = 15; round >= 0; round--) {
    for (let i = 3; i >= 0; i--) {
      const r = (a: number): number => R[(i + a) & 3] as number;
      R[i] = (ror(r(0), SHIFT[i] as number) - (K[j--] as number) - (r(3) & r(2)) - (~r(3) & r(1))) & 0xffff;
    }
    if (round === 5 || round === 11) {
      // r-mashing round: R[i] -= K[R[i-1] & 63], i = 3 .. 0
      for (let i = 3; i >= 0; i--) R[i] = ((R[i] as number) - (K[(R[(i + 3) & 3] as number) & 63] as number)) & 0xffff;
    }
  }
  return bytesOf(R);
}

function checkIv(iv: Uint8Array): void {
  if (iv.length !== 8) throw new Error(`RC2-CBC: IV is ${iv.length} octets, expected 8`);
}

/** RC2-CBC encryption with PKCS #5 padding (1..8 octets of value n). */
export function rc2CbcEncrypt(key: Uint8Array, effectiveBits: number, iv: Uint8Array, plaintext: Uint8Array): Uint8Array {
  checkIv(iv);
  const K = rc2ExpandKey(key, effectiveBits);
  const n = 8 - (plaintext.length % 8);
  const padded = new Uint8Array(plaintext.length + n).fill(n);
  padded.set(plaintext);
  let prev = iv;
  for (let at = 0; at < padded.length; at += 8) {
    const x = padded.subarray(at, at + 8).map((b, i) => b ^ (prev[i] as number));
    prev = rc2EncryptBlock(K, x);
    padded.set(prev, at);
  }
  return padded;
}

/** RC2-CBC decryption; throws on a bad length or bad PKCS #5 padding. */
export function rc2CbcDecrypt(key: Uint8Array, effectiveBits: number, iv: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  checkIv(iv);
  if (ciphertext.length === 0 || ciphertext.length % 8 !== 0) {
    throw new Error(`RC2-CBC: ciphertext is ${ciphertext.length} octets, expected a positive multiple of 8`);
  }
  const K = rc2ExpandKey(key, effectiveBits);
  const out = new Uint8Array(ciphertext.length);
  let prev = iv;
  for (let at = 0; at < ciphertext.length; at += 8) {
    const c = ciphertext.subarray(at, at + 8);
    out.set(rc2DecryptBlock(K, c).map((b, i) => b ^ (prev[i] as number)), at);
    prev = c;
  }
  const n = out[out.length - 1] as number;
  if (n < 1 || n > 8 || out.subarray(out.length - n).some((b) => b !== n)) {
    throw new Error(`RC2-CBC: bad PKCS #5 padding (last octet 0x${n.toString(16)})`);
  }
  return out.slice(0, out.length - n);
}
