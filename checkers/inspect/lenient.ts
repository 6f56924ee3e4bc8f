/**
 * A lenient TLV reader for the inspector, used only when the strict reader (core/der/reader.ts)
 * cannot return a tree (a truncated message, a length claim past the end): it reads what is
 * there, clamping each length to the bytes present and noting where it did, so a broken message
 * is still shown up to the break. Bounded like the strict reader: depth 64, 200,000 nodes.
 */
import type { DerNode, TagClass } from '../../core/der/reader.ts';

const CLASSES: readonly TagClass[] = ['universal', 'application', 'context', 'private'];
const MAX_DEPTH = 64;
const MAX_NODES = 200_000;

export interface LenientRead {
  readonly root: DerNode | null;
  /** Node offset -> what was wrong with its length. */
  readonly notes: ReadonlyMap<number, string>;
}

export function readLenient(b: Uint8Array): LenientRead {
  const notes = new Map<number, string>();
  let nodes = 0;
  const node = (at: number, limit: number, depth: number): DerNode | null => {
    if (at + 2 > limit || depth > MAX_DEPTH || ++nodes > MAX_NODES) return null;
    const first = b[at]!;
    let tag = first & 0x1f;
    let p = at + 1;
    if (tag === 0x1f) {
      tag = 0;
      for (let n = 0; p < limit && n < 4; n++) {
        const v = b[p++]!;
        tag = tag * 128 + (v & 0x7f);
        if (!(v & 0x80)) break;
      }
    }
    if (p >= limit) return null;
    const l0 = b[p++]!;
    const constructed = (first & 0x20) !== 0;
    let length = 0;
    const indefinite = l0 === 0x80;
    if (l0 < 0x80) length = l0;
    else if (!indefinite) {
      const n = l0 & 0x7f;
      if (n > 6 || p + n > limit) return null;
      for (let i = 0; i < n; i++) length = length * 256 + b[p + i]!;
      p += n;
    }
    const headerLength = p - at;
    let end = indefinite ? limit : p + length;
    if (end > limit) {
      notes.set(at, `length claims ${length} octets, ${limit - p} present: shown up to the end`);
      end = limit;
    }
    const children: DerNode[] = [];
    if (constructed) {
      let q = p;
      while (q < end) {
        if (indefinite && b[q] === 0 && b[q + 1] === 0) { end = q + 2; break; }
        const c = node(q, end, depth + 1);
        if (!c) {
          notes.set(at, notes.get(at) ?? `unreadable from offset ${q}`);
          break;
        }
        children.push(c);
        q = c.end;
      }
      if (indefinite && end === limit) notes.set(at, 'indefinite length without end-of-contents');
    }
    const contentLength = Math.max(0, (indefinite ? end - 2 : end) - p);
    return { cls: CLASSES[first >> 6]!, tag, constructed, offset: at, headerLength, length: contentLength, indefinite, contentOffset: p, end, children, depth };
  };
  return { root: node(0, b.length, 0), notes };
}
