/**
 * Content that need not be in memory. A signature check needs only the digests of the content
 * (RFC 5652 5.4: message-digest is the digest of the eContent octets), so a large detached content
 * is read from its file in chunks, every digest the signers name computed in the same single pass,
 * and never held whole; a large attached eContent is digested while its message is walked
 * (checkers/stream/walk.ts) and arrives here as digests only.
 *
 * `ContentSource` is the chunked reader; `SignedContent` what the signature rules consume: the
 * digests, and the bytes themselves only when they are in memory anyway.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { createHash, type Hash } from 'node:crypto';
import { OID } from '../../core/oids.ts';
import { digest, hashName } from './algorithms.ts';

/** Content read sequentially in chunks; each chunk is valid only during the call that receives it. */
export interface ContentSource {
  readonly size: number;
  /** Where it comes from, for messages ("--content big.bin"). */
  readonly label: string;
  /** Feeds the whole content to `sink`, chunk by chunk, once. */
  read(sink: (chunk: Uint8Array) => void): void;
}

const CHUNK = 1 << 20;

/** A file read in 1 MiB chunks through one reused buffer. */
export function fileSource(path: string, label = path): ContentSource {
  const fd = openSync(path, 'r');
  let size: number;
  try {
    size = fstatSync(fd).size;
  } finally {
    closeSync(fd);
  }
  return {
    size, label,
    read(sink) {
      const f = openSync(path, 'r');
      try {
        const buf = new Uint8Array(Math.min(CHUNK, Math.max(1, size)));
        for (;;) {
          const n = readSync(f, buf, 0, buf.length, null);
          if (n === 0) break;
          sink(buf.subarray(0, n));
        }
      } finally {
        closeSync(f);
      }
    },
  };
}

/** A streaming hash for a digest algorithm OID, or null when this checker has none. */
export function hashFor(oid: string): Hash | null {
  if (oid === OID.shake256Len || oid === OID.shake256) return createHash('shake256', { outputLength: 64 });
  const name = hashName(oid);
  return name ? createHash(name) : null;
}

/**
 * What the signature rules need of the content: its size, its digest under an algorithm (null when
 * unsupported, 'not-computed' when the content was streamed and the algorithm was not among those
 * computed in the pass), and its bytes when they are in memory (null for streamed content).
 */
export interface SignedContent {
  readonly size: number;
  readonly bytes: Uint8Array | null;
  digest(oid: string): Uint8Array | null | 'not-computed';
}

export function inMemory(bytes: Uint8Array): SignedContent {
  const memo = new Map<string, Uint8Array | null>();
  return {
    size: bytes.length, bytes,
    digest(oid) {
      if (!memo.has(oid)) memo.set(oid, digest(oid, bytes));
      return memo.get(oid)!;
    },
  };
}

/** Digests already computed over streamed content (checkers/stream/walk.ts), by OID. */
export function precomputed(size: number, digests: ReadonlyMap<string, Uint8Array>): SignedContent {
  return { size, bytes: null, digest: (oid) => digests.get(oid) ?? (hashFor(oid) ? 'not-computed' : null) };
}

/** Feeds chunks to one hash per supported OID; `result` ends them. */
export function multiDigest(oids: Iterable<string>): { update(chunk: Uint8Array): void; result(): Map<string, Uint8Array> } {
  const hashes = new Map<string, Hash>();
  for (const oid of oids) {
    const h = hashFor(oid);
    if (h && !hashes.has(oid)) hashes.set(oid, h);
  }
  return {
    update: (chunk) => {
      for (const h of hashes.values()) h.update(chunk);
    },
    result: () => new Map([...hashes].map(([oid, h]) => [oid, new Uint8Array(h.digest())])),
  };
}

/**
 * A content source digested under every algorithm in `oids`, in one pass made at the first
 * digest asked for: the source is read once, whatever the number of signers.
 */
export function streamedDigests(source: ContentSource, oids: readonly string[]): SignedContent {
  let digests: Map<string, Uint8Array> | null = null;
  return {
    size: source.size, bytes: null,
    digest(oid) {
      if (!digests) {
        const m = multiDigest(oids);
        source.read((c) => m.update(c));
        digests = m.result();
      }
      return digests.get(oid) ?? (hashFor(oid) ? 'not-computed' : null);
    },
  };
}

/** The whole content of a source, for the content types that compare recovered content byte for byte. */
export function wholeContent(source: ContentSource): Uint8Array {
  const out = new Uint8Array(source.size);
  let at = 0;
  source.read((c) => {
    if (at + c.length > out.length) throw new Error(`${source.label} grew while it was read`);
    out.set(c, at);
    at += c.length;
  });
  return at === out.length ? out : out.subarray(0, at);
}
