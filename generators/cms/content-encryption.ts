/**
 * Content-encryption algorithms (RFC 3370 5, RFC 3565, RFC 5084): identifiers with their IV
 * parameters, and CBC encryption with PKCS #7 padding (RFC 5652 6.3). RC2 exists only so the
 * RFC 4134 examples can be reproduced; Node's OpenSSL 3 has no RC2, so it is pure TypeScript.
 */
import { createCipheriv } from 'node:crypto';
import { int, octets, oid, seq } from '../../core/der/encode.ts';
import { OID } from '../../core/oids.ts';
import type { SeededRandom } from '../random.ts';
import { rc2CbcEncrypt, rc2VersionFromEffectiveBits } from '../crypto/rc2.ts';
import { desOddParity } from '../crypto/keywrap.ts';

export type CbcCipher = 'aes-128-cbc' | 'aes-192-cbc' | 'aes-256-cbc' | 'des-ede3-cbc' | 'rc2-cbc';

export interface CbcKey {
  readonly cipher: CbcCipher;
  readonly key: Uint8Array;
  readonly iv: Uint8Array;
  /** RC2 only: effective key bits. */
  readonly rc2Bits?: number;
}

const KEY_BYTES: Record<CbcCipher, number> = {
  'aes-128-cbc': 16, 'aes-192-cbc': 24, 'aes-256-cbc': 32, 'des-ede3-cbc': 24, 'rc2-cbc': 16,
};
const CBC_OID: Record<CbcCipher, string> = {
  'aes-128-cbc': OID.aes128Cbc, 'aes-192-cbc': OID.aes192Cbc, 'aes-256-cbc': OID.aes256Cbc,
  'des-ede3-cbc': OID.desEde3Cbc, 'rc2-cbc': OID.rc2Cbc,
};

export const blockSize = (cipher: CbcCipher): number => (cipher.startsWith('aes') ? 16 : 8);
export const keyBytes = (cipher: CbcCipher): number => KEY_BYTES[cipher];

/** A fresh CEK and IV from the sample's stream; 3DES keys get odd parity (RFC 3370 4.3). */
export function newCbcKey(cipher: CbcCipher, rnd: SeededRandom): CbcKey {
  let key = rnd.bytes(KEY_BYTES[cipher]);
  if (cipher === 'des-ede3-cbc') key = desOddParity(key);
  return { cipher, key, iv: rnd.bytes(blockSize(cipher)), ...(cipher === 'rc2-cbc' ? { rc2Bits: 128 } : {}) };
}

export function cbcIdentifier(k: CbcKey): Uint8Array {
  if (k.cipher === 'rc2-cbc') {
    // RC2-CBCParameter ::= SEQUENCE { rc2ParameterVersion INTEGER, iv OCTET STRING } (RFC 3370 5.2)
    return seq(oid(OID.rc2Cbc), seq(int(rc2VersionFromEffectiveBits(k.rc2Bits ?? 128)), octets(k.iv)));
  }
  return seq(oid(CBC_OID[k.cipher]), octets(k.iv));
}

export function cbcEncrypt(k: CbcKey, plaintext: Uint8Array): Uint8Array {
  if (k.cipher === 'rc2-cbc') return rc2CbcEncrypt(k.key, k.rc2Bits ?? 128, k.iv, plaintext);
  const c = createCipheriv(k.cipher, k.key, k.iv);
  return new Uint8Array(Buffer.concat([c.update(plaintext), c.final()]));
}

/** EncryptedContentInfo (RFC 5652 6.1): [0] IMPLICIT encryptedContent, primitive in DER. */
export function encryptedContentInfo(contentType: string, k: CbcKey, ciphertext: Uint8Array): Uint8Array {
  const implicitOctets = Uint8Array.from(octets(ciphertext));
  implicitOctets[0] = 0x80;
  return seq(oid(contentType), cbcIdentifier(k), implicitOctets);
}
