/**
 * Decoded values for the inspector, from the content octets of a primitive node: integers in
 * decimal (hex when long), OIDs with their names, times as ISO 8601 with the encoded form, strings
 * quoted, booleans, octets and bit strings in hex (named bits for KeyUsage). Lenient where the
 * checker is strict: a value that does not decode is shown raw with a note, never an exception.
 */
import { decodeBitString, decodeBoolean, decodeGeneralizedTime, decodeInteger, decodeOid, decodeUtcTime } from '../../core/der/values.ts';
import { describeOid } from './names.ts';
import type { Primitive } from './schema.ts';

export interface Shown {
  readonly value?: string;
  readonly text?: string;
  readonly oid?: string;
  readonly note?: string;
}

const MAX_HEX = 32;
const MAX_TEXT = 160;

export const hex = (b: Uint8Array): string => {
  const shown = Buffer.from(b.subarray(0, MAX_HEX)).toString('hex');
  return b.length > MAX_HEX ? `${shown}... (${b.length} octets)` : b.length ? shown : '(empty)';
};

const quote = (s: string): string => JSON.stringify(s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT)}...` : s);

function stringOf(prim: Primitive, c: Uint8Array): string {
  switch (prim) {
    case 'UTF8String': return new TextDecoder('utf-8', { fatal: false }).decode(c);
    case 'BMPString': return Buffer.from(c).swap16().toString('utf16le');
    case 'UniversalString': {
      let s = '';
      for (let i = 0; i + 3 < c.length && s.length < MAX_TEXT * 2; i += 4) s += String.fromCodePoint(Math.min(0x10ffff, ((c[i]! << 24) | (c[i + 1]! << 16) | (c[i + 2]! << 8) | c[i + 3]!) >>> 0));
      return s;
    }
    default: return Buffer.from(c).toString('latin1');
  }
}

export function showValue(prim: Primitive, c: Uint8Array, bits?: readonly string[]): Shown {
  switch (prim) {
    case 'INTEGER': case 'ENUMERATED': {
      const d = decodeInteger(c);
      if (!d.ok) return { value: hex(c), note: d.error };
      const abs = d.value < 0n ? -d.value : d.value;
      const value = abs < 2n ** 53n ? d.value.toString() : `0x${Buffer.from(c).toString('hex')} (${c.length} octets)`;
      return { value, ...(d.ber ? { note: d.ber } : {}) };
    }
    case 'OBJECT IDENTIFIER': {
      const d = decodeOid(c);
      return d.ok ? { value: describeOid(d.value), oid: d.value } : { value: hex(c), note: d.error };
    }
    case 'BOOLEAN': {
      const d = decodeBoolean(c);
      return d.ok ? { value: d.value ? 'TRUE' : 'FALSE', ...(d.ber ? { note: d.ber } : {}) } : { value: hex(c), note: d.error };
    }
    case 'NULL': return c.length ? { value: hex(c), note: 'NULL with content octets' } : {};
    case 'UTCTime': case 'GeneralizedTime': {
      const raw = Buffer.from(c.subarray(0, 64)).toString('latin1');
      const d = prim === 'UTCTime' ? decodeUtcTime(c) : decodeGeneralizedTime(c);
      return d.ok ? { value: `${d.value.iso} (${raw})` } : { value: quote(raw), note: d.error };
    }
    case 'BIT STRING': {
      const d = decodeBitString(c);
      if (!d.ok) return { value: hex(c), note: d.error };
      const unused = d.value.unused ? ` (${d.value.unused} unused bits)` : '';
      if (bits) {
        const set = bits.filter((_, i) => i < d.value.bytes.length * 8 && (d.value.bytes[i >> 3]! >> (7 - (i & 7))) & 1);
        return { value: set.length ? set.join(', ') : '(no bits set)' };
      }
      return { value: `${hex(d.value.bytes)}${unused}` };
    }
    case 'OCTET STRING': {
      // Identifiers and labels are often text: show it beside the octets.
      const text = c.length >= 4 && c.length <= MAX_TEXT && c.every((b) => b >= 0x20 && b < 0x7f) ? Buffer.from(c).toString('latin1') : null;
      return { value: text ? `${hex(c)} (${JSON.stringify(text)})` : hex(c) };
    }
    default: {
      const s = stringOf(prim, c);
      return { value: quote(s), text: s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT)}...` : s };
    }
  }
}

/** A preview of content that is not CMS: text when it reads as text, else hex. */
export function preview(c: Uint8Array): string {
  const head = c.subarray(0, 400);
  const printable = head.every((b) => b === 9 || b === 10 || b === 13 || (b >= 0x20 && b < 0x7f) || b >= 0xa0);
  if (!printable) return hex(c);
  const s = Buffer.from(head).toString('latin1');
  return `${JSON.stringify(s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT)}...` : s)} (${c.length} octets)`;
}
