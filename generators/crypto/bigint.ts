/**
 * Modular arithmetic on bigints for the finite-field algorithms (DSA per FIPS 186-4 / RFC 6979,
 * X9.42 Diffie-Hellman per RFC 2631). Node exposes no raw modexp for keys it cannot parse (DHX)
 * nor a way to pick the DSA nonce, so these few operations are done here.
 *
 * Not constant time: this code builds test corpora, it does not protect secrets.
 */

/** base^exp mod m by left-to-right square-and-multiply; exp >= 0, m >= 1. */
export function modPow(base: bigint, exp: bigint, m: bigint): bigint {
  if (m < 1n) throw new Error(`modPow: modulus must be positive, got ${m}`);
  if (exp < 0n) throw new Error('modPow: negative exponent');
  if (m === 1n) return 0n;
  let b = ((base % m) + m) % m;
  let result = 1n;
  let e = exp;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % m;
    b = (b * b) % m;
    e >>= 1n;
  }
  return result;
}

/** a^-1 mod m by the extended Euclidean algorithm; throws if gcd(a, m) != 1. */
export function modInverse(a: bigint, m: bigint): bigint {
  let [oldR, r] = [((a % m) + m) % m, m];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  if (oldR !== 1n) throw new Error('modInverse: value is not invertible modulo m');
  return ((oldS % m) + m) % m;
}

/** Number of significant bits (0 for 0). */
export function bitLength(v: bigint): number {
  if (v < 0n) throw new Error('bitLength: negative value');
  return v === 0n ? 0 : v.toString(2).length;
}

/** Number of octets needed for v (at least 1). */
export const byteLength = (v: bigint): number => Math.max(1, Math.ceil(bitLength(v) / 8));
