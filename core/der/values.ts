/**
 * Strict decoding of primitive values (X.690 8 and the DER restrictions of 10-11). Each decoder
 * returns a value or a precise problem, never throws: the checker turns problems into findings.
 */
export type Decoded<T> = { readonly ok: true; readonly value: T; readonly ber?: string } | { readonly ok: false; readonly error: string };

const ok = <T>(value: T, ber?: string): Decoded<T> => (ber ? { ok: true, value, ber } : { ok: true, value });
const bad = <T>(error: string): Decoded<T> => ({ ok: false, error });

/** INTEGER as bigint; `ber` notes a non-minimal encoding (X.690 8.3.2). */
export function decodeInteger(c: Uint8Array): Decoded<bigint> {
  if (c.length === 0) return bad('INTEGER with no content octets');
  if (c.length > 1 && ((c[0] === 0 && !(c[1]! & 0x80)) || (c[0] === 0xff && c[1]! & 0x80))) {
    return ok(toBigint(c), 'INTEGER not minimally encoded (redundant leading octet)');
  }
  return ok(toBigint(c));
}

function toBigint(c: Uint8Array): bigint {
  if (c.length > 4096) return 0n; // never reached for CMS fields a checker decodes; bounds the work
  let v = 0n;
  for (const b of c) v = (v << 8n) | BigInt(b);
  if (c[0]! & 0x80) v -= 1n << BigInt(8 * c.length);
  return v;
}

/** Small non-negative INTEGER (versions, counts); rejects what does not fit. */
export function decodeSmallInt(c: Uint8Array): Decoded<number> {
  const d = decodeInteger(c);
  if (!d.ok) return d;
  if (d.value < 0n || d.value > 1_000_000n) return bad(`INTEGER ${d.value} out of range`);
  return ok(Number(d.value), d.ber);
}

export function decodeOid(c: Uint8Array): Decoded<string> {
  if (c.length === 0) return bad('OBJECT IDENTIFIER with no content octets');
  if (c.length > 256) return bad('OBJECT IDENTIFIER longer than 256 octets');
  return smallArcsOid(c) ?? bigArcsOid(c);
}

/** Arcs below 2^45 fit a Number exactly (acc * 128 + 127 stays under 2^53). */
const SMALL_ARC = 2 ** 45;

/**
 * The common case without BigInt (a third of an OID's cost was BigInt arithmetic per octet):
 * well-formed OIDs whose arcs all stay below SMALL_ARC, written as the BigInt path writes them
 * (an integer's decimal digits are the same from a Number and a BigInt). Null for anything else
 * (a malformed encoding, a huge arc), which bigArcsOid then decodes and names.
 */
function smallArcsOid(c: Uint8Array): Decoded<string> | null {
  let acc = 0;
  let start = true;
  let text = '';
  for (let i = 0; i < c.length; i++) {
    const b = c[i]!;
    if (start && b === 0x80) return null;
    if (acc >= SMALL_ARC) return null;
    acc = acc * 128 + (b & 0x7f);
    start = !(b & 0x80);
    if (start) {
      if (text === '') {
        const a0 = acc < 40 ? 0 : acc < 80 ? 1 : 2;
        text = `${a0}.${acc - a0 * 40}`;
      } else text += `.${acc}`;
      acc = 0;
    }
  }
  return start ? ok(text) : null;
}

function bigArcsOid(c: Uint8Array): Decoded<string> {
  const arcs: bigint[] = [];
  let acc = 0n;
  let start = true;
  for (let i = 0; i < c.length; i++) {
    const b = c[i]!;
    if (start && b === 0x80) return bad(`OBJECT IDENTIFIER arc at octet ${i} starts with 0x80 (X.690 8.19.2)`);
    acc = (acc << 7n) | BigInt(b & 0x7f);
    start = !(b & 0x80);
    if (start) {
      arcs.push(acc);
      acc = 0n;
    }
  }
  if (!start) return bad('OBJECT IDENTIFIER ends inside an arc');
  const first = arcs.shift()!;
  const a0 = first < 40n ? 0n : first < 80n ? 1n : 2n;
  return ok([a0, first - a0 * 40n, ...arcs].join('.'));
}

/** DER BOOLEAN: one octet, 0x00 or 0xFF (X.690 11.1). */
export function decodeBoolean(c: Uint8Array): Decoded<boolean> {
  if (c.length !== 1) return bad(`BOOLEAN of ${c.length} octets`);
  if (c[0] !== 0 && c[0] !== 0xff) return ok(true, `BOOLEAN TRUE as 0x${c[0]!.toString(16)} (DER requires 0xFF)`);
  return ok(c[0] === 0xff);
}

export function decodeNull(c: Uint8Array): Decoded<null> {
  return c.length === 0 ? ok(null) : bad(`NULL with ${c.length} content octets`);
}

/** BIT STRING: unused-bit count 0-7, zero when empty, and (DER, 11.2.1) unused bits zero. */
export function decodeBitString(c: Uint8Array): Decoded<{ unused: number; bytes: Uint8Array }> {
  if (c.length === 0) return bad('BIT STRING with no initial octet');
  const unused = c[0]!;
  if (unused > 7) return bad(`BIT STRING declares ${unused} unused bits`);
  if (c.length === 1 && unused !== 0) return bad('empty BIT STRING with unused bits');
  const bytes = c.subarray(1);
  const mask = (1 << unused) - 1;
  if (unused && (bytes[bytes.length - 1]! & mask)) return ok({ unused, bytes }, 'BIT STRING unused bits are not zero');
  return ok({ unused, bytes });
}

export interface TimeValue {
  readonly iso: string;
  readonly year: number;
}

/**
 * UTCTime in the DER form RFC 5652 11.3 / RFC 5280 4.1.2.5.1 require: YYMMDDHHMMSSZ, years 50-99
 * meaning 19xx. Other BER forms (no seconds, offsets) are reported as problems.
 */
export function decodeUtcTime(c: Uint8Array): Decoded<TimeValue> {
  const s = latin1(c);
  const m = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  if (!m) return bad(`UTCTime "${printable(s)}" is not YYMMDDHHMMSSZ`);
  const yy = Number(m[1]);
  return checkFields(yy >= 50 ? 1900 + yy : 2000 + yy, m.slice(2) as string[], s);
}

/** GeneralizedTime in DER form: YYYYMMDDHHMMSSZ, no fractional seconds for CMS (RFC 5652 11.3). */
export function decodeGeneralizedTime(c: Uint8Array): Decoded<TimeValue> {
  const s = latin1(c);
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  if (!m) return bad(`GeneralizedTime "${printable(s)}" is not YYYYMMDDHHMMSSZ`);
  return checkFields(Number(m[1]), m.slice(2) as string[], s);
}

function checkFields(year: number, [mo, d, h, mi, se]: string[], raw: string): Decoded<TimeValue> {
  const month = Number(mo);
  const day = Number(d);
  const t = Date.UTC(year, month - 1, day, Number(h), Number(mi), Number(se));
  const date = new Date(t);
  if (month < 1 || month > 12 || date.getUTCDate() !== day || Number(h) > 23 || Number(mi) > 59 || Number(se) > 59) {
    return bad(`time "${raw}" names no valid instant`);
  }
  return ok({ iso: date.toISOString().replace('.000Z', 'Z'), year });
}

const latin1 = (c: Uint8Array): string => (c.length > 64 ? '' : String.fromCharCode(...c));
const printable = (s: string): string => s.replace(/[^\x20-\x7e]/g, '?');
