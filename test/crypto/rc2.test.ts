/**
 * RC2 of generators/crypto/rc2.ts: all eight RFC 2268 section 5 test vectors, the RFC 2268
 * section 6 / RFC 3370 section 5.2 version mapping, CBC round trips, and (when the openssl CLI
 * has its legacy provider) RC2-CBC output compared with OpenSSL's.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  rc2CbcDecrypt,
  rc2CbcEncrypt,
  rc2DecryptBlock,
  rc2EffectiveBitsFromVersion,
  rc2EncryptBlock,
  rc2ExpandKey,
  rc2VersionFromEffectiveBits,
} from '../../generators/crypto/rc2.ts';
import { SeededRandom } from '../../generators/random.ts';

const h = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'hex'));
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

// RFC 2268 section 5: [key, effective key length in bits, plaintext, ciphertext].
const RFC2268 = [
  ['0000000000000000', 63, '0000000000000000', 'ebb773f993278eff'],
  ['ffffffffffffffff', 64, 'ffffffffffffffff', '278b27e42e2f0d49'],
  ['3000000000000000', 64, '1000000000000001', '30649edf9be7d2c2'],
  ['88', 64, '0000000000000000', '61a8a244adacccf0'],
  ['88bca90e90875a', 64, '0000000000000000', '6ccf4308974c267f'],
  ['88bca90e90875a7f0f79c384627bafb2', 64, '0000000000000000', '1a807d272bbe5db1'],
  ['88bca90e90875a7f0f79c384627bafb2', 128, '0000000000000000', '2269552ab0f85ca6'],
  ['88bca90e90875a7f0f79c384627bafb216f80a6f85920584c42fceb0be255daf1e', 129, '0000000000000000', '5b78d3a43dfff1f1'],
] as const;

describe('RC2 block cipher (RFC 2268 section 5 vectors)', () => {
  for (const [key, bits, pt, ct] of RFC2268) {
    it(`key ${key.length / 2} octets, ${bits} effective bits`, () => {
      const K = rc2ExpandKey(h(key), bits);
      expect(hex(rc2EncryptBlock(K, h(pt)))).toBe(ct);
      expect(hex(rc2DecryptBlock(K, h(ct)))).toBe(pt);
    });
  }
  it('rejects bad keys, effective bits and block sizes', () => {
    expect(() => rc2ExpandKey(new Uint8Array(0), 64)).toThrow(/key is 0 octets, expected 1..128/);
    expect(() => rc2ExpandKey(new Uint8Array(129), 64)).toThrow(/key is 129 octets/);
    expect(() => rc2ExpandKey(new Uint8Array(8), 0)).toThrow(/effective key bits 0 not in 1..1024/);
    expect(() => rc2EncryptBlock(rc2ExpandKey(new Uint8Array(8), 64), new Uint8Array(7))).toThrow(/block is 7 octets/);
  });
});

describe('RC2ParameterVersion (RFC 2268 section 6, RFC 3370 5.2)', () => {
  it('maps the common sizes', () => {
    expect(rc2VersionFromEffectiveBits(40)).toBe(160);
    expect(rc2VersionFromEffectiveBits(56)).toBe(52);
    expect(rc2VersionFromEffectiveBits(64)).toBe(120);
    expect(rc2VersionFromEffectiveBits(128)).toBe(58);
    expect(rc2VersionFromEffectiveBits(256)).toBe(256);
    expect(rc2VersionFromEffectiveBits(1024)).toBe(1024);
    expect(rc2EffectiveBitsFromVersion(160)).toBe(40);
    expect(rc2EffectiveBitsFromVersion(58)).toBe(128);
    expect(rc2EffectiveBitsFromVersion(300)).toBe(300);
  });
  it('is a bijection on 1..255', () => {
    const seen = new Set<number>();
    for (let b = 1; b < 256; b++) {
      const v = rc2VersionFromEffectiveBits(b);
      seen.add(v);
      expect(rc2EffectiveBitsFromVersion(v)).toBe(b);
    }
    expect(seen.size).toBe(255);
  });
});

describe('RC2-CBC with PKCS #5 padding', () => {
  const rnd = new SeededRandom('rc2-cbc');
  const key = rnd.bytes(16);
  const iv = rnd.bytes(8);
  it('round-trips lengths 0..17 and always adds 1..8 octets of padding', () => {
    for (let n = 0; n <= 17; n++) {
      const pt = rnd.bytes(n);
      const ct = rc2CbcEncrypt(key, 128, iv, pt);
      expect(ct.length).toBe((Math.floor(n / 8) + 1) * 8);
      expect(hex(rc2CbcDecrypt(key, 128, iv, ct))).toBe(hex(pt));
    }
  });
  it('rejects bad padding, bad lengths and a bad IV', () => {
    const ct = rc2CbcEncrypt(key, 128, iv, new Uint8Array(8));
    ct[15] = (ct[15] as number) ^ 0x55; // garbles the padding block
    expect(() => rc2CbcDecrypt(key, 128, iv, ct)).toThrow(/bad PKCS #5 padding/);
    expect(() => rc2CbcDecrypt(key, 128, iv, new Uint8Array(12))).toThrow(/ciphertext is 12 octets/);
    expect(() => rc2CbcEncrypt(key, 128, new Uint8Array(16), new Uint8Array(1))).toThrow(/IV is 16 octets, expected 8/);
  });

  const legacy = (() => {
    try {
      execFileSync('openssl', ['list', '-cipher-algorithms', '-provider', 'legacy'], { stdio: 'pipe' });
      return true;
    } catch {
      return false;
    }
  })();
  const opensslEnc = (cipher: string, k: Uint8Array, pt: Uint8Array): string =>
    hex(
      execFileSync(
        'openssl',
        ['enc', `-${cipher}`, '-K', hex(k), '-iv', hex(iv), '-provider', 'legacy', '-provider', 'default'],
        { input: pt, stdio: ['pipe', 'pipe', 'pipe'] },
      ),
    );
  it.skipIf(!legacy)('matches openssl rc2-cbc (128-bit key) and rc2-40-cbc (40-bit key)', () => {
    const pt = rnd.bytes(37);
    expect(hex(rc2CbcEncrypt(key, 128, iv, pt))).toBe(opensslEnc('rc2-cbc', key, pt));
    const k40 = key.subarray(0, 5);
    expect(hex(rc2CbcEncrypt(k40, 40, iv, pt))).toBe(opensslEnc('rc2-40-cbc', k40, pt));
  });
});
