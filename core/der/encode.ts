/**
 * A small DER/BER encoder that works on bytes, not on an object model.
 *
 * Every function returns the complete TLV as a Uint8Array, so a caller can splice, reorder or
 * corrupt any byte afterwards; this is what the corpus generator needs for both correct messages
 * and deliberately broken ones. DER is the default; the BER forms (indefinite length, constructed
 * strings, unsorted SET OF) are separate, explicitly named functions so that BER never appears by
 * accident.
 */

export const TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8_STRING: 0x0c,
  SEQUENCE: 0x30,
  SET: 0x31,
  PRINTABLE_STRING: 0x13,
  T61_STRING: 0x14,
  IA5_STRING: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  VISIBLE_STRING: 0x1a,
  BMP_STRING: 0x1e,
} as const;

export function concat(...parts: readonly Uint8Array[]): Uint8Array {
  let size = 0;
  for (const p of parts) size += p.length;
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Minimal definite length octets (X.690 8.1.3, DER 10.1). */
export function encodeLength(length: number): Uint8Array {
  if (!Number.isSafeInteger(length) || length < 0) throw new RangeError(`bad length ${length}`);
  if (length < 0x80) return Uint8Array.of(length);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

/** A definite-length TLV with a one-byte identifier (all tags this project needs are < 31). */
export function tlv(tag: number, ...content: readonly Uint8Array[]): Uint8Array {
  const body = concat(...content);
  return concat(Uint8Array.of(tag), encodeLength(body.length), body);
}

export const seq = (...items: readonly Uint8Array[]): Uint8Array => tlv(TAG.SEQUENCE, ...items);

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** DER SET OF: elements sorted by their encodings (X.690 11.6). */
export function setOf(...items: readonly Uint8Array[]): Uint8Array {
  return tlv(TAG.SET, ...[...items].sort(compareBytes));
}

/**
 * DER SET (not SET OF) of components with distinct tags: ordered by tag (class, then number) as
 * X.690 10.3 and X.680 8.6 require. The constructed bit is not part of the tag, so a SET (17)
 * precedes a PrintableString (19) although its identifier octet (0x31) is larger (0x13).
 */
export function setOfComponents(...items: readonly Uint8Array[]): Uint8Array {
  const key = (b: Uint8Array) => ((b[0] as number) & 0xc0) * 256 + ((b[0] as number) & 0x1f);
  return tlv(TAG.SET, ...[...items].sort((a, b) => key(a) - key(b)));
}

/** A SET whose element order is kept as given (BER, or a deliberate DER violation). */
export const setUnsorted = (...items: readonly Uint8Array[]): Uint8Array => tlv(TAG.SET, ...items);

/** Sorts encodings as DER SET OF requires; exposed for building [0] IMPLICIT SET OF fields. */
export const derSort = (items: readonly Uint8Array[]): Uint8Array[] => [...items].sort(compareBytes);

export const nul = (): Uint8Array => Uint8Array.of(TAG.NULL, 0);
export const bool = (v: boolean): Uint8Array => Uint8Array.of(TAG.BOOLEAN, 1, v ? 0xff : 0);

/** Two's-complement minimal INTEGER content for a non-negative or negative bigint. */
export function integerContent(value: bigint): Uint8Array {
  if (value === 0n) return Uint8Array.of(0);
  const bytes: number[] = [];
  let v = value;
  if (v > 0n) {
    while (v > 0n) {
      bytes.unshift(Number(v & 0xffn));
      v >>= 8n;
    }
    if ((bytes[0] as number) & 0x80) bytes.unshift(0);
  } else {
    while (v < -1n || bytes.length === 0 || !((bytes[0] as number) & 0x80)) {
      bytes.unshift(Number(v & 0xffn));
      v >>= 8n;
      if (v === -1n && (bytes[0] as number) & 0x80) break;
    }
  }
  return Uint8Array.from(bytes);
}

export function int(value: number | bigint): Uint8Array {
  return tlv(TAG.INTEGER, integerContent(BigInt(value)));
}

/** INTEGER from unsigned big-endian magnitude bytes (serial numbers, RSA moduli). */
export function uintBytes(magnitude: Uint8Array): Uint8Array {
  let start = 0;
  while (start < magnitude.length - 1 && magnitude[start] === 0) start++;
  const m = magnitude.subarray(start);
  const needsPad = ((m[0] ?? 0) & 0x80) !== 0;
  return tlv(TAG.INTEGER, needsPad ? concat(Uint8Array.of(0), m) : m.length ? m : Uint8Array.of(0));
}

export function bigintToBytes(value: bigint, size?: number): Uint8Array {
  const hex = value.toString(16);
  const raw = Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
  if (size === undefined) return new Uint8Array(raw);
  if (raw.length > size) throw new RangeError('value does not fit');
  const out = new Uint8Array(size);
  out.set(raw, size - raw.length);
  return out;
}

export function bytesToBigint(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${Buffer.from(bytes).toString('hex')}`);
}

export function oidContent(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map((a) => BigInt(a));
  if (arcs.length < 2) throw new RangeError(`OID needs two arcs: ${dotted}`);
  const [a0, a1, ...rest] = arcs as [bigint, bigint, ...bigint[]];
  const out: number[] = [];
  for (const arc of [a0 * 40n + a1, ...rest]) {
    const chunk: number[] = [Number(arc & 0x7fn)];
    for (let v = arc >> 7n; v > 0n; v >>= 7n) chunk.unshift(Number(v & 0x7fn) | 0x80);
    out.push(...chunk);
  }
  return Uint8Array.from(out);
}

export const oid = (dotted: string): Uint8Array => tlv(TAG.OID, oidContent(dotted));

export const octets = (value: Uint8Array): Uint8Array => tlv(TAG.OCTET_STRING, value);

export const bitString = (value: Uint8Array, unusedBits = 0): Uint8Array =>
  tlv(TAG.BIT_STRING, Uint8Array.of(unusedBits), value);

const text = (tag: number) => (s: string): Uint8Array => tlv(tag, new TextEncoder().encode(s));
export const utf8 = text(TAG.UTF8_STRING);
export const printable = text(TAG.PRINTABLE_STRING);
export const ia5 = text(TAG.IA5_STRING);
export const visible = text(TAG.VISIBLE_STRING);
export function bmp(s: string): Uint8Array {
  const b = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) {
    b[2 * i] = s.charCodeAt(i) >> 8;
    b[2 * i + 1] = s.charCodeAt(i) & 0xff;
  }
  return tlv(TAG.BMP_STRING, b);
}

/** UTCTime, DER form YYMMDDHHMMSSZ; the caller passes the 13 characters. */
export const utcTime = (s: string): Uint8Array => tlv(TAG.UTC_TIME, new TextEncoder().encode(s));
/** GeneralizedTime, DER form YYYYMMDDHHMMSSZ. */
export const generalizedTime = (s: string): Uint8Array =>
  tlv(TAG.GENERALIZED_TIME, new TextEncoder().encode(s));

/**
 * RFC 5280 4.1.2.5 / RFC 5652 11.3 Time: UTCTime for 1950-2049, GeneralizedTime otherwise.
 * Input is an ISO instant like 2030-01-02T03:04:05Z.
 */
export function time(iso: string): Uint8Array {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/.exec(iso);
  if (!m) throw new RangeError(`time must be YYYY-MM-DDTHH:MM:SSZ: ${iso}`);
  const [, y, mo, d, h, mi, s] = m as unknown as [string, string, string, string, string, string, string];
  const year = Number(y);
  const rest = `${mo}${d}${h}${mi}${s}Z`;
  return year >= 1950 && year < 2050 ? utcTime(`${y.slice(2)}${rest}`) : generalizedTime(`${y}${rest}`);
}

/** [n] EXPLICIT: a constructed context-specific wrapper. */
export const explicit = (n: number, ...inner: readonly Uint8Array[]): Uint8Array => tlv(0xa0 | n, ...inner);

/**
 * [n] IMPLICIT applied to an already encoded TLV: swaps the identifier octet for a
 * context-specific one, keeping the constructed bit.
 */
export function implicit(n: number, encoded: Uint8Array): Uint8Array {
  const out = Uint8Array.from(encoded);
  out[0] = ((encoded[0] as number) & 0x20) | 0x80 | n;
  return out;
}

/** Context-specific primitive [n] with raw content (e.g. [0] IMPLICIT OCTET STRING). */
export const ctxPrimitive = (n: number, content: Uint8Array): Uint8Array => tlv(0x80 | n, content);
/** Context-specific constructed [n] holding the given elements (IMPLICIT SET OF / SEQUENCE OF). */
export const ctxConstructed = (n: number, ...items: readonly Uint8Array[]): Uint8Array => tlv(0xa0 | n, ...items);

/** The content octets of a definite-length TLV (used to re-tag, e.g. signed attributes). */
export function contentOf(encoded: Uint8Array): Uint8Array {
  const first = encoded[1] as number;
  if (first < 0x80) return encoded.subarray(2, 2 + first);
  const n = first & 0x7f;
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + (encoded[2 + i] as number);
  return encoded.subarray(2 + n, 2 + n + len);
}

/** Replaces the identifier octet of an encoded TLV. */
export function retag(encoded: Uint8Array, tag: number): Uint8Array {
  const out = Uint8Array.from(encoded);
  out[0] = tag;
  return out;
}

/** BER forms, named so that they are never used by accident. */
export const ber = {
  /** Constructed TLV with indefinite length and end-of-contents octets (X.690 8.1.3.6). */
  indefinite(tag: number, ...items: readonly Uint8Array[]): Uint8Array {
    return concat(Uint8Array.of(tag | 0x20), Uint8Array.of(0x80), ...items, Uint8Array.of(0, 0));
  },
  /**
   * OCTET STRING in constructed form, indefinite length, split into chunks of `chunk` bytes, or
   * into segments of the listed sizes (which must add up to the value's length).
   */
  constructedOctets(value: Uint8Array, chunk: number | readonly number[], tag: number = TAG.OCTET_STRING): Uint8Array {
    const parts: Uint8Array[] = [];
    if (typeof chunk === 'number') {
      for (let i = 0; i < value.length; i += chunk) parts.push(octets(value.subarray(i, i + chunk)));
    } else {
      let at = 0;
      for (const size of chunk) parts.push(octets(value.subarray(at, (at += size))));
      if (at !== value.length) throw new RangeError(`segments cover ${at} of ${value.length} octets`);
    }
    if (parts.length === 0) parts.push(octets(new Uint8Array(0)));
    return ber.indefinite(tag, ...parts);
  },
};
