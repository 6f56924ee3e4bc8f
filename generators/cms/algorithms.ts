/**
 * AlgorithmIdentifier encodings as the algorithm RFCs require senders to write them, and the
 * digest functions behind them. Digest identifiers omit parameters (RFC 3370 2.1, RFC 5754 2);
 * RSA PKCS #1 v1.5 signature identifiers carry NULL (RFC 3370 3.2, RFC 5754 3.2); ECDSA, DSA and
 * EdDSA identifiers omit parameters (RFC 5754 3.1/3.3, RFC 3370 3.1, RFC 8419 3).
 */
import { createHash } from 'node:crypto';
import { explicit, int, nul, oid, seq } from '../../core/der/encode.ts';
import { OID } from '../../core/oids.ts';

export type DigestName = 'sha1' | 'sha256' | 'sha384' | 'sha512' | 'shake256-512';

export interface DigestAlgorithm {
  readonly name: DigestName;
  readonly identifier: Uint8Array;
  digest(data: Uint8Array): Uint8Array;
}

const nodeDigest = (name: string) => (data: Uint8Array): Uint8Array =>
  new Uint8Array(createHash(name).update(data).digest());

export const DIGESTS: Record<DigestName, DigestAlgorithm> = {
  sha1: { name: 'sha1', identifier: seq(oid(OID.sha1)), digest: nodeDigest('sha1') },
  sha256: { name: 'sha256', identifier: seq(oid(OID.sha256)), digest: nodeDigest('sha256') },
  sha384: { name: 'sha384', identifier: seq(oid(OID.sha384)), digest: nodeDigest('sha384') },
  sha512: { name: 'sha512', identifier: seq(oid(OID.sha512)), digest: nodeDigest('sha512') },
  // RFC 8419 3.1: Ed448 with signed attributes digests with SHAKE256, 512-bit output, and the
  // identifier is id-shake256-len with the length as a parameter.
  'shake256-512': {
    name: 'shake256-512',
    identifier: seq(oid(OID.shake256Len), int(512)),
    digest: (data) => new Uint8Array(createHash('shake256', { outputLength: 64 }).update(data).digest()),
  },
};

export const digestIdentifierWithNull = (name: 'sha1' | 'sha256' | 'sha384' | 'sha512'): Uint8Array =>
  seq(oid(OID[name]), nul());

/** RSASSA-PSS-params (RFC 4056 3, RFC 8017 A.2.3) with explicit hash, MGF1 and salt length. */
export function rsaPssParams(hash: 'sha256' | 'sha384' | 'sha512', saltLength: number): Uint8Array {
  const h = seq(oid(OID[hash]));
  return seq(explicit(0, h), explicit(1, seq(oid(OID.mgf1), h)), explicit(2, int(saltLength)));
}

/** RSAES-OAEP-params (RFC 3560 3, RFC 8017 A.2.1). SHA-1 defaults are omitted as DER requires. */
export function rsaOaepParams(hash: 'sha1' | 'sha256' | 'sha384' | 'sha512'): Uint8Array {
  if (hash === 'sha1') return seq();
  const h = seq(oid(OID[hash]));
  return seq(explicit(0, h), explicit(1, seq(oid(OID.mgf1), h)));
}
