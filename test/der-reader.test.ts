/** The strict DER/BER reader: every defect with its offset, bounds that hold, never a throw. */
import { describe, expect, it } from 'vitest';
import { firstUnsorted, readDer, stringContent } from '../core/der/reader.ts';
import { decodeGeneralizedTime, decodeInteger, decodeOid, decodeUtcTime } from '../core/der/values.ts';

const h = (hex: string) => Uint8Array.from(Buffer.from(hex.replace(/\s/g, ''), 'hex'));
const codes = (hex: string) => readDer(h(hex)).defects.map((d) => `${d.code}@${d.offset}`);

describe('readDer', () => {
  it('accepts DER and reports no defect', () => {
    const r = readDer(h('30 06 02 01 05 04 01 aa'));
    expect(r.isDer).toBe(true);
    expect(r.root?.children.map((c) => c.tag)).toEqual([2, 4]);
  });
  it('indefinite length is BER, with the offset of the node', () => {
    expect(codes('30 80 02 01 05 00 00')).toEqual(['indefinite-length@0']);
    expect(readDer(h('30 80 02 01 05 00 00')).fatal).toBe(false);
  });
  it('non-minimal lengths: long form for a short length, and leading zero octets', () => {
    expect(codes('30 81 03 02 01 05')).toEqual(['non-minimal-length@0']);
    expect(codes('30 03 04 82 00 01 aa'.replace('30 03', '30 05'))).toEqual(['non-minimal-length@2']);
  });
  it('constructed OCTET STRING is BER and its segments join', () => {
    const b = h('24 80 04 02 61 62 04 01 63 00 00');
    const r = readDer(b);
    expect(r.defects.map((d) => d.code).sort()).toEqual(['constructed-string', 'indefinite-length']);
    expect(Buffer.from(stringContent(b, r.root!)).toString()).toBe('abc');
  });
  it('trailing data, truncation and overlong claims are fatal, with offsets', () => {
    expect(codes('02 01 05 ff')).toEqual(['trailing-data@3']);
    expect(codes('30 05 02 01')).toEqual(['length-overflow@0']);
    expect(codes('30')).toEqual(['truncated@0']);
    // a 100 MB length claim in a 6-byte input: a finding, nothing allocated
    const big = readDer(h('04 84 05 f5 e1 00 00'));
    expect(big.fatal).toBe(true);
    expect(big.defects[0]!.code).toBe('length-overflow');
  });
  it('10,000-deep nesting is a too-deep finding, not a stack overflow', () => {
    const depth = 10_000;
    const bytes = new Uint8Array(depth * 2);
    for (let i = 0; i < depth; i++) {
      bytes[2 * i] = 0x30;
      bytes[2 * i + 1] = 0x80;
    }
    const r = readDer(bytes);
    expect(r.fatal).toBe(true);
    expect(r.defects.some((d) => d.code === 'too-deep')).toBe(true);
  });
  it('missing end-of-contents, primitive indefinite, reserved length', () => {
    expect(codes('30 80 02 01 05')).toContain('missing-eoc@0');
    expect(codes('04 80 00 00')).toEqual(['primitive-indefinite@0']);
    expect(codes('04 ff')).toEqual(['reserved-length@0']);
  });
  it('finds the first element out of DER SET OF order', () => {
    const b = h('31 06 04 01 02 04 01 01');
    expect(firstUnsorted(b, readDer(b).root!)).toBe(1);
    const s = h('31 06 04 01 01 04 01 02');
    expect(firstUnsorted(s, readDer(s).root!)).toBe(-1);
  });
  it('never throws on random bytes', () => {
    for (let i = 0; i < 2000; i++) {
      const b = new Uint8Array(1 + (i % 40)).map(() => Math.floor(Math.random() * 256));
      expect(() => readDer(b)).not.toThrow();
    }
  });
});

describe('value decoders', () => {
  it('INTEGER minimality', () => {
    expect(decodeInteger(h('00 7f'))).toMatchObject({ ok: true, ber: expect.stringContaining('minimal') });
    expect(decodeInteger(h('00 80'))).toEqual({ ok: true, value: 128n });
    expect(decodeInteger(h('80'))).toEqual({ ok: true, value: -128n });
    expect(decodeInteger(h('ff 80'))).toMatchObject({ ok: true, value: -128n, ber: expect.stringContaining('minimal') });
  });
  it('OID arcs', () => {
    expect(decodeOid(h('2a 86 48 86 f7 0d 01 07 02'))).toEqual({ ok: true, value: '1.2.840.113549.1.7.2' });
    expect(decodeOid(h('2a 80 01')).ok).toBe(false);
  });
  it('OID arcs past 2^53 and malformed OIDs decode as X.690 8.19 says (the BigInt path)', () => {
    // 2.25.<a UUID as one 128-bit arc> (X.667): far past what a Number holds exactly.
    const uuid = 0xf81d4fae7dec11d0a76500a0c91e6bf6n;
    const septets: number[] = [];
    for (let v = uuid; v > 0n; v >>= 7n) septets.unshift(Number(v & 0x7fn));
    const arc = septets.map((b, i) => (i < septets.length - 1 ? b | 0x80 : b));
    expect(decodeOid(Uint8Array.from([0x69, ...arc]))).toEqual({ ok: true, value: `2.25.${uuid}` });
    // An arc of exactly 2^45 and 2^52 + 1 (the edge of the Number path).
    expect(decodeOid(h('2a 81 80 80 80 80 80 80 00'))).toEqual({ ok: true, value: `1.2.${2 ** 49}` });
    expect(decodeOid(h('2a 88 80 80 80 80 80 80 01'))).toEqual({ ok: true, value: `1.2.${2n ** 52n + 1n}` });
    // A first subidentifier of 80 and more is arc 2 (X.690 8.19.4).
    expect(decodeOid(h('81 34'))).toEqual({ ok: true, value: '2.100' });
    expect(decodeOid(h('2a 86'))).toEqual({ ok: false, error: 'OBJECT IDENTIFIER ends inside an arc' });
    expect(decodeOid(h('80 01'))).toEqual({ ok: false, error: 'OBJECT IDENTIFIER arc at octet 0 starts with 0x80 (X.690 8.19.2)' });
  });
  it('times in their DER forms only', () => {
    expect(decodeUtcTime(Buffer.from('260115120000Z'))).toEqual({ ok: true, value: { iso: '2026-01-15T12:00:00Z', year: 2026 } });
    expect(decodeUtcTime(Buffer.from('500101000000Z'))).toMatchObject({ ok: true, value: { year: 1950 } });
    expect(decodeUtcTime(Buffer.from('2601151200Z')).ok).toBe(false);
    expect(decodeUtcTime(Buffer.from('260115120000+0100')).ok).toBe(false);
    expect(decodeGeneralizedTime(Buffer.from('20500101000000Z'))).toMatchObject({ ok: true, value: { year: 2050 } });
    expect(decodeGeneralizedTime(Buffer.from('20500101000000.5Z')).ok).toBe(false);
    expect(decodeGeneralizedTime(Buffer.from('20260230000000Z')).ok).toBe(false);
  });
});
