/**
 * RC2 (RFC 2268), decryption side plus the encryption the tests need, written from the RFC:
 * key expansion with the effective key bits (section 2), the MIX/MASH rounds (sections 3-4), and
 * CBC. Node 20's OpenSSL keeps RC2 in the legacy provider, so the checker carries its own.
 */

// RFC 2268 section 2: PITABLE, a permutation of 0..255 derived from the digits of pi.
const PITABLE = Uint8Array.from(Buffer.from(
  'd978f9c419ddb5ed28e9fd794aa0d89dc67e37832b76538e624c6488448bfba2179a59f587b34f1361456d8d09817d32bd8f40eb86b77b0bf09521225c6b4e82'
  + '54d66593ce60b21c7356c014a78cf1dc1275ca1f3bbee4d1423dd430a33cb6266fbf0eda4669075727f21d9bbc944303f811c7f690ef3ee706c3d52fc8661ed7'
  + '08e8eade8052eef784aa72ac354d6a2a961ad2715a1549744b9fd05e0418a4ecc2e0416e0f51cbcc2491af50a1f47039997c3a8523b8b47afc02365b25559731'
  + '2d5dfa98e38a92ae05df2910676cbac9d300e6cfe19ea82c6316013f58e289a90d38341bab33ffb0bb480c5fb9b1cd2ec5f3db47e5a59c770aa62068fe7fc1ad',
  'hex'));

/** RFC 2268 section 2: 64 16-bit subkeys from a key of 1..128 octets and T1 effective bits. */
export function rc2ExpandKey(key: Uint8Array, effectiveBits: number): Uint16Array {
  const T = key.length;
  if (T < 1 || T > 128 || effectiveBits < 1 || effectiveBits > 1024) throw new RangeError('RC2 key of 1..128 octets and 1..1024 effective bits');
  const T8 = Math.ceil(effectiveBits / 8);
  const TM = 0xff >> (8 * T8 - effectiveBits);
  const L = new Uint8Array(128);
  L.set(key);
  for (let i = T; i < 128; i++) L[i] = PITABLE[(L[i - 1]! + L[i - T]!) & 0xff]!;
  L[128 - T8] = PITABLE[L[128 - T8]! & TM]!;
  for (let i = 127 - T8; i >= 0; i--) L[i] = PITABLE[L[i + 1]! ^ L[i + T8]!]!;
  const K = new Uint16Array(64);
  for (let i = 0; i < 64; i++) K[i] = L[2 * i]! + 256 * L[2 * i + 1]!;
  return K;
}

const S = [1, 2, 3, 5];
const rotl = (x: number, s: number) => ((x << s) | (x >>> (16 - s))) & 0xffff;
const rotr = (x: number, s: number) => ((x >>> s) | (x << (16 - s))) & 0xffff;

function words(b: Uint8Array, o: number): number[] {
  return [b[o]! | (b[o + 1]! << 8), b[o + 2]! | (b[o + 3]! << 8), b[o + 4]! | (b[o + 5]! << 8), b[o + 6]! | (b[o + 7]! << 8)];
}
function put(R: number[], out: Uint8Array, o: number): void {
  for (let i = 0; i < 4; i++) {
    out[o + 2 * i] = R[i]! & 0xff;
    out[o + 2 * i + 1] = R[i]! >>> 8;
  }
}

/** RFC 2268 section 3: 5 MIX, 1 MASH, 6 MIX, 1 MASH, 5 MIX. */
export function rc2EncryptBlock(K: Uint16Array, block: Uint8Array): Uint8Array {
  const R = words(block, 0);
  let j = 0;
  const mix = () => {
    for (let i = 0; i < 4; i++) {
      R[i] = (R[i]! + K[j]! + (R[(i + 3) % 4]! & R[(i + 2) % 4]!) + (~R[(i + 3) % 4]! & R[(i + 1) % 4]!)) & 0xffff;
      j++;
      R[i] = rotl(R[i]!, S[i]!);
    }
  };
  const mash = () => {
    for (let i = 0; i < 4; i++) R[i] = (R[i]! + K[R[(i + 3) % 4]! & 63]!) & 0xffff;
  };
  for (const [n, m] of [[5, true], [6, true], [5, false]] as const) {
    for (let r = 0; r < n; r++) mix();
    if (m) mash();
  }
  const out = new Uint8Array(8);
  put(R, out, 0);
  return out;
}

/** RFC 2268 section 4: the rounds undone in reverse order. */
export function rc2DecryptBlock(K: Uint16Array, block: Uint8Array): Uint8Array {
  const R = words(block, 0);
  let j = 63;
  const rmix = () => {
    for (let i = 3; i >= 0; i--) {
      R[i] = rotr(R[i]!, S[i]!);
      R[i] = (R[i]! - K[j]! - (R[(i + 3) % 4]! & R[(i + 2) % 4]!) - (~R[(i + 3) % 4]! & R[(i + 1) % 4]!)) & 0xffff;
      j--;
    }
  };
  const rmash = () => {
    for (let i = 3; i >= 0; i--) R[i] = (R[i]! - K[R[(i + 3) % 4]! & 63]!) & 0xffff;
  };
  for (const [n, m] of [[5, true], [6, true], [5, false]] as const) {
    for (let r = 0; r < n; r++) rmix();
    if (m) rmash();
  }
  const out = new Uint8Array(8);
  put(R, out, 0);
  return out;
}

/** RC2 in CBC mode, no padding handling: `data` is a whole number of 8-octet blocks. */
export function rc2CbcDecryptRaw(key: Uint8Array, effectiveBits: number, iv: Uint8Array, data: Uint8Array): Uint8Array {
  if (data.length % 8 !== 0 || iv.length !== 8) throw new RangeError('RC2-CBC needs whole 8-octet blocks and an 8-octet IV');
  const K = rc2ExpandKey(key, effectiveBits);
  const out = new Uint8Array(data.length);
  let prev = iv;
  for (let o = 0; o < data.length; o += 8) {
    const c = data.subarray(o, o + 8);
    const p = rc2DecryptBlock(K, c);
    for (let i = 0; i < 8; i++) out[o + i] = p[i]! ^ prev[i]!;
    prev = c;
  }
  return out;
}

export function rc2CbcEncryptRaw(key: Uint8Array, effectiveBits: number, iv: Uint8Array, data: Uint8Array): Uint8Array {
  if (data.length % 8 !== 0 || iv.length !== 8) throw new RangeError('RC2-CBC needs whole 8-octet blocks and an 8-octet IV');
  const K = rc2ExpandKey(key, effectiveBits);
  const out = new Uint8Array(data.length);
  let prev: Uint8Array = iv;
  for (let o = 0; o < data.length; o += 8) {
    const x = new Uint8Array(8);
    for (let i = 0; i < 8; i++) x[i] = data[o + i]! ^ prev[i]!;
    prev = rc2EncryptBlock(K, x);
    out.set(prev, o);
  }
  return out;
}
