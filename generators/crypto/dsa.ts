/**
 * Deterministic DSA (RFC 6979 section 3.2, signature per FIPS 186-4 section 4.6) on bigints.
 *
 * Why: Node's DSA signing draws k from the system RNG, so signatures differ on every run. The
 * corpus must be byte-reproducible, and RFC 6979 makes k a function of the key and the message
 * alone, so no randomness is needed at all. The signature is also returned as a DER Dss-Sig-Value
 * (RFC 3279 section 2.2.2: SEQUENCE { r INTEGER, s INTEGER }), the form CMS SignerInfo carries.
 */
import { createHmac, createHash, type KeyObject } from 'node:crypto';
import { bigintToBytes, bytesToBigint, concat, int, seq } from '../../core/der/encode.ts';
import { OID } from '../../core/oids.ts';
import { bitLength, modInverse, modPow } from './bigint.ts';
import { readPkcs8IntegerKey } from './der-read.ts';

export type DsaHash = 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';

export interface DsaDomain {
  readonly p: bigint;
  readonly q: bigint;
  readonly g: bigint;
}

export interface DsaPrivate extends DsaDomain {
  readonly x: bigint;
}

export interface DsaKeyValues extends DsaPrivate {
  readonly y: bigint;
}

export interface DsaSignature {
  readonly r: bigint;
  readonly s: bigint;
  /** The nonce that was used (exposed for known-answer tests). */
  readonly k: bigint;
  /** Dss-Sig-Value DER. */
  readonly der: Uint8Array;
}

/** RFC 6979 section 2.3.2: the leftmost qlen bits of b as an integer. */
function bits2int(b: Uint8Array, qlen: number): bigint {
  const v = bytesToBigint(b);
  const blen = b.length * 8;
  return blen > qlen ? v >> BigInt(blen - qlen) : v;
}

/**
 * The RFC 6979 section 3.2 nonce generator for message hash h1. Yields successive candidates
 * (the first one is used unless it gives r = 0 or s = 0, steps 3.2.h.3 and 3.4).
 */
export function* rfc6979Nonces(hash: DsaHash, q: bigint, x: bigint, h1: Uint8Array): Generator<bigint> {
  const qlen = bitLength(q);
  const rlen = Math.ceil(qlen / 8);
  const int2octets = (v: bigint): Uint8Array => bigintToBytes(v, rlen); // section 2.3.3
  const z1 = bits2int(h1, qlen);
  const bits2octets = int2octets(z1 >= q ? z1 - q : z1); // section 2.3.4
  const hmac = (key: Uint8Array, ...parts: Uint8Array[]): Uint8Array => {
    const m = createHmac(hash, key);
    for (const p of parts) m.update(p);
    return new Uint8Array(m.digest());
  };
  const hlen = createHash(hash).digest().length;
  let v: Uint8Array = new Uint8Array(hlen).fill(0x01); // step b
  let k: Uint8Array = new Uint8Array(hlen); // step c
  const xo = int2octets(x);
  k = hmac(k, v, Uint8Array.of(0x00), xo, bits2octets); // step d
  v = hmac(k, v); // step e
  k = hmac(k, v, Uint8Array.of(0x01), xo, bits2octets); // step f
  v = hmac(k, v); // step g
  for (;;) {
    let t: Uint8Array = new Uint8Array(0); // step h.1
    while (t.length * 8 < qlen) {
      v = hmac(k, v); // step h.2
      t = concat(t, v);
    }
    const candidate = bits2int(t, qlen); // step h.3
    if (candidate >= 1n && candidate < q) yield candidate;
    k = hmac(k, v, Uint8Array.of(0x00));
    v = hmac(k, v);
  }
}

/** Dss-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER } (RFC 3279 section 2.2.2). */
export const dssSigValue = (r: bigint, s: bigint): Uint8Array => seq(int(r), int(s));

/** Deterministic DSA signature of `message` (hashed here with `hash`). */
export function dsaSignDeterministic(key: DsaPrivate, hash: DsaHash, message: Uint8Array): DsaSignature {
  const { p, q, g, x } = key;
  if (x <= 0n || x >= q) throw new Error('DSA: private key x is not in [1, q-1]');
  const h1 = new Uint8Array(createHash(hash).update(message).digest());
  const z = bits2int(h1, bitLength(q)); // FIPS 186-4 4.6: leftmost min(N, outlen) bits of Hash(M)
  for (const k of rfc6979Nonces(hash, q, x, h1)) {
    const r = modPow(g, k, p) % q;
    if (r === 0n) continue;
    const s = (modInverse(k, q) * (z + x * r)) % q;
    if (s === 0n) continue;
    return { r, s, k, der: dssSigValue(r, s) };
  }
  throw new Error('DSA: nonce generator ended'); // unreachable: the generator is infinite
}

/**
 * {p, q, g, x, y} of a Node DSA private KeyObject, read from its PKCS #8 export
 * (RFC 5208; parameters Dss-Parms ::= SEQUENCE { p, q, g } per RFC 3279 section 2.3.2).
 */
export function dsaKeyValues(privateKey: KeyObject): DsaKeyValues {
  if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'dsa') {
    throw new Error(`DSA: expected a private dsa key, got ${privateKey.type} ${privateKey.asymmetricKeyType ?? ''}`);
  }
  const der = new Uint8Array(privateKey.export({ format: 'der', type: 'pkcs8' }));
  const { params, privateValue: x } = readPkcs8IntegerKey(der, OID.dsa);
  const [p, q, g] = params;
  if (p === undefined || q === undefined || g === undefined) {
    throw new Error(`DSA: Dss-Parms has ${params.length} INTEGERs, expected p, q, g`);
  }
  return { p, q, g, x, y: modPow(g, x, p) };
}
