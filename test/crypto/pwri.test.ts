/**
 * PWRI-KEK key wrap and PBKDF2 of generators/crypto/pwri.ts against the RFC 3211 section 3 test
 * vectors. The first set uses single DES, which Node's OpenSSL 3 only has in the (unloaded)
 * legacy provider; DES is emulated exactly as DES-EDE3 with K1 = K2 = K3 (EDE then collapses to
 * a single DES encryption).
 */
import { createCipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { concat } from '../../core/der/encode.ts';
import { pbkdf2, pwriFormatCek, pwriKeyUnwrap, pwriKeyWrap, type ByteSource, type PwriCipher } from '../../generators/crypto/pwri.ts';
import { SeededRandom } from '../../generators/random.ts';

const h = (s: string): Uint8Array => new Uint8Array(Buffer.from(s.replace(/\s+/g, ''), 'hex'));
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex').toUpperCase();
const fixed = (s: string): ByteSource => ({
  bytes(n: number) {
    const b = h(s);
    if (b.length !== n) throw new Error(`fixed padding has ${b.length} octets, asked ${n}`);
    return b;
  },
});
const asTripleDes = (desKey: Uint8Array): Uint8Array => concat(desKey, desKey, desKey);
const SALT = h('12 34 56 78 78 56 34 12');

describe('RFC 3211 section 3, basic DES test', () => {
  // PKCS #5v2 values: "password", salt 1234567878563412, 5 iterations.
  const KEK = 'D1 DA A7 86 15 F2 87 E6';
  it('PBKDF2 output key', () => {
    expect(hex(pbkdf2('password', SALT, 5, 8))).toBe(KEK.replace(/ /g, ''));
  });
  it('known answer: the key encrypts a zero block to 9BBD78FC11A3A908', () => {
    const c = createCipheriv('des-ede3-ecb', asTripleDes(h(KEK)), null).setAutoPadding(false);
    expect(hex(Buffer.concat([c.update(new Uint8Array(8)), c.final()]))).toBe('9BBD78FC11A3A908');
  });
  const CEK = '8C 62 7C 89 73 23 A2 F8';
  const PAD = 'C4 36 F5 41';
  const IV = 'EF E5 98 EF 21 B3 3D 6D';
  const WRAPPED = 'B8 1B 25 65 EE 37 3C A6 DE DC A2 6A 17 8B 0C 10';
  it('CEK formatting phase gives the complete CEK block', () => {
    expect(hex(pwriFormatCek(h(CEK), 8, fixed(PAD)))).toBe('08739D838C627C897323A2F8C436F541');
  });
  it('key wrap phase gives the second encryption pass output, and unwraps back', () => {
    const kek = asTripleDes(h(KEK));
    expect(hex(pwriKeyWrap('des-ede3-cbc', kek, h(IV), h(CEK), fixed(PAD)))).toBe(WRAPPED.replace(/ /g, ''));
    expect(hex(pwriKeyUnwrap('des-ede3-cbc', kek, h(IV), h(WRAPPED), 8))).toBe(CEK.replace(/ /g, ''));
  });
  it('the first pass matches the RFC intermediate value', () => {
    const c = createCipheriv('des-ede3-cbc', asTripleDes(h(KEK)), h(IV)).setAutoPadding(false);
    const first = Buffer.concat([c.update(pwriFormatCek(h(CEK), 8, fixed(PAD))), c.final()]);
    expect(hex(first)).toBe('06A043861E8288E48B599EB9761000D4');
  });
});

describe('RFC 3211 section 3, triple-DES stress test', () => {
  const PASS = 'All n-entities must communicate with other n-entities via n-1 entiteeheehees';
  const KEK = '6A 89 70 BF 68 C9 2C AE A8 4A 8D F2 85 10 85 86 07 12 63 80 CC 47 AB 2D';
  const CEK = `8C 63 7D 88 72 23 A2 F9 65 B5 66 EB 01 4B 0F A5
               D5 23 00 A3 F7 EA 40 FF FC 57 72 03 C7 1B AF 3B`;
  const PAD = 'FA 06 0A 45';
  const IV = 'BA F1 CA 79 31 21 3C 4E';
  const WRAPPED = `C0 3C 51 4A BD B9 E2 C5 AA C0 38 57 2B 5E 24 55
                   38 76 B3 77 AA FB 82 EC A5 A9 D7 3F 8A B1 43 D9
                   EC 74 E6 CA D7 DB 26 0C`;
  it('PBKDF2 output 3DES key (500 iterations)', () => {
    expect(hex(pbkdf2(PASS, SALT, 500, 24))).toBe(KEK.replace(/ /g, ''));
  });
  it('CEK block, wrap and unwrap', () => {
    expect(hex(pwriFormatCek(h(CEK), 8, fixed(PAD)))).toBe(
      '20739C828C637D887223A2F965B566EB014B0FA5D52300A3F7EA40FFFC577203C71BAF3BFA060A45',
    );
    expect(hex(pwriKeyWrap('des-ede3-cbc', h(KEK), h(IV), h(CEK), fixed(PAD)))).toBe(WRAPPED.replace(/\s+/g, ''));
    expect(hex(pwriKeyUnwrap('des-ede3-cbc', h(KEK), h(IV), h(WRAPPED), 32))).toBe(CEK.replace(/\s+/g, ''));
  });
});

describe('AES KEKs and rejections', () => {
  const ciphers: [PwriCipher, number][] = [['aes-128-cbc', 16], ['aes-192-cbc', 24], ['aes-256-cbc', 32]];
  for (const [cipher, keyLen] of ciphers) {
    it(`${cipher}: round trip of 16- and 32-octet CEKs, padded to >= 2 blocks`, () => {
      const rnd = new SeededRandom('pwri', cipher);
      const kek = rnd.bytes(keyLen);
      const iv = rnd.bytes(16);
      for (const cekLen of [5, 16, 32]) {
        const cek = rnd.bytes(cekLen);
        const wrapped = pwriKeyWrap(cipher, kek, iv, cek, rnd);
        expect(wrapped.length).toBe(Math.max(32, Math.ceil((cekLen + 4) / 16) * 16));
        expect(hex(pwriKeyUnwrap(cipher, kek, iv, wrapped))).toBe(hex(cek));
      }
    });
  }
  it('is deterministic for a seed', () => {
    const go = () => pwriKeyWrap('aes-128-cbc', new Uint8Array(16), new Uint8Array(16), new Uint8Array(16).fill(7), new SeededRandom(5));
    expect(hex(go())).toBe(hex(go()));
  });
  it('a wrong KEK or IV is detected by the count / check value', () => {
    const rnd = new SeededRandom('neg');
    const kek = rnd.bytes(16);
    const iv = rnd.bytes(16);
    const wrapped = pwriKeyWrap('aes-128-cbc', kek, iv, rnd.bytes(16), rnd);
    // A wrong KEK garbles the whole block; the count or the check value catches it.
    expect(() => pwriKeyUnwrap('aes-128-cbc', rnd.bytes(16), iv, wrapped)).toThrow(/PWRI-KEK: (CEK byte count|check value)/);
    // A wrong IV only garbles the first block: count and check value, the first 4 octets.
    expect(() => pwriKeyUnwrap('aes-128-cbc', kek, rnd.bytes(16), wrapped)).toThrow(/PWRI-KEK: (CEK byte count|check value)/);
    expect(() => pwriKeyUnwrap('aes-128-cbc', kek, iv, wrapped, 24)).toThrow(/CEK byte count 16, expected 24/);
  });
  it('rejects bad sizes', () => {
    const k16 = new Uint8Array(16);
    expect(() => pwriKeyWrap('aes-256-cbc', k16, k16, k16, new SeededRandom(1))).toThrow(/aes-256-cbc KEK is 16 octets, expected 32/);
    expect(() => pwriKeyWrap('aes-128-cbc', k16, new Uint8Array(8), k16, new SeededRandom(1))).toThrow(/IV is 8 octets, expected 16/);
    expect(() => pwriKeyUnwrap('aes-128-cbc', k16, k16, new Uint8Array(16))).toThrow(/wrapped key is 16 octets/);
    expect(() => pwriFormatCek(new Uint8Array(256), 16, new SeededRandom(1))).toThrow(/CEK is 256 octets, expected 3..255/);
    expect(() => pbkdf2('p', SALT, 0, 16)).toThrow(/bad iteration count 0/);
  });
});
