/** The bounded DER reader of generators/crypto/der-read.ts: well-formed input and each rejection. */
import { describe, expect, it } from 'vitest';
import { int, oid, octets, seq } from '../../core/der/encode.ts';
import { children, readOid, readSingle, readTlv, readUnsigned } from '../../generators/crypto/der-read.ts';

const h = (s: string): Uint8Array => new Uint8Array(Buffer.from(s.replace(/\s+/g, ''), 'hex'));

describe('der-read', () => {
  it('walks a SEQUENCE and reads INTEGERs and OIDs', () => {
    const t = readSingle(seq(int(0x80n), oid('1.2.840.10046.2.1'), oid('2.999.3'), octets(h('0102'))));
    const [i, o, o2, s] = children(t);
    expect(readUnsigned(i, 'i')).toBe(0x80n);
    expect(readOid(o, 'o')).toBe('1.2.840.10046.2.1');
    expect(readOid(o2, 'o2')).toBe('2.999.3');
    expect(s?.tag).toBe(0x04);
  });
  it('reads long-form lengths', () => {
    const t = readTlv(octets(new Uint8Array(300)));
    expect(t.content.length).toBe(300);
    expect(t.end).toBe(304);
  });
  it('rejects malformed input with precise messages', () => {
    expect(() => readTlv(h('30 80 00 00'))).toThrow(/indefinite length at offset 1/);
    expect(() => readTlv(h('04 05 00'))).toThrow(/length 5 at offset 0 runs past the end/);
    expect(() => readTlv(h('04 85 00 00 00 00 01'))).toThrow(/5 length octets/);
    expect(() => readTlv(h('1f 01 00'))).toThrow(/multi-byte tag/);
    expect(() => readTlv(h('04'))).toThrow(/missing length octet/);
    expect(() => readSingle(h('05 00 00'))).toThrow(/1 trailing bytes/);
    expect(() => children(readTlv(h('04 00')))).toThrow(/is not constructed/);
    expect(() => readUnsigned(readTlv(h('02 01 ff')), 'v')).toThrow(/v INTEGER is negative/);
    expect(() => readUnsigned(readTlv(h('04 00')), 'v')).toThrow(/v has tag 0x4, expected 0x2/);
    expect(() => readUnsigned(undefined, 'v')).toThrow(/v is missing/);
    expect(() => readOid(readTlv(h('06 01 81')), 'o')).toThrow(/ends inside an arc/);
  });
});
