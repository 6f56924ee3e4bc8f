/**
 * Signature verification from the digest alone, for a signature without signed attributes over
 * content that was streamed: RFC 5652 5.4 then signs the content itself, whose bytes are never in
 * memory, but whose digest the streaming pass computed. The schemes that hash the message once
 * and then use only the hash can be verified so:
 * - RSASSA-PKCS1-v1_5 (RFC 8017 8.2.2): RSAVP1 with the type 1 padding checked (publicDecrypt
 *   with RSA_PKCS1_PADDING), the digest encoded as EMSA-PKCS1-v1_5 does (a DigestInfo with NULL
 *   parameters, RFC 8017 9.2 note 1), the two compared octet for octet;
 * - ECDSA (FIPS 186-5 6.4.2, RFC 5753 / RFC 5758 for CMS): the verification takes the hash, not
 *   the message (noble's verify with prehash off; high S allowed, as OpenSSL allows it);
 * - RSASSA-PSS works on mHash too (signatures.ts, pssVerifyDigest).
 * EdDSA and ML-DSA sign the message itself: they need the bytes.
 */
import { createRequire } from 'node:module';
import { constants, publicDecrypt, type KeyObject } from 'node:crypto';
import type * as Nist from '@noble/curves/nist.js';
import { bytesEqual } from './certificates.ts';

/** The DER of DigestInfo up to the digest octets (RFC 8017 9.2 note 1), per hash. */
const DIGEST_INFO_PREFIX: Readonly<Record<string, string>> = {
  md5: '3020300c06082a864886f70d020505000410',
  sha1: '3021300906052b0e03021a05000414',
  sha224: '302d300d06096086480165030402040500041c',
  sha256: '3031300d060960864801650304020105000420',
  sha384: '3041300d060960864801650304020205000430',
  sha512: '3051300d060960864801650304020305000440',
};

/** Whether `signature` is `key`'s RSASSA-PKCS1-v1_5 signature of the message whose `hash` digest is `digest`. */
export function verifyPkcs1FromDigest(key: KeyObject, hash: string, digest: Uint8Array, signature: Uint8Array): boolean | 'unsupported' {
  const prefix = DIGEST_INFO_PREFIX[hash];
  if (!prefix) return 'unsupported';
  const bits = key.asymmetricKeyDetails?.modulusLength;
  // RFC 8017 8.2.2 step 1: the signature is exactly k octets long.
  if (key.asymmetricKeyType !== 'rsa' || !bits || signature.length !== Math.ceil(bits / 8)) return false;
  let recovered: Uint8Array;
  try {
    recovered = new Uint8Array(publicDecrypt({ key, padding: constants.RSA_PKCS1_PADDING }, signature));
  } catch {
    return false;
  }
  return bytesEqual(recovered, new Uint8Array([...Buffer.from(prefix, 'hex'), ...digest]));
}

// Loaded when a streamed ECDSA signature is first verified: the curve tables cost tens of ms.
const nist = (): typeof Nist => createRequire(import.meta.url)('@noble/curves/nist.js') as typeof Nist;

/** Whether `signature` (DER Ecdsa-Sig-Value) is `key`'s ECDSA signature over the message whose hash is `digest`. */
export function verifyEcdsaFromDigest(key: KeyObject, digest: Uint8Array, signature: Uint8Array): boolean | 'unsupported' {
  if (key.asymmetricKeyType !== 'ec') return false;
  let jwk: JsonWebKey;
  try {
    jwk = key.export({ format: 'jwk' });
  } catch {
    return 'unsupported'; // a curve JWK has no name for (brainpool, secp256k1)
  }
  const curve = jwk.crv === 'P-256' ? nist().p256 : jwk.crv === 'P-384' ? nist().p384 : jwk.crv === 'P-521' ? nist().p521 : null;
  if (!curve || !jwk.x || !jwk.y) return 'unsupported';
  const point = new Uint8Array([4, ...Buffer.from(jwk.x, 'base64url'), ...Buffer.from(jwk.y, 'base64url')]);
  try {
    return curve.verify(signature, digest, point, { prehash: false, lowS: false, format: 'der' });
  } catch {
    return false;
  }
}
