/**
 * Key derivation functions that turn a key-agreement secret into a CMS key-encryption key:
 *   - ANSI X9.63 KDF (SEC 1 section 3.6.1), used by ECDH in CMS (RFC 5753 section 7.2),
 *   - HKDF (RFC 5869), used by ECDH in CMS per RFC 8418 section 2.2,
 *   - the X9.42 KDF of RFC 2631 section 2.1.2 (SHA-1 over ZZ || DER OtherInfo), used by ESDH,
 * plus the DER encoders of their "other info" inputs: OtherInfo (RFC 2631 section 2.1.2) and
 * ECC-CMS-SharedInfo (RFC 5753 section 7.2).
 *
 * Why: Node has HKDF but neither X9.63 nor X9.42; and the DER inputs are built byte by byte
 * with core/der/encode.ts so generators can also emit deliberately wrong variants.
 */
import { createHash, hkdfSync } from 'node:crypto';
import { concat, explicit, nul, octets, oid, seq } from '../../core/der/encode.ts';
import { OID } from '../../core/oids.ts';

export type KdfHash = 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';

/** A 32-bit big-endian counter or length (RFC 2631 / RFC 5753 "represented as a 32-bit number"). */
function u32(v: number): Uint8Array {
  if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) throw new Error(`KDF: ${v} does not fit in 32 bits`);
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, v);
  return out;
}

function keyBits(keyLenBits: number): number {
  if (!Number.isInteger(keyLenBits) || keyLenBits <= 0 || keyLenBits % 8 !== 0) {
    throw new Error(`KDF: key length ${keyLenBits} bits is not a positive multiple of 8`);
  }
  return keyLenBits / 8;
}

/** SEC 1 section 3.6.1: K = Hash(Z || Counter || SharedInfo) || ..., Counter = 1, 2, ... */
export function ansiX963Kdf(hash: KdfHash, z: Uint8Array, sharedInfo: Uint8Array, keyLenBytes: number): Uint8Array {
  if (!Number.isInteger(keyLenBytes) || keyLenBytes < 0) throw new Error(`X9.63 KDF: bad key length ${keyLenBytes}`);
  const out = new Uint8Array(keyLenBytes);
  for (let counter = 1, at = 0; at < keyLenBytes; counter++) {
    const block = createHash(hash).update(z).update(u32(counter)).update(sharedInfo).digest();
    out.set(block.subarray(0, keyLenBytes - at), at);
    at += block.length;
  }
  return out;
}

/**
 * HKDF-Extract then HKDF-Expand (RFC 5869). An empty salt means "not provided" (HashLen zero
 * octets, section 2.2). RFC 8418 section 2.2: salt = ukm if present, info = DER ECC-CMS-SharedInfo.
 */
export function hkdf(hash: KdfHash, z: Uint8Array, salt: Uint8Array, info: Uint8Array, keyLenBytes: number): Uint8Array {
  return new Uint8Array(hkdfSync(hash, z, salt, info, keyLenBytes));
}

/**
 * OtherInfo (RFC 2631 section 2.1.2), EXPLICIT tags:
 *   SEQUENCE { keyInfo SEQUENCE { algorithm OID, counter OCTET STRING (4) },
 *              partyAInfo [0] OCTET STRING OPTIONAL, suppPubInfo [2] OCTET STRING (keylen bits) }
 */
export function x942OtherInfo(keyWrapOid: string, counter: number, keyLenBits: number, partyAInfo?: Uint8Array): Uint8Array {
  return seq(
    seq(oid(keyWrapOid), octets(u32(counter))),
    ...(partyAInfo === undefined ? [] : [explicit(0, octets(partyAInfo))]),
    explicit(2, octets(u32(keyLenBits))),
  );
}

/**
 * RFC 2631 sections 2.1.2-2.1.3: KEK = leftmost keyLenBits of SHA1(ZZ || OtherInfo(1)) ||
 * SHA1(ZZ || OtherInfo(2)) ... The "partyAInfo MUST contain 512 bits" rule is not enforced, so
 * non-conforming samples can be built; conforming callers pass 64 octets.
 */
export function x942Kdf(z: Uint8Array, keyWrapOid: string, keyLenBits: number, partyAInfo?: Uint8Array): Uint8Array {
  const len = keyBits(keyLenBits);
  const blocks: Uint8Array[] = [];
  for (let counter = 1, have = 0; have < len; counter++) {
    const km = createHash('sha1').update(z).update(x942OtherInfo(keyWrapOid, counter, keyLenBits, partyAInfo)).digest();
    blocks.push(new Uint8Array(km));
    have += km.length;
  }
  return concat(...blocks).slice(0, len);
}

/**
 * ECC-CMS-SharedInfo (RFC 5753 section 7.2):
 *   SEQUENCE { keyInfo AlgorithmIdentifier, entityUInfo [0] EXPLICIT OCTET STRING OPTIONAL,
 *              suppPubInfo [2] EXPLICIT OCTET STRING (keylen in bits, 32-bit big endian) }
 * keyInfo parameters: NULL for id-alg-CMS3DESwrap, absent for the AES wraps (section 7.2), unless
 * `parameters` overrides it.
 */
export function eccCmsSharedInfo(
  keyWrapOid: string,
  ukm: Uint8Array | undefined,
  keyLenBits: number,
  parameters: 'null' | 'absent' = keyWrapOid === OID.cms3DESwrap ? 'null' : 'absent',
): Uint8Array {
  return seq(
    seq(oid(keyWrapOid), ...(parameters === 'null' ? [nul()] : [])),
    ...(ukm === undefined ? [] : [explicit(0, octets(ukm))]),
    explicit(2, octets(u32(keyLenBits))),
  );
}
