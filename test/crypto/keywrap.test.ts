/**
 * Key wraps of generators/crypto/keywrap.ts: RFC 3394 section 4 known answers for AES, and
 * OpenSSL's own id-smime-alg-CMS3DESwrap cipher (through Node) for the RFC 3217 Triple-DES wrap.
 */
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  aesKeyUnwrap,
  aesKeyWrap,
  cmsKeyChecksum,
  desOddParity,
  tripleDesKeyUnwrap,
  tripleDesKeyWrap,
} from '../../generators/crypto/keywrap.ts';
import { SeededRandom } from '../../generators/random.ts';

const h = (s: string): Uint8Array => new Uint8Array(Buffer.from(s.replace(/\s+/g, ''), 'hex'));
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex').toUpperCase();

const KEK128 = '000102030405060708090A0B0C0D0E0F';
const KEK192 = '000102030405060708090A0B0C0D0E0F1011121314151617';
const KEK256 = '000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F';
const KEY128 = '00112233445566778899AABBCCDDEEFF';
const KEY192 = '00112233445566778899AABBCCDDEEFF0001020304050607';
const KEY256 = '00112233445566778899AABBCCDDEEFF000102030405060708090A0B0C0D0E0F';

// RFC 3394 section 4.1 - 4.6: [section, KEK, key data, ciphertext].
const RFC3394 = [
  ['4.1', KEK128, KEY128, '1FA68B0A8112B447 AEF34BD8FB5A7B82 9D3E862371D2CFE5'],
  ['4.2', KEK192, KEY128, '96778B25AE6CA435 F92B5B97C050AED2 468AB8A17AD84E5D'],
  ['4.3', KEK256, KEY128, '64E8C3F9CE0F5BA2 63E9777905818A2A 93C8191E7D6E8AE7'],
  ['4.4', KEK192, KEY192, '031D33264E15D332 68F24EC260743EDC E1C6C7DDEE725A93 6BA814915C6762D2'],
  ['4.5', KEK256, KEY192, 'A8F9BC1612C68B3F F6E6F4FBE30E71E4 769C8B80A32CB895 8CD5D17D6B254DA1'],
  ['4.6', KEK256, KEY256, '28C9F404C4B810F4 CBCCB35CFB87F826 3F5786E2D80ED326 CBC7F0E71A99F43B FB988B9B7A02DD21'],
] as const;

describe('AES key wrap (RFC 3394)', () => {
  for (const [section, kek, key, ct] of RFC3394) {
    it(`section ${section}: wrap and unwrap`, () => {
      expect(hex(aesKeyWrap(h(kek), h(key)))).toBe(ct.replace(/\s+/g, ''));
      expect(hex(aesKeyUnwrap(h(kek), h(ct)))).toBe(key);
    });
  }
  it('unwrap detects a changed octet and a wrong KEK', () => {
    const ct = h(RFC3394[0][3]);
    ct[23] = (ct[23] as number) ^ 1;
    expect(() => aesKeyUnwrap(h(KEK128), ct)).toThrow(/integrity check failed/);
    expect(() => aesKeyUnwrap(h(KEK128.replace('0F', '0E')), h(RFC3394[0][3]))).toThrow(/integrity check failed/);
  });
  it('rejects bad sizes', () => {
    expect(() => aesKeyWrap(new Uint8Array(15), h(KEY128))).toThrow(/KEK is 15 octets, expected 16, 24 or 32/);
    expect(() => aesKeyWrap(h(KEK128), new Uint8Array(12))).toThrow(/key data is 12 octets/);
    expect(() => aesKeyWrap(h(KEK128), new Uint8Array(8))).toThrow(/key data is 8 octets/);
    expect(() => aesKeyUnwrap(h(KEK128), new Uint8Array(20))).toThrow(/wrapped key is 20 octets/);
  });
});

describe('DES parity and CMS key checksum', () => {
  it('sets odd parity in the low bit', () => {
    expect(hex(desOddParity(Uint8Array.of(0x00, 0x01, 0xfe, 0xff, 0x10, 0x11)))).toBe('0101FEFE1010');
    const r = desOddParity(new SeededRandom('parity').bytes(64));
    for (const b of r) expect(b.toString(2).split('1').length - 1).toSatisfy((n: number) => n % 2 === 1);
  });
  it('checksum is the first 8 octets of SHA-1 (SHA-1("abc") = a9993e36...)', () => {
    expect(hex(cmsKeyChecksum(new TextEncoder().encode('abc')))).toBe('A9993E364706816A');
  });
});

describe('CMS Triple-DES key wrap (RFC 3217 section 3, RFC 3370 4.3.1)', () => {
  const kek = new SeededRandom('3des-kek').bytes(24);
  const cek = new SeededRandom('3des-cek').bytes(24);
  const opensslUnwrap = (k: Uint8Array, wrapped: Uint8Array): Uint8Array => {
    const d = createDecipheriv('id-smime-alg-CMS3DESwrap', k, null);
    return new Uint8Array(Buffer.concat([d.update(wrapped), d.final()]));
  };
  it('OpenSSL (via Node) unwraps our output to the parity-adjusted CEK', () => {
    const wrapped = tripleDesKeyWrap(kek, cek, new SeededRandom(1));
    expect(wrapped.length).toBe(40);
    expect(hex(opensslUnwrap(kek, wrapped))).toBe(hex(desOddParity(cek)));
  });
  it('we unwrap what OpenSSL wraps', () => {
    const key = desOddParity(cek);
    const c = createCipheriv('id-smime-alg-CMS3DESwrap', kek, null);
    const wrapped = new Uint8Array(Buffer.concat([c.update(key), c.final()]));
    expect(hex(tripleDesKeyUnwrap(kek, wrapped))).toBe(hex(key));
  });
  it('is deterministic for a seed, and the IV changes with the seed', () => {
    const a = tripleDesKeyWrap(kek, cek, new SeededRandom(7));
    expect(hex(tripleDesKeyWrap(kek, cek, new SeededRandom(7)))).toBe(hex(a));
    expect(hex(tripleDesKeyWrap(kek, cek, new SeededRandom(8)))).not.toBe(hex(a));
  });
  it('adjustParity: false wraps the CEK as given (OpenSSL still unwraps it: parity is not checked)', () => {
    const odd = Uint8Array.from(cek, (b) => b & 0xfe); // even parity somewhere is near certain
    const wrapped = tripleDesKeyWrap(kek, odd, new SeededRandom(2), { adjustParity: false });
    expect(hex(opensslUnwrap(kek, wrapped))).toBe(hex(odd));
    expect(hex(tripleDesKeyUnwrap(kek, wrapped))).toBe(hex(odd));
  });
  it('unwrap rejects a changed octet, a wrong KEK and a bad length', () => {
    const wrapped = tripleDesKeyWrap(kek, cek, new SeededRandom(3));
    wrapped[10] = (wrapped[10] as number) ^ 0x80;
    expect(() => tripleDesKeyUnwrap(kek, wrapped)).toThrow(/CMS key checksum mismatch/);
    expect(() => tripleDesKeyUnwrap(new SeededRandom('other').bytes(24), tripleDesKeyWrap(kek, cek, new SeededRandom(3)))).toThrow(
      /CMS key checksum mismatch/,
    );
    expect(() => tripleDesKeyUnwrap(kek, new Uint8Array(32))).toThrow(/wrapped key is 32 octets, expected 40/);
    expect(() => tripleDesKeyWrap(kek, new Uint8Array(16), new SeededRandom(1))).toThrow(/CEK is 16 octets, expected 24/);
    expect(() => tripleDesKeyWrap(new Uint8Array(16), cek, new SeededRandom(1))).toThrow(/KEK is 16 octets, expected 24/);
  });
});
