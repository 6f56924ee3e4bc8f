/**
 * The checker's own map from algorithm OIDs to Node's primitives, written from the algorithm RFCs
 * (3370, 5754, 4056, 5753, 8419). Deliberately separate from the generator's tables.
 */
import { createHash } from 'node:crypto';
import { OID } from '../../core/oids.ts';

const HASHES: Record<string, string> = {
  [OID.md5]: 'md5', [OID.sha1]: 'sha1', [OID.sha256]: 'sha256', [OID.sha384]: 'sha384', [OID.sha512]: 'sha512',
  '2.16.840.1.101.3.4.2.4': 'sha224',
};

/** Digest of `data` for a digest algorithm OID, or null when unknown. SHAKE256 yields 64 octets (RFC 8419). */
export function digest(oid: string, data: Uint8Array): Uint8Array | null {
  if (oid === OID.shake256Len || oid === OID.shake256) return new Uint8Array(createHash('shake256', { outputLength: 64 }).update(data).digest());
  const name = HASHES[oid];
  return name ? new Uint8Array(createHash(name).update(data).digest()) : null;
}

export const hashName = (oid: string): string | null => HASHES[oid] ?? null;

const HASH_OIDS = new Map(Object.entries(HASHES).map(([oid, name]) => [name, oid]));

/** The digest algorithm OID of a hash name ('sha256' -> id-sha256), for asking streamed content for its digest. */
export const hashOid = (name: string): string | undefined => HASH_OIDS.get(name);

export type SignatureScheme =
  | { readonly kind: 'rsa-pkcs1'; readonly hash: string | null }
  | { readonly kind: 'rsa-pss' }
  | { readonly kind: 'ecdsa'; readonly hash: string }
  | { readonly kind: 'dsa'; readonly hash: string }
  | { readonly kind: 'eddsa' };

/** The scheme a signatureAlgorithm OID names; hash null means "the SignerInfo's digestAlgorithm". */
export function signatureScheme(oid: string): SignatureScheme | null {
  switch (oid) {
    case OID.rsaEncryption: return { kind: 'rsa-pkcs1', hash: null };
    case OID.sha1WithRSAEncryption: return { kind: 'rsa-pkcs1', hash: 'sha1' };
    case OID.sha256WithRSAEncryption: return { kind: 'rsa-pkcs1', hash: 'sha256' };
    case OID.sha384WithRSAEncryption: return { kind: 'rsa-pkcs1', hash: 'sha384' };
    case OID.sha512WithRSAEncryption: return { kind: 'rsa-pkcs1', hash: 'sha512' };
    case '1.2.840.113549.1.1.4': return { kind: 'rsa-pkcs1', hash: 'md5' };
    case OID.rsassaPss: return { kind: 'rsa-pss' };
    case OID.ecdsaWithSha1: return { kind: 'ecdsa', hash: 'sha1' };
    case OID.ecdsaWithSha256: return { kind: 'ecdsa', hash: 'sha256' };
    case OID.ecdsaWithSha384: return { kind: 'ecdsa', hash: 'sha384' };
    case OID.ecdsaWithSha512: return { kind: 'ecdsa', hash: 'sha512' };
    case OID.dsaWithSha1: case OID.dsa: return { kind: 'dsa', hash: 'sha1' };
    case OID.dsaWithSha256: return { kind: 'dsa', hash: 'sha256' };
    case OID.ed25519: case OID.ed448: return { kind: 'eddsa' };
    default: return null;
  }
}
