/**
 * A minimal, bounded TLV walker for well-formed DER the project itself produced or loaded (keys,
 * certificates). It is strict about bounds and nothing else; the checkers' strict DER/BER reader
 * with defect reporting is a separate module. Every overrun throws a precise Error.
 */
export interface Tlv {
  readonly tag: number;
  readonly constructed: boolean;
  /** Offset of the identifier octet. */
  readonly start: number;
  /** Offset of the first content octet. */
  readonly contentStart: number;
  /** Offset just past the last content octet. */
  readonly end: number;
}

export function readTlv(bytes: Uint8Array, at = 0): Tlv {
  if (at + 2 > bytes.length) throw new Error(`tlv: header runs past end at offset ${at}`);
  const tag = bytes[at]!;
  if ((tag & 0x1f) === 0x1f) throw new Error(`tlv: multi-byte tag at offset ${at} not supported`);
  const first = bytes[at + 1]!;
  let length: number;
  let contentStart: number;
  if (first < 0x80) {
    length = first;
    contentStart = at + 2;
  } else {
    const n = first & 0x7f;
    if (n === 0) throw new Error(`tlv: indefinite length at offset ${at}`);
    if (n > 4) throw new Error(`tlv: length of ${n} octets at offset ${at}`);
    if (at + 2 + n > bytes.length) throw new Error(`tlv: length octets run past end at offset ${at}`);
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + bytes[at + 2 + i]!;
    contentStart = at + 2 + n;
  }
  const end = contentStart + length;
  if (end > bytes.length) throw new Error(`tlv: content of ${length} octets at offset ${at} runs past end`);
  return { tag, constructed: (tag & 0x20) !== 0, start: at, contentStart, end };
}

export function children(bytes: Uint8Array, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let at = parent.contentStart; at < parent.end; ) {
    const t = readTlv(bytes, at);
    if (t.end > parent.end) throw new Error(`tlv: child at ${at} overruns its parent`);
    out.push(t);
    at = t.end;
  }
  return out;
}

export const encodedOf = (bytes: Uint8Array, t: Tlv): Uint8Array => bytes.subarray(t.start, t.end);
export const contentBytes = (bytes: Uint8Array, t: Tlv): Uint8Array => bytes.subarray(t.contentStart, t.end);

/** Walks a path of child indexes from the outermost TLV, e.g. [0, 3] = 4th child of the 1st child. */
export function at(bytes: Uint8Array, path: readonly number[]): Tlv {
  let t = readTlv(bytes, 0);
  for (const i of path) {
    const c = children(bytes, t)[i];
    if (!c) throw new Error(`tlv: no child ${i} on path ${path.join('/')}`);
    t = c;
  }
  return t;
}
