/**
 * The checker's reading of ML-KEM private keys (checkers/crypto/pq.ts): the three PKCS #8 forms of
 * RFC 9935 6 (seed [0], expandedKey, both) give the same key; a "both" whose halves disagree, a
 * seed of the wrong length and a non-ML-KEM key are refused (null), never a wrong key. Forms other
 * than the seed are built here from the cast's seed with FIPS 203 key generation.
 */
import { describe, expect, it } from 'vitest';
import { ml_kem768 } from '@noble/post-quantum/ml-kem.js';
import { mlKemPrivateKey } from '../checkers/crypto/pq.ts';
import { CORPUS, readBytes } from './helpers/corpus.ts';

const pemDer = (pem: Uint8Array): Uint8Array =>
  new Uint8Array(Buffer.from(Buffer.from(pem).toString('utf8').replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64'));

const tlv = (tag: number, body: Uint8Array): Uint8Array => {
  const n = body.length;
  const len = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
  return new Uint8Array([tag, ...len, ...body]);
};
const cat = (...parts: Uint8Array[]): Uint8Array => new Uint8Array(Buffer.concat(parts));
const ML_KEM_768 = new Uint8Array([0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x04, 0x02]);
const pkcs8 = (privateKey: Uint8Array): Uint8Array => tlv(0x30, cat(new Uint8Array([2, 1, 0]), tlv(0x30, ML_KEM_768), tlv(0x04, privateKey)));

describe('ML-KEM private keys in the checker', () => {
  const seedForm = pemDer(readBytes(CORPUS, 'keys/pq/bob-ml-kem-768.key.pem'));
  const fromSeed = mlKemPrivateKey(seedForm);
  const seed = seedForm.subarray(seedForm.length - 64);
  const expanded = ml_kem768.keygen(seed).secretKey;

  it('reads the cast key (seed form) and derives the public key of its certificate', () => {
    expect(fromSeed).not.toBeNull();
    const cert = pemDer(readBytes(CORPUS, 'keys/pq/bob-ml-kem-768.cert.pem'));
    expect(Buffer.from(cert).includes(Buffer.from(fromSeed!.publicKey))).toBe(true);
  });

  it('reads the expandedKey and both forms to the same key', () => {
    const e = mlKemPrivateKey(pkcs8(tlv(0x04, expanded)));
    const b = mlKemPrivateKey(pkcs8(tlv(0x30, cat(tlv(0x04, seed), tlv(0x04, expanded)))));
    for (const k of [e, b]) {
      expect(k).not.toBeNull();
      expect(Buffer.from(k!.secretKey).equals(Buffer.from(fromSeed!.secretKey))).toBe(true);
      expect(Buffer.from(k!.publicKey).equals(Buffer.from(fromSeed!.publicKey))).toBe(true);
    }
  });

  it('refuses a both form whose expanded key is not the seed\'s, a short seed, and a truncated expanded key', () => {
    const other = ml_kem768.keygen(new Uint8Array(64).fill(7)).secretKey;
    expect(mlKemPrivateKey(pkcs8(tlv(0x30, cat(tlv(0x04, seed), tlv(0x04, other)))))).toBeNull();
    expect(mlKemPrivateKey(pkcs8(tlv(0x80, seed.subarray(0, 32))))).toBeNull();
    expect(mlKemPrivateKey(pkcs8(tlv(0x04, expanded.subarray(0, expanded.length - 1))))).toBeNull();
  });

  it('is not fooled by a key of another algorithm', () => {
    expect(mlKemPrivateKey(pemDer(readBytes(CORPUS, 'keys/pq/alice-ml-dsa-44.key.pem')))).toBeNull();
    expect(mlKemPrivateKey(pemDer(readBytes(CORPUS, 'keys/bob-rsa.key.pem')))).toBeNull();
  });
});
