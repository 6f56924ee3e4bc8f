/**
 * RSASSA-PKCS1-v1_5 verification from the digest alone (RFC 8017 8.2.2), for a signature without
 * signed attributes over content that was streamed: RFC 5652 5.4 then signs the content itself,
 * whose bytes are never in memory, but whose digest the streaming pass computed. Step 2 (RSAVP1)
 * is the public-key operation with the type 1 padding checked (publicDecrypt with
 * RSA_PKCS1_PADDING); step 3 encodes the digest as EMSA-PKCS1-v1_5 does, a DigestInfo with NULL
 * parameters (RFC 8017 9.2 note 1); step 4 compares the two octet for octet, as a verification
 * over the bytes would.
 */
import { constants, publicDecrypt, type KeyObject } from 'node:crypto';
import { OID } from '../../core/oids.ts';
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

/** The digest OID of a hash name this module knows, for asking the streamed content's digests. */
export const HASH_OIDS: Readonly<Record<string, string>> = {
  md5: OID.md5, sha1: OID.sha1, sha224: '2.16.840.1.101.3.4.2.4', sha256: OID.sha256, sha384: OID.sha384, sha512: OID.sha512,
};
