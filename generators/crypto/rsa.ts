/**
 * RSA encodings done by hand, with every random byte taken from a SeededRandom:
 *   - EMSA-PSS encoding (RFC 8017 section 9.1.1) for RSASSA-PSS signatures (RFC 4056 in CMS),
 *   - EME-OAEP encoding (RFC 8017 section 7.1.1) for RSAES-OAEP (RFC 3560 in CMS),
 *   - EME-PKCS1-v1_5 encoding and strict decoding (RFC 8017 sections 7.2.1 / 7.2.2).
 *
 * Why: Node draws PSS salts, OAEP seeds and v1.5 padding from the system RNG, so its output is not
 * reproducible; Node 20 also refuses PKCS #1 v1.5 private decryption. Here only the raw RSA
 * operations come from Node (RSA_NO_PADDING: privateDecrypt computes m^d mod n, publicEncrypt
 * computes m^e mod n), so a corpus seed fixes every byte.
 */
import { constants, createHash, privateDecrypt, publicEncrypt, type KeyObject } from 'node:crypto';
import { concat } from '../../core/der/encode.ts';
import type { SeededRandom } from '../random.ts';

export type RsaHash = 'sha1' | 'sha256' | 'sha384' | 'sha512';

const HASH_LEN: Record<RsaHash, number> = { sha1: 20, sha256: 32, sha384: 48, sha512: 64 };

const digest = (hash: RsaHash, ...parts: Uint8Array[]): Uint8Array => {
  const h = createHash(hash);
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
};

function xorInto(target: Uint8Array, mask: Uint8Array): void {
  for (let i = 0; i < target.length; i++) target[i] = (target[i] as number) ^ (mask[i] as number);
}

/** Modulus bit length of an RSA key (public or private). */
function modulusBits(key: KeyObject): number {
  if (key.asymmetricKeyType !== 'rsa') {
    throw new Error(`RSA: key type is ${key.asymmetricKeyType ?? 'symmetric'}, expected rsa`);
  }
  const bits = key.asymmetricKeyDetails?.modulusLength;
  if (bits === undefined) throw new Error('RSA: key has no modulusLength detail');
  return bits;
}

/** k, the length of the modulus in octets (RFC 8017 section 2). */
export function rsaModulusBytes(key: KeyObject): number {
  return Math.ceil(modulusBits(key) / 8);
}

/** MGF1 (RFC 8017 appendix B.2.1). */
export function mgf1(hash: RsaHash, seed: Uint8Array, maskLen: number): Uint8Array {
  const out = new Uint8Array(maskLen);
  const counter = new Uint8Array(4);
  for (let c = 0, at = 0; at < maskLen; c++) {
    new DataView(counter.buffer).setUint32(0, c);
    const block = digest(hash, seed, counter);
    out.set(block.subarray(0, maskLen - at), at);
    at += block.length;
  }
  return out;
}

/** The raw private operation EM^d mod n on a k-octet big-endian string (RSASP1 / RSADP). */
function rawPrivate(key: KeyObject, em: Uint8Array): Uint8Array {
  return new Uint8Array(privateDecrypt({ key, padding: constants.RSA_NO_PADDING }, em));
}

/** The raw public operation m^e mod n on a k-octet big-endian string (RSAEP / RSAVP1). */
function rawPublic(key: KeyObject, m: Uint8Array): Uint8Array {
  return new Uint8Array(publicEncrypt({ key, padding: constants.RSA_NO_PADDING }, m));
}

/**
 * EMSA-PSS-ENCODE (RFC 8017 section 9.1.1) with an explicit salt. emBits is modBits - 1.
 * Returns EM of ceil(emBits / 8) octets.
 */
export function emsaPssEncode(
  hash: RsaHash,
  mgfHash: RsaHash,
  salt: Uint8Array,
  message: Uint8Array,
  emBits: number,
): Uint8Array {
  const hLen = HASH_LEN[hash];
  const emLen = Math.ceil(emBits / 8);
  if (emLen < hLen + salt.length + 2) {
    throw new Error(`EMSA-PSS: encoding error, emLen ${emLen} < hLen ${hLen} + sLen ${salt.length} + 2`);
  }
  const mHash = digest(hash, message);
  const h = digest(hash, new Uint8Array(8), mHash, salt); // H = Hash(0x00*8 || mHash || salt)
  const db = new Uint8Array(emLen - hLen - 1); // DB = PS || 0x01 || salt
  db[db.length - salt.length - 1] = 0x01;
  db.set(salt, db.length - salt.length);
  xorInto(db, mgf1(mgfHash, h, db.length));
  db[0] = (db[0] as number) & (0xff >> (8 * emLen - emBits)); // clear the leftmost 8emLen - emBits bits
  return concat(db, h, Uint8Array.of(0xbc));
}

/** RSASSA-PSS-SIGN (RFC 8017 section 8.1.1); the salt is rnd.bytes(saltLength). */
export function rsaPssSign(
  privateKey: KeyObject,
  hash: RsaHash,
  mgfHash: RsaHash,
  saltLength: number,
  message: Uint8Array,
  rnd: SeededRandom,
): Uint8Array {
  if (!Number.isInteger(saltLength) || saltLength < 0) throw new Error(`RSASSA-PSS: bad salt length ${saltLength}`);
  const modBits = modulusBits(privateKey);
  const k = Math.ceil(modBits / 8);
  const em = emsaPssEncode(hash, mgfHash, rnd.bytes(saltLength), message, modBits - 1);
  const padded = new Uint8Array(k); // I2OSP: EM is one octet shorter than k when modBits - 1 is a multiple of 8
  padded.set(em, k - em.length);
  return rawPrivate(privateKey, padded);
}

/** RSAES-OAEP-ENCRYPT (RFC 8017 section 7.1.1); the seed is rnd.bytes(hLen). */
export function rsaOaepEncrypt(
  publicKey: KeyObject,
  hash: RsaHash,
  mgfHash: RsaHash,
  label: Uint8Array,
  message: Uint8Array,
  rnd: SeededRandom,
): Uint8Array {
  const k = rsaModulusBytes(publicKey);
  const hLen = HASH_LEN[hash];
  if (message.length > k - 2 * hLen - 2) {
    throw new Error(`RSAES-OAEP: message too long, ${message.length} > k ${k} - 2*hLen ${hLen} - 2`);
  }
  const db = new Uint8Array(k - hLen - 1); // DB = lHash || PS || 0x01 || M
  db.set(digest(hash, label), 0);
  db[db.length - message.length - 1] = 0x01;
  db.set(message, db.length - message.length);
  const seed = rnd.bytes(hLen);
  xorInto(db, mgf1(mgfHash, seed, db.length)); // maskedDB
  xorInto(seed, mgf1(mgfHash, db, hLen)); // maskedSeed
  return rawPublic(publicKey, concat(Uint8Array.of(0), seed, db));
}

/** RSAES-PKCS1-v1_5-ENCRYPT (RFC 8017 section 7.2.1); PS is rnd.nonZeroBytes. */
export function rsaPkcs1v15Encrypt(publicKey: KeyObject, message: Uint8Array, rnd: SeededRandom): Uint8Array {
  const k = rsaModulusBytes(publicKey);
  if (message.length > k - 11) throw new Error(`RSAES-PKCS1-v1_5: message too long, ${message.length} > k ${k} - 11`);
  const ps = rnd.nonZeroBytes(k - message.length - 3);
  return rawPublic(publicKey, concat(Uint8Array.of(0x00, 0x02), ps, Uint8Array.of(0x00), message));
}

/** RSAES-PKCS1-v1_5-DECRYPT (RFC 8017 section 7.2.2) with strict checks on EM = 0x00 || 0x02 || PS || 0x00 || M. */
export function rsaPkcs1v15Decrypt(privateKey: KeyObject, ciphertext: Uint8Array): Uint8Array {
  const k = rsaModulusBytes(privateKey);
  if (ciphertext.length !== k || k < 11) {
    throw new Error(`RSAES-PKCS1-v1_5: ciphertext is ${ciphertext.length} octets, expected k = ${k}`);
  }
  const em = rawPrivate(privateKey, ciphertext);
  if (em[0] !== 0x00) throw new Error(`RSAES-PKCS1-v1_5: decryption error, first octet is 0x${em[0]?.toString(16)}`);
  if (em[1] !== 0x02) throw new Error(`RSAES-PKCS1-v1_5: decryption error, block type is 0x${em[1]?.toString(16)}, expected 0x02`);
  const sep = em.indexOf(0x00, 2);
  if (sep < 0) throw new Error('RSAES-PKCS1-v1_5: decryption error, no 0x00 separator after the padding');
  if (sep - 2 < 8) throw new Error(`RSAES-PKCS1-v1_5: decryption error, padding string is ${sep - 2} octets (minimum 8)`);
  return em.slice(sep + 1);
}
