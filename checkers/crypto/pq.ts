/**
 * Post-quantum primitives for the checker (it shares no code with the generators): ML-DSA
 * (FIPS 204) and SLH-DSA (FIPS 205) signature verification from a certificate's public key, and
 * ML-KEM (FIPS 203) decapsulation with a PKCS #8 private key in any of the forms RFC 9881 6 /
 * RFC 9935 6 define (seed [0], expandedKey OCTET STRING, both SEQUENCE) or the raw SLH-DSA key of
 * RFC 9909. Node 20 has none of these algorithms, so the arithmetic is @noble/post-quantum's;
 * everything around it (the DER, which key form, the checks) is the checker's own.
 */
import { ml_dsa44, ml_dsa65, ml_dsa87 } from '@noble/post-quantum/ml-dsa.js';
import { ml_kem512, ml_kem768, ml_kem1024 } from '@noble/post-quantum/ml-kem.js';
import * as slh from '@noble/post-quantum/slh-dsa.js';
import { contentOf, readDer } from '../../core/der/reader.ts';
import { decodeBitString, decodeOid } from '../../core/der/values.ts';
import { OID } from '../../core/oids.ts';

const SIGNERS: Readonly<Record<string, { readonly name: string; verify(sig: Uint8Array, msg: Uint8Array, pub: Uint8Array): boolean; readonly publicKeyLength: number }>> = {
  [OID.mlDsa44]: { name: 'ML-DSA-44', verify: (s, m, p) => ml_dsa44.verify(s, m, p), publicKeyLength: 1312 },
  [OID.mlDsa65]: { name: 'ML-DSA-65', verify: (s, m, p) => ml_dsa65.verify(s, m, p), publicKeyLength: 1952 },
  [OID.mlDsa87]: { name: 'ML-DSA-87', verify: (s, m, p) => ml_dsa87.verify(s, m, p), publicKeyLength: 2592 },
  [OID.slhDsaSha2_128s]: { name: 'SLH-DSA-SHA2-128s', verify: (s, m, p) => slh.slh_dsa_sha2_128s.verify(s, m, p), publicKeyLength: 32 },
  [OID.slhDsaSha2_128f]: { name: 'SLH-DSA-SHA2-128f', verify: (s, m, p) => slh.slh_dsa_sha2_128f.verify(s, m, p), publicKeyLength: 32 },
  [OID.slhDsaShake128f]: { name: 'SLH-DSA-SHAKE-128f', verify: (s, m, p) => slh.slh_dsa_shake_128f.verify(s, m, p), publicKeyLength: 32 },
};

const KEMS = { [OID.mlKem512]: ml_kem512, [OID.mlKem768]: ml_kem768, [OID.mlKem1024]: ml_kem1024 } as const;
const KEM_NAMES: Readonly<Record<string, string>> = { [OID.mlKem512]: 'ML-KEM-512', [OID.mlKem768]: 'ML-KEM-768', [OID.mlKem1024]: 'ML-KEM-1024' };

export const isPqSignatureOid = (oid: string): boolean => oid in SIGNERS;
export const isMlKemOid = (oid: string): boolean => oid in KEMS;
export const pqName = (oid: string): string => SIGNERS[oid]?.name ?? KEM_NAMES[oid] ?? oid;

/** The algorithm OID, parameters presence and raw public key of a SubjectPublicKeyInfo. */
export function spkiParts(spki: Uint8Array): { oid: string; paramsPresent: boolean; publicKey: Uint8Array } | null {
  const r = readDer(spki);
  const alg = r.root?.children[0];
  const id = alg?.children[0];
  const bits = r.root?.children[1];
  if (!alg || !id || !bits || bits.tag !== 3) return null;
  const d = decodeOid(contentOf(spki, id));
  const b = decodeBitString(contentOf(spki, bits));
  if (!d.ok || !b.ok) return null;
  return { oid: d.value, paramsPresent: alg.children.length > 1, publicKey: b.value.bytes };
}

/** Pure ML-DSA / SLH-DSA verification with the empty context (RFC 9882 3.3, RFC 9814 4); false on any malformed input. */
export function pqVerify(oid: string, publicKey: Uint8Array, signature: Uint8Array, message: Uint8Array): boolean {
  const s = SIGNERS[oid];
  if (!s || publicKey.length !== s.publicKeyLength) return false;
  try {
    return s.verify(signature, message, publicKey);
  } catch {
    return false;
  }
}

export interface MlKemPrivateKey { readonly oid: string; readonly secretKey: Uint8Array; readonly publicKey: Uint8Array }

/**
 * An ML-KEM key from PKCS #8 DER, or null when it is not one. RFC 9935 6: the privateKey OCTET
 * STRING holds seed [0] (64 octets), expandedKey OCTET STRING, or both SEQUENCE; with both, the
 * expanded key must be the one the seed gives.
 */
export function mlKemPrivateKey(der: Uint8Array): MlKemPrivateKey | null {
  const r = readDer(der);
  const f = r.root?.children ?? [];
  const id = f[1]?.children[0];
  if (!id || !f[2] || f[2].tag !== 4) return null;
  const d = decodeOid(contentOf(der, id));
  if (!d.ok || !(d.value in KEMS)) return null;
  const kem = KEMS[d.value as keyof typeof KEMS];
  const inner = contentOf(der, f[2]);
  const c = readDer(inner).root;
  if (!c) return null;
  try {
    if (c.cls === 'context' && c.tag === 0) {
      const seed = contentOf(inner, c);
      if (seed.length !== 64) return null;
      const k = kem.keygen(seed);
      return { oid: d.value, secretKey: k.secretKey, publicKey: k.publicKey };
    }
    const expanded = c.tag === 4 && c.cls === 'universal' ? contentOf(inner, c)
      : c.tag === 16 && c.children[1] ? contentOf(inner, c.children[1]) : null;
    if (!expanded || expanded.length !== kem.lengths.secretKey) return null;
    if (c.tag === 16 && c.children[0]) {
      const fromSeed = kem.keygen(contentOf(inner, c.children[0]));
      if (Buffer.compare(Buffer.from(fromSeed.secretKey), Buffer.from(expanded)) !== 0) return null;
    }
    // FIPS 203 7.3: dk = dk_PKE || ek || H(ek) || z; ek starts after the 384k-octet dk_PKE.
    const ekLength = kem.lengths.publicKey ?? 0;
    const start = expanded.length - ekLength - 64;
    return { oid: d.value, secretKey: expanded, publicKey: expanded.subarray(start, start + ekLength) };
  } catch {
    return null;
  }
}

/** ML-KEM.Decaps; null when the ciphertext has the wrong length (decapsulation itself never fails: implicit rejection). */
export function mlKemDecapsulate(key: MlKemPrivateKey, ct: Uint8Array): Uint8Array | null {
  const kem = KEMS[key.oid as keyof typeof KEMS];
  if (ct.length !== kem.lengths.cipherText) return null;
  try {
    return kem.decapsulate(ct, key.secretKey);
  } catch {
    return null;
  }
}

export function mlKemCiphertextLength(oid: string): number | null {
  return KEMS[oid as keyof typeof KEMS]?.lengths.cipherText ?? null;
}
