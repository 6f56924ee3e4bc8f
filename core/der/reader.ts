/**
 * The strict DER/BER reader the checkers stand on. It never throws and never allocates in
 * proportion to a length claim: every node is a view (offsets) into the input. It parses BER and
 * records every way the bytes depart from DER as a defect with its byte offset, so a checker can
 * say "indefinite length at offset 17" rather than "parse error". Structural failures (a length
 * running past its parent, nesting deeper than the bound, missing end-of-contents) are defects of
 * kind `fatal`; the tree up to that point is still returned.
 *
 * Bounds: depth (default 64), node count (default 200,000); lengths are checked against the bytes
 * actually present before anything is read, so a 100 MB length claim in a 1 KB file is a finding.
 */
export type TagClass = 'universal' | 'application' | 'context' | 'private';

export interface DerNode {
  readonly cls: TagClass;
  readonly tag: number;
  readonly constructed: boolean;
  /** Offset of the first identifier octet. */
  readonly offset: number;
  readonly headerLength: number;
  /** Content length; for indefinite length, the measured length without the end-of-contents. */
  readonly length: number;
  readonly indefinite: boolean;
  readonly contentOffset: number;
  /** Offset just past the node, end-of-contents included. */
  readonly end: number;
  readonly children: readonly DerNode[];
  readonly depth: number;
}

export type DefectCode =
  | 'indefinite-length' | 'non-minimal-length' | 'constructed-string' | 'non-minimal-tag'
  | 'trailing-data' | 'truncated' | 'length-overflow' | 'too-deep' | 'too-many-nodes'
  | 'missing-eoc' | 'primitive-indefinite' | 'eoc-in-definite' | 'reserved-length' | 'empty-input'
  | 'constructed-primitive-type' | 'primitive-constructed-type';

export interface Defect {
  readonly code: DefectCode;
  readonly offset: number;
  readonly length: number;
  readonly message: string;
  /** fatal: the structure cannot be read past this point; ber: valid BER, not DER. */
  readonly kind: 'fatal' | 'ber';
}

export interface ReadResult {
  readonly root: DerNode | null;
  readonly defects: readonly Defect[];
  /** True when no defect at all: the input is one DER value. */
  readonly isDer: boolean;
  readonly fatal: boolean;
}

export interface ReadOptions {
  readonly maxDepth?: number;
  readonly maxNodes?: number;
  /** Accept bytes after the first value (a checker reading a stream); otherwise trailing-data. */
  readonly allowTrailing?: boolean;
}

/** Universal types that DER requires to be primitive (X.690 10.2) and that BER may construct. */
const STRING_TYPES = new Set([3, 4, 12, 18, 19, 20, 21, 22, 25, 26, 27, 28, 30]);
const ALWAYS_PRIMITIVE = new Set([1, 2, 5, 6, 9, 10, 13, 23, 24]);
const ALWAYS_CONSTRUCTED = new Set([16, 17]);
const CLASSES: readonly TagClass[] = ['universal', 'application', 'context', 'private'];

class Reader {
  readonly defects: Defect[] = [];
  private nodes = 0;
  fatal = false;

  constructor(private readonly b: Uint8Array, private readonly maxDepth: number, private readonly maxNodes: number) {}

  private defect(code: DefectCode, offset: number, length: number, message: string, kind: 'fatal' | 'ber'): void {
    this.defects.push({ code, offset, length, message, kind });
    if (kind === 'fatal') this.fatal = true;
  }

  /** Reads one node at `at`, not past `limit`. Returns null after a fatal defect. */
  node(at: number, limit: number, depth: number): DerNode | null {
    const b = this.b;
    if (++this.nodes > this.maxNodes) {
      this.defect('too-many-nodes', at, 0, `more than ${this.maxNodes} nodes`, 'fatal');
      return null;
    }
    if (depth > this.maxDepth) {
      this.defect('too-deep', at, 0, `nesting deeper than ${this.maxDepth} levels`, 'fatal');
      return null;
    }
    if (at >= limit) {
      this.defect('truncated', at, 0, 'identifier octet missing', 'fatal');
      return null;
    }
    const first = b[at]!;
    const cls = CLASSES[first >> 6]!;
    const constructed = (first & 0x20) !== 0;
    let tag = first & 0x1f;
    let p = at + 1;
    if (tag === 0x1f) {
      tag = 0;
      if (p < limit && b[p] === 0x80) this.defect('non-minimal-tag', at, 2, 'high tag number starts with 0x80', 'ber');
      for (let n = 0; ; n++) {
        if (p >= limit) return this.truncated(at, 'tag number runs past the end');
        if (n >= 4) {
          this.defect('length-overflow', at, p - at, 'tag number longer than 4 octets', 'fatal');
          return null;
        }
        const v = b[p++]!;
        tag = tag * 128 + (v & 0x7f);
        if (!(v & 0x80)) break;
      }
      if (tag < 31) this.defect('non-minimal-tag', at, p - at, `tag ${tag} in high-tag-number form`, 'ber');
    }
    if (p >= limit) return this.truncated(at, 'length octet missing');
    const l0 = b[p++]!;
    let length = 0;
    let indefinite = false;
    if (l0 < 0x80) {
      length = l0;
    } else if (l0 === 0x80) {
      indefinite = true;
      if (!constructed) {
        this.defect('primitive-indefinite', at, p - at, 'indefinite length on a primitive encoding', 'fatal');
        return null;
      }
      this.defect('indefinite-length', at, p - at, 'indefinite length (BER; DER requires definite)', 'ber');
    } else if (l0 === 0xff) {
      this.defect('reserved-length', at, p - at, 'length octet 0xFF is reserved (X.690 8.1.3.5)', 'fatal');
      return null;
    } else {
      const n = l0 & 0x7f;
      if (p + n > limit) return this.truncated(at, 'length octets run past the end');
      if (n > 6) {
        this.defect('length-overflow', at, 1 + n, `length of ${n} octets exceeds any input this reader accepts`, 'fatal');
        return null;
      }
      for (let i = 0; i < n; i++) length = length * 256 + b[p + i]!;
      if (b[p] === 0) this.defect('non-minimal-length', at, 1 + n, 'length octets start with 0x00', 'ber');
      else if (length < 0x80) this.defect('non-minimal-length', at, 1 + n, `long form for length ${length} < 128`, 'ber');
      p += n;
    }
    const headerLength = p - at;
    if (cls === 'universal') this.typeForm(tag, constructed, at, headerLength);
    if (!indefinite && p + length > limit) {
      this.defect('length-overflow', at, headerLength, `length ${length} runs past the end of its container (${limit - p} octets left)`, 'fatal');
      return null;
    }
    const children: DerNode[] = [];
    let end: number;
    if (!constructed) {
      end = p + length;
    } else if (!indefinite) {
      end = p + length;
      for (let q = p; q < end; ) {
        if (b[q] === 0 && b[q + 1] === 0 && q + 1 < end) {
          this.defect('eoc-in-definite', q, 2, 'end-of-contents inside a definite-length encoding', 'fatal');
          return null;
        }
        const c = this.node(q, end, depth + 1);
        if (!c) return null;
        children.push(c);
        q = c.end;
      }
    } else {
      let q = p;
      for (;;) {
        if (q + 2 > limit) {
          this.defect('missing-eoc', at, limit - at, 'indefinite length without end-of-contents', 'fatal');
          return null;
        }
        if (b[q] === 0 && b[q + 1] === 0) break;
        const c = this.node(q, limit, depth + 1);
        if (!c) return null;
        children.push(c);
        q = c.end;
      }
      length = q - p;
      end = q + 2;
    }
    return { cls, tag, constructed, offset: at, headerLength, length, indefinite, contentOffset: p, end, children, depth };
  }

  private typeForm(tag: number, constructed: boolean, at: number, len: number): void {
    if (constructed && STRING_TYPES.has(tag)) this.defect('constructed-string', at, len, `constructed encoding of string type ${tag} (BER; DER requires primitive)`, 'ber');
    else if (constructed && ALWAYS_PRIMITIVE.has(tag)) this.defect('constructed-primitive-type', at, len, `universal type ${tag} must be primitive`, 'fatal');
    else if (!constructed && ALWAYS_CONSTRUCTED.has(tag)) this.defect('primitive-constructed-type', at, len, `SEQUENCE/SET (${tag}) must be constructed`, 'fatal');
  }

  private truncated(at: number, why: string): null {
    this.defect('truncated', at, this.b.length - at, why, 'fatal');
    return null;
  }
}

export function readDer(bytes: Uint8Array, options: ReadOptions = {}): ReadResult {
  if (bytes.length === 0) {
    return { root: null, defects: [{ code: 'empty-input', offset: 0, length: 0, message: 'no bytes', kind: 'fatal' }], isDer: false, fatal: true };
  }
  const r = new Reader(bytes, options.maxDepth ?? 64, options.maxNodes ?? 200_000);
  const root = r.node(0, bytes.length, 0);
  if (root && root.end < bytes.length && !options.allowTrailing) {
    r.defects.push({ code: 'trailing-data', offset: root.end, length: bytes.length - root.end, message: `${bytes.length - root.end} octets after the end of the value`, kind: 'fatal' });
    r.fatal = true;
  }
  return { root, defects: r.defects, isDer: r.defects.length === 0, fatal: r.fatal };
}

/** Content octets of a primitive node (a view, no copy). */
export const contentOf = (bytes: Uint8Array, n: DerNode): Uint8Array => bytes.subarray(n.contentOffset, n.contentOffset + n.length);
/** The whole encoding of a node. */
export const encodingOf = (bytes: Uint8Array, n: DerNode): Uint8Array => bytes.subarray(n.offset, n.end);

/**
 * Content of a string-typed node in either form: primitive, or BER constructed (segments joined).
 * Bounded by the input, since segments are views into it.
 */
export function stringContent(bytes: Uint8Array, n: DerNode): Uint8Array {
  if (!n.constructed) return contentOf(bytes, n);
  const parts: Uint8Array[] = [];
  const walk = (x: DerNode) => (x.constructed ? x.children.forEach(walk) : parts.push(contentOf(bytes, x)));
  walk(n);
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** DER SET OF order (X.690 11.6): index of the first element out of order, or -1. */
export function firstUnsorted(bytes: Uint8Array, set: DerNode): number {
  for (let i = 1; i < set.children.length; i++) {
    if (compare(encodingOf(bytes, set.children[i - 1]!), encodingOf(bytes, set.children[i]!)) > 0) return i;
  }
  return -1;
}

function compare(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}
