/**
 * Small caches keyed by the bytes they were computed from: strictly read certificates, and the
 * public keys (Node KeyObjects) of subjectPublicKeyInfos. The same signer certificate appears in
 * every message of a mail spool and in hundreds of corpus messages; reading it and turning its key
 * into a KeyObject (createPublicKey, a quarter of the time of a small SignedData) are pure
 * functions of the bytes (checkers/x509/certificate.ts depends on the bytes alone), so the result
 * of the first message serves the next. Bounded, oldest entry evicted first.
 */
import { createHash, type KeyObject } from 'node:crypto';
import { readCertificate, type CertificateRead } from './certificate.ts';

const MAX_ENTRIES = 512;

/** A map that forgets its oldest entry when full. */
class BoundedCache<V> {
  private readonly map = new Map<string, V>();
  hits = 0;
  misses = 0;

  get(key: string, make: () => V): V {
    const hit = this.map.get(key);
    if (hit !== undefined || this.map.has(key)) {
      this.hits++;
      return hit as V;
    }
    this.misses++;
    const v = make();
    if (this.map.size >= MAX_ENTRIES) this.map.delete(this.map.keys().next().value as string);
    this.map.set(key, v);
    return v;
  }
}

const certificates = new BoundedCache<CertificateRead>();
const publicKeys = new BoundedCache<KeyObject | null>();

/**
 * The key of a byte string: the bytes themselves as a latin1 string for small inputs (a Map
 * compares them exactly, no hash collision possible), a SHA-256 digest for large ones.
 */
function keyOf(bytes: Uint8Array): string {
  if (bytes.length <= 4096) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
  return `#${createHash('sha256').update(bytes).digest('base64')}`;
}

export function readCertificateCached(der: Uint8Array): CertificateRead {
  // The view must not alias a caller's buffer that may be reused: keep our own copy.
  return certificates.get(keyOf(der), () => readCertificate(Uint8Array.from(der)));
}

/** The KeyObject of a DER subjectPublicKeyInfo, made once per distinct SPKI; null when Node refuses it. */
export function publicKeyCached(spki: Uint8Array, make: (spki: Uint8Array) => KeyObject | null): KeyObject | null {
  return publicKeys.get(keyOf(spki), () => make(Uint8Array.from(spki)));
}

/** Hit and miss counts, for the benchmark and the cache tests. */
export function cacheStats(): { certificates: { hits: number; misses: number }; publicKeys: { hits: number; misses: number } } {
  return { certificates: { hits: certificates.hits, misses: certificates.misses }, publicKeys: { hits: publicKeys.hits, misses: publicKeys.misses } };
}

const issuerSignatures = new BoundedCache<boolean | 'unsupported'>();

/**
 * Whether the issuer key `spki` verifies the signature on the certificate `der`: a pure function
 * of the two byte strings (the signature, its algorithm and the tbsCertificate are all in `der`),
 * so a path through the same CA is verified once per run, not once per message.
 */
export function issuerSignatureCached(der: Uint8Array, spki: Uint8Array, verify: () => boolean | 'unsupported'): boolean | 'unsupported' {
  return issuerSignatures.get(`${keyOf(der)}\u0000${keyOf(spki)}`, verify);
}
