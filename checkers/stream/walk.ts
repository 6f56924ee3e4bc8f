/**
 * The streaming path for a large attached SignedData (issue 9), as `openssl cms -sign -stream`
 * writes it: indefinite lengths, eContent a constructed OCTET STRING of any number of chunks. The
 * message is read once, front to back, through a bounded window; the outer structure is walked
 * along ContentInfo.content -> SignedData.encapContentInfo.eContent, every other field copied as
 * it is, and the eContent's octets fed to the digests that SignedData.digestAlgorithms names
 * (they precede encapContentInfo) without being kept. What comes out is a skeleton: the same
 * message with the eContent replaced by an empty OCTET STRING of the same form (primitive,
 * constructed definite, constructed indefinite), the definite lengths around it re-encoded, and a
 * map from skeleton offsets back to file offsets. The static rules run on the skeleton and see
 * the same structure as on the whole message; the signature rules get the digests.
 *
 * Anything else (another content type, a detached or non-id-data eContent, a segment that is not
 * an OCTET STRING, a malformed header) returns a reason instead: the caller then reads the
 * message whole, where the strict reader reports it precisely. The first 8 KiB of the eContent
 * are kept, so that checkers/stream/check-stream.ts can send an eContent that is itself an S/MIME
 * layer (triple wrapping, whose inner layer rules read) to the whole read too.
 */
import { readDer, contentOf } from '../../core/der/reader.ts';
import { decodeOid } from '../../core/der/values.ts';
import { OID } from '../../core/oids.ts';
import { multiDigest } from '../crypto/content-source.ts';
import type { MessageSource } from './message-source.ts';

const WINDOW = 1 << 20;
const STAGING = 256 * 1024;
const HEAD = 8 * 1024;

/** A piece of the skeleton: bytes copied from `file` (verbatim), or written for a field that spans `fileLength` there. */
interface Part {
  readonly bytes: Uint8Array;
  readonly file: number;
  readonly fileLength: number;
  readonly verbatim: boolean;
}

interface Header {
  readonly offset: number;
  readonly cls: number;
  readonly constructed: boolean;
  readonly tag: number;
  readonly headerLength: number;
  /** null: indefinite. */
  readonly length: number | null;
  /** The length octets were not minimal (kept so, so the skeleton has the same defect). */
  readonly nonMinimal: boolean;
}

export interface Walked {
  readonly skeleton: Uint8Array;
  readonly digests: Map<string, Uint8Array>;
  readonly contentSize: number;
  readonly segments: number;
  /** The first octets of the eContent (at most 8 KiB). */
  readonly head: Uint8Array;
  /** File offset and length of a skeleton range. */
  readonly toFile: (offset: number, length: number) => { offset: number; length: number };
}

class Bail extends Error {}

/** Sequential reads through one reused window: never a byte twice, never more than WINDOW at once. */
class Input {
  private buf = new Uint8Array(WINDOW);
  private start = 0;
  private len = 0;
  pos = 0;

  constructor(private readonly src: MessageSource) {}

  get size(): number {
    return this.src.size;
  }

  /** At least `n` octets from pos in the window, unless the message ends first; returns how many. */
  ensure(n: number): number {
    const have = this.start + this.len - this.pos;
    if (have >= n) return have;
    const keep = this.buf.subarray(this.pos - this.start, this.len);
    this.buf.copyWithin(0, this.pos - this.start, this.len);
    this.start = this.pos;
    this.len = keep.length;
    while (this.len < n && this.start + this.len < this.src.size) {
      const got = this.src.read(this.buf.subarray(this.len), this.start + this.len);
      if (got <= 0) break;
      this.len += got;
    }
    return this.len;
  }

  at(i: number): number {
    return this.buf[i - this.start]!;
  }

  /** Passes `n` octets from pos to `sink` as views, advancing; throws Bail when the message is shorter. */
  take(n: number, sink: (chunk: Uint8Array) => void): void {
    let left = n;
    while (left > 0) {
      const avail = this.ensure(1) === 0 ? 0 : Math.min(left, this.start + this.len - this.pos);
      if (avail <= 0) throw new Bail('the message ends inside a value');
      sink(this.buf.subarray(this.pos - this.start, this.pos - this.start + avail));
      this.pos += avail;
      left -= avail;
    }
  }

  copy(n: number): Uint8Array {
    const out = new Uint8Array(n);
    let at = 0;
    this.take(n, (c) => {
      out.set(c, at);
      at += c.length;
    });
    return out;
  }
}

function header(inp: Input): Header {
  const offset = inp.pos;
  const avail = inp.ensure(16);
  if (avail < 2) throw new Bail('truncated header');
  const first = inp.at(offset);
  let p = offset + 1;
  let tag = first & 0x1f;
  if (tag === 0x1f) {
    tag = 0;
    for (let n = 0; ; n++) {
      if (n >= 4 || p >= offset + avail) throw new Bail('long tag');
      const v = inp.at(p++);
      tag = tag * 128 + (v & 0x7f);
      if (!(v & 0x80)) break;
    }
  }
  if (p >= offset + avail) throw new Bail('truncated header');
  const l0 = inp.at(p++);
  let length: number | null;
  let nonMinimal = false;
  if (l0 < 0x80) length = l0;
  else if (l0 === 0x80) length = null;
  else {
    const n = l0 & 0x7f;
    if (n > 6 || l0 === 0xff || p + n > offset + avail) throw new Bail('length octets');
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + inp.at(p + i);
    nonMinimal = inp.at(p) === 0 || length < 0x80;
    p += n;
  }
  if (length === null && !(first & 0x20)) throw new Bail('indefinite primitive');
  return { offset, cls: first >> 6, constructed: (first & 0x20) !== 0, tag, headerLength: p - offset, length, nonMinimal };
}

const isEoc = (inp: Input): boolean => inp.ensure(2) >= 2 && inp.at(inp.pos) === 0 && inp.at(inp.pos + 1) === 0;

/** Length octets for `n`: minimal, or with `octets` octets when the original was not minimal. */
function lengthOctets(n: number, nonMinimal: boolean, octets: number): number[] {
  if (n < 0x80 && !nonMinimal) return [n];
  const out: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) out.unshift(v % 256);
  while (nonMinimal && out.length < Math.max(octets, 1)) out.unshift(0);
  return [0x80 | out.length, ...out];
}

/** ContentInfo.content [0] -> SignedData -> encapContentInfo -> eContent [0] -> the OCTET STRING. */
const PATH = [1, 0, 2, 1, 0] as const;
/** Expected (class, tag) of each node on the path, root first: SEQUENCE, [0], SEQUENCE, SEQUENCE, [0]. */
const SHAPE: readonly (readonly [number, number])[] = [[0, 16], [2, 0], [0, 16], [0, 16], [2, 0]];

class Walker {
  digestOids: string[] = [];
  digest: ReturnType<typeof multiDigest> | null = null;
  contentSize = 0;
  segments = 0;

  constructor(private readonly inp: Input, private readonly maxDepth: number) {}

  /** The whole of one value, copied verbatim (definite: header and content; indefinite: walked). */
  copyNode(depth: number): Part[] {
    if (depth > this.maxDepth) throw new Bail('too deep');
    const h = header(this.inp);
    if (h.length !== null) {
      const bytes = this.inp.copy(h.headerLength + h.length);
      return [{ bytes, file: h.offset, fileLength: bytes.length, verbatim: true }];
    }
    const parts: Part[] = [{ bytes: this.inp.copy(h.headerLength), file: h.offset, fileLength: h.headerLength, verbatim: true }];
    while (!isEoc(this.inp)) parts.push(...this.copyNode(depth + 1));
    parts.push({ bytes: this.inp.copy(2), file: this.inp.pos - 2, fileLength: 2, verbatim: true });
    return parts;
  }

  /** A node on PATH at `level`: its children copied, the one on the path walked. */
  pathNode(level: number): Part[] {
    const h = header(this.inp);
    const [cls, tag] = SHAPE[level]!;
    if (h.cls !== cls || h.tag !== tag || !h.constructed) throw new Bail(`not the SignedData shape at level ${level}`);
    const headerBytes = this.inp.copy(h.headerLength);
    const end = h.length === null ? null : this.inp.pos + h.length;
    const children: Part[] = [];
    let walked = false;
    for (let i = 0; end === null ? !isEoc(this.inp) : this.inp.pos < end; i++) {
      if (this.inp.ensure(1) === 0) throw new Bail('the message ends inside a value');
      if (i === PATH[level]) {
        walked = true;
        children.push(...(level === PATH.length - 1 ? this.eContent() : this.pathNode(level + 1)));
      }
      else {
        const copied = this.copyNode(level + 1);
        children.push(...copied);
        this.inspect(level, i, copied);
      }
    }
    if (end !== null && this.inp.pos !== end) throw new Bail('a value runs past its container');
    const eoc = end === null ? [{ bytes: this.inp.copy(2), file: this.inp.pos - 2, fileLength: 2, verbatim: true }] : [];
    if (!walked) throw new Bail(level === 3 ? 'no eContent (a detached signature)' : `no field ${PATH[level]} at level ${level}`);
    if (h.length === null) return [{ bytes: headerBytes, file: h.offset, fileLength: h.headerLength, verbatim: true }, ...children, ...eoc];
    const inner = children.reduce((a, p) => a + p.bytes.length, 0);
    const rewritten = Uint8Array.from([headerBytes[0]!, ...headerBytes.subarray(1, h.headerLength - lengthOctetCount(headerBytes)), ...lengthOctets(inner, h.nonMinimal, lengthOctetCount(headerBytes) - 1)]);
    return [{ bytes: rewritten, file: h.offset, fileLength: h.headerLength, verbatim: false }, ...children];
  }

  /** Checks what the walk depends on: a SignedData, id-data content; reads digestAlgorithms. */
  private inspect(level: number, index: number, copied: Part[]): void {
    const oidOf = (): string | null => {
      const b = copied.length === 1 ? copied[0]!.bytes : null;
      const r = b ? readDer(b) : null;
      if (!b || !r?.root || r.root.tag !== 6 || r.root.cls !== 'universal') return null;
      const d = decodeOid(contentOf(b, r.root));
      return d.ok ? d.value : null;
    };
    if (level === 0 && index === 0 && oidOf() !== OID.signedData) throw new Bail('not a SignedData');
    if (level === 3 && index === 0 && oidOf() !== OID.data) throw new Bail('eContentType is not id-data');
    if (level === 2 && index === 1) {
      const b = copied.length === 1 ? copied[0]!.bytes : null;
      const set = b ? readDer(b).root : null;
      if (!b || !set) throw new Bail('digestAlgorithms unreadable');
      for (const alg of set.children) {
        const id = alg.children[0];
        const d = id && id.tag === 6 ? decodeOid(contentOf(b, id)) : null;
        if (d?.ok) this.digestOids.push(d.value);
      }
    }
  }

  /** The eContent OCTET STRING: its octets digested, not kept; an empty one of the same form in its place. */
  private eContent(): Part[] {
    const start = this.inp.pos;
    const h = header(this.inp);
    if (h.cls !== 0 || h.tag !== 4) throw new Bail('eContent is not an OCTET STRING');
    this.digest = multiDigest(this.digestOids);
    this.segmentsOf(h, 0);
    this.flush();
    const placeholder = !h.constructed ? [0x04, 0x00] : h.length === null ? [0x24, 0x80, 0x04, 0x00, 0x00, 0x00] : [0x24, 0x02, 0x04, 0x00];
    return [{ bytes: Uint8Array.from(placeholder), file: start, fileLength: this.inp.pos - start, verbatim: false }];
  }

  /**
   * Small segments (openssl writes 4 KiB ones) are gathered into one staging buffer before they
   * reach the hashes: one update per 256 KiB instead of one per segment.
   */
  private readonly staging = new Uint8Array(STAGING);
  private staged = 0;

  /** The first HEAD octets of the eContent, kept: what a rule reading the content's start needs. */
  readonly head = new Uint8Array(HEAD);
  headLength = 0;

  private feed(c: Uint8Array): void {
    if (this.headLength < HEAD) {
      const n = Math.min(HEAD - this.headLength, c.length);
      this.head.set(c.subarray(0, n), this.headLength);
      this.headLength += n;
    }
    if (c.length >= STAGING / 4) {
      this.flush();
      this.digest!.update(c);
      return;
    }
    if (this.staged + c.length > STAGING) this.flush();
    this.staging.set(c, this.staged);
    this.staged += c.length;
  }

  private flush(): void {
    if (this.staged) this.digest!.update(this.staging.subarray(0, this.staged));
    this.staged = 0;
  }

  /** Feeds the octets of an OCTET STRING (primitive, or constructed of OCTET STRINGs, X.690 8.7.3) to the digests; `h` is read. */
  private segmentsOf(h: Header, depth: number): void {
    if (depth > this.maxDepth) throw new Bail('too deep');
    if (!h.constructed) {
      this.segments++;
      this.contentSize += h.length!;
      this.inp.pos += h.headerLength;
      this.inp.take(h.length!, (c) => this.feed(c));
      return;
    }
    this.inp.pos += h.headerLength;
    const end = h.length === null ? null : this.inp.pos + h.length;
    while (end === null ? !isEoc(this.inp) : this.inp.pos < end) {
      const c = header(this.inp);
      if (c.cls !== 0 || c.tag !== 4) throw new Bail('a segment of eContent is not an OCTET STRING');
      this.segmentsOf(c, depth + 1);
    }
    if (end !== null && this.inp.pos !== end) throw new Bail('a segment runs past eContent');
    if (end === null) this.inp.pos += 2;
  }
}

/** How many octets the length field of a header takes (1 for short form). */
function lengthOctetCount(headerBytes: Uint8Array): number {
  let p = 1;
  if ((headerBytes[0]! & 0x1f) === 0x1f) while (headerBytes[p++]! & 0x80);
  const l0 = headerBytes[p]!;
  return l0 < 0x80 || l0 === 0x80 ? 1 : 1 + (l0 & 0x7f);
}

/** Walks the message; the skeleton and digests, or why the streaming path does not apply. */
export function walkSignedData(src: MessageSource, o: { maxDepth: number }): { ok: true; walked: Walked } | { ok: false; reason: string } {
  const inp = new Input(src);
  const w = new Walker(inp, o.maxDepth);
  let parts: Part[];
  try {
    parts = w.pathNode(0);
    if (inp.pos !== src.size) throw new Bail('octets after the ContentInfo');
  } catch (e) {
    if (e instanceof Bail) return { ok: false, reason: e.message };
    throw e;
  }
  const skeleton = new Uint8Array(parts.reduce((a, p) => a + p.bytes.length, 0));
  const starts: number[] = [];
  let at = 0;
  for (const p of parts) {
    starts.push(at);
    skeleton.set(p.bytes, at);
    at += p.bytes.length;
  }
  const find = (o: number): number => {
    let lo = 0;
    let hi = parts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const start = (o: number): number => {
    const i = find(o);
    const p = parts[i]!;
    return p.verbatim ? p.file + Math.min(o - starts[i]!, p.fileLength) : p.file;
  };
  const end = (o: number): number => {
    if (o <= 0) return 0;
    const i = find(o - 1);
    const p = parts[i]!;
    return p.verbatim ? p.file + (o - starts[i]!) : p.file + p.fileLength;
  };
  const toFile = (offset: number, length: number) => {
    const s = start(offset);
    return { offset: s, length: Math.max(0, end(offset + length) - s) };
  };
  return { ok: true, walked: { skeleton, digests: w.digest!.result(), contentSize: w.contentSize, segments: w.segments, head: w.head.subarray(0, w.headLength), toFile } };
}
