/**
 * The post-quantum primitives of the generator, on @noble/post-quantum (FIPS 203, 204, 205):
 * deterministic key generation from a seed, deterministic signing (ML-DSA's deterministic variant,
 * FIPS 204 3.4; SLH-DSA with opt_rand = PK.seed, FIPS 205 10.2.1: both allowed by RFC 9882 3.4 /
 * RFC 9814), ML-KEM encapsulation with the randomness m taken from the sample's seeded stream.
 * Pure signing with the empty context string, as RFC 9882 and RFC 9814 require.
 */
import { ml_dsa44, ml_dsa65, ml_dsa87 } from '@noble/post-quantum/ml-dsa.js';
import { ml_kem512, ml_kem768, ml_kem1024 } from '@noble/post-quantum/ml-kem.js';
import { slh_dsa_sha2_128f, slh_dsa_sha2_128s } from '@noble/post-quantum/slh-dsa.js';
import { OID } from '../../core/oids.ts';
import type { SeededRandom } from '../random.ts';

export type PqSignatureAlgorithm = 'ml-dsa-44' | 'ml-dsa-65' | 'ml-dsa-87' | 'slh-dsa-sha2-128s' | 'slh-dsa-sha2-128f';
export type PqKemAlgorithm = 'ml-kem-512' | 'ml-kem-768' | 'ml-kem-1024';
export type PqAlgorithm = PqSignatureAlgorithm | PqKemAlgorithm;

export interface PqKey {
  readonly alg: PqAlgorithm;
  /** The seed the key was generated from: what the PKCS #8 seed form carries (RFC 9881 6, RFC 9935 6). */
  readonly seed: Uint8Array;
  readonly publicKey: Uint8Array;
  readonly secretKey: Uint8Array;
}

const SIGNERS = {
  'ml-dsa-44': ml_dsa44, 'ml-dsa-65': ml_dsa65, 'ml-dsa-87': ml_dsa87,
  'slh-dsa-sha2-128s': slh_dsa_sha2_128s, 'slh-dsa-sha2-128f': slh_dsa_sha2_128f,
} as const;
const KEMS = { 'ml-kem-512': ml_kem512, 'ml-kem-768': ml_kem768, 'ml-kem-1024': ml_kem1024 } as const;

export const PQ_OID: Record<PqAlgorithm, string> = {
  'ml-dsa-44': OID.mlDsa44, 'ml-dsa-65': OID.mlDsa65, 'ml-dsa-87': OID.mlDsa87,
  'slh-dsa-sha2-128s': OID.slhDsaSha2_128s, 'slh-dsa-sha2-128f': OID.slhDsaSha2_128f,
  'ml-kem-512': OID.mlKem512, 'ml-kem-768': OID.mlKem768, 'ml-kem-1024': OID.mlKem1024,
};

export const isKem = (a: PqAlgorithm): a is PqKemAlgorithm => a in KEMS;

/** Seed length: 32 (ML-DSA xi), 64 (ML-KEM d||z), 3n (SLH-DSA SK.seed||SK.prf||PK.seed). */
export function pqSeedLength(a: PqAlgorithm): number {
  return isKem(a) ? 64 : (SIGNERS[a].lengths.seed ?? 32);
}

export function pqKeygen(alg: PqAlgorithm, seed: Uint8Array): PqKey {
  const k = isKem(alg) ? KEMS[alg].keygen(seed) : SIGNERS[alg].keygen(seed);
  return { alg, seed, publicKey: k.publicKey, secretKey: k.secretKey };
}

export function pqSign(key: PqKey, message: Uint8Array): Uint8Array {
  if (isKem(key.alg)) throw new Error(`${key.alg} is a KEM, not a signature algorithm`);
  return SIGNERS[key.alg].sign(message, key.secretKey, { extraEntropy: false });
}

/** ML-KEM.Encaps with m from the stream: (ciphertext, shared secret). */
export function pqEncapsulate(alg: PqKemAlgorithm, publicKey: Uint8Array, rnd: SeededRandom): { ct: Uint8Array; ss: Uint8Array } {
  const r = KEMS[alg].encapsulate(publicKey, rnd.bytes(32));
  return { ct: r.cipherText, ss: r.sharedSecret };
}
