/**
 * A small cache of strictly read certificates, keyed by their bytes: the same cast certificate
 * appears in hundreds of corpus messages, and reading it is pure (checkers/x509/certificate.ts
 * depends on the bytes alone). Bounded, oldest entry evicted first.
 */
import { createHash } from 'node:crypto';
import { readCertificate, type CertificateRead } from './certificate.ts';

const MAX_ENTRIES = 512;
const cache = new Map<string, CertificateRead>();

export function readCertificateCached(der: Uint8Array): CertificateRead {
  const key = createHash('sha256').update(der).digest('base64');
  const hit = cache.get(key);
  if (hit) return hit;
  // The view must not alias a caller's buffer that may be reused: keep our own copy.
  const r = readCertificate(Uint8Array.from(der));
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  cache.set(key, r);
  return r;
}
