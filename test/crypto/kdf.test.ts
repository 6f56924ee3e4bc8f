/**
 * KDFs of generators/crypto/kdf.ts: RFC 2631 section 2.1.6 / 2.1.7 examples for the X9.42 KDF,
 * NIST CAVS ANSI X9.63 component vectors, RFC 5869 appendix A for HKDF, and hand-checked DER for
 * ECC-CMS-SharedInfo (RFC 5753 section 7.2).
 */
import { describe, expect, it } from 'vitest';
import { OID } from '../../core/oids.ts';
import { ansiX963Kdf, eccCmsSharedInfo, hkdf, x942Kdf, x942OtherInfo } from '../../generators/crypto/kdf.ts';

const h = (s: string): Uint8Array => new Uint8Array(Buffer.from(s.replace(/\s+/g, ''), 'hex'));
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const norm = (s: string): string => s.replace(/\s+/g, '').toLowerCase();

describe('X9.42 KDF (RFC 2631 2.1.2)', () => {
  const ZZ = h('00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f 10 11 12 13');
  it('example 1 (section 2.1.6): OtherInfo DER for counter 1 and 2', () => {
    expect(hex(x942OtherInfo(OID.cms3DESwrap, 1, 192))).toBe(
      norm('30 1d 30 13 06 0b 2a 86 48 86 f7 0d 01 09 10 03 06 04 04 00 00 00 01 a2 06 04 04 00 00 00 c0'),
    );
    expect(hex(x942OtherInfo(OID.cms3DESwrap, 2, 192))).toBe(
      norm('30 1d 30 13 06 0b 2a 86 48 86 f7 0d 01 09 10 03 06 04 04 00 00 00 02 a2 06 04 04 00 00 00 c0'),
    );
  });
  it('example 1: 3DES KEK = K1\' K2\' K3\' (not parity adjusted)', () => {
    // SHA-1 outputs a0966139...5f1e (counter 1) and f63eb5fb...2e1130 (counter 2); K3' takes 4 octets of each.
    expect(hex(x942Kdf(ZZ, OID.cms3DESwrap, 192))).toBe(
      norm('a0 96 61 39 23 76 f7 04  4d 90 52 a3 97 88 32 46  b6 7f 5f 1e f6 3e b5 fb'),
    );
  });
  it('example 2 (section 2.1.7): RC2-128 wrap with a 512-bit partyAInfo', () => {
    const partyAInfo = h('0123456789abcdeffedcba9876543201'.repeat(4));
    const other = x942OtherInfo(OID.cmsRC2wrap, 1, 128, partyAInfo);
    expect(hex(other)).toBe(
      norm(`30 61 30 13 06 0b 2a 86 48 86 f7 0d 01 09 10 03 07 04 04 00 00 00 01
            a0 42 04 40 ${'0123456789abcdeffedcba9876543201'.repeat(4)} a2 06 04 04 00 00 00 80`),
    );
    expect(hex(x942Kdf(ZZ, OID.cmsRC2wrap, 128, partyAInfo))).toBe(norm('48 95 0c 46 e0 53 00 75 40 3c ce 72 88 96 04 e0'));
  });
  it('rejects a key length that is not whole octets', () => {
    expect(() => x942Kdf(ZZ, OID.cms3DESwrap, 100)).toThrow(/key length 100 bits is not a positive multiple of 8/);
  });
});

describe('ANSI X9.63 KDF (SEC 1 3.6.1), NIST CAVS ansx963_2001 vectors', () => {
  it('SHA-1, no SharedInfo, 128 bits', () => {
    expect(hex(ansiX963Kdf('sha1', h('1c7d7b5f0597b03d06a018466ed1a93e30ed4b04dc64ccdd'), new Uint8Array(0), 16))).toBe(
      'bf71dffd8f4d99223936beb46fee8ccc',
    );
  });
  it('SHA-256, no SharedInfo, 128 bits', () => {
    expect(hex(ansiX963Kdf('sha256', h('96c05619d56c328ab95fe84b18264b08725b85e33fd34f08'), new Uint8Array(0), 16))).toBe(
      '443024c3dae66b95e6f5670601558f71',
    );
  });
  it('SHA-256, 128-bit SharedInfo, 1024 bits (four hash blocks)', () => {
    const out = ansiX963Kdf(
      'sha256',
      h('22518b10e70f2a3f243810ae3254139efbee04aa57c7af7d'),
      h('75eef81aa3041e33b80971203d2c0c52'),
      128,
    );
    expect(hex(out)).toBe(
      norm(`c498af77161cc59f2962b9a713e2b215152d139766ce34a776df11866a69bf2e
            52a13d9c7c6fc878c50c5ea0bc7b00e0da2447cfd874f6cf92f30d0097111485
            500c90c3af8b487872d04685d14c8d1dc8d7fa08beb0ce0ababc11f0bd496269
            142d43525a78e5bc79a17f59676a5706dc54d54d4d1f0bd7e386128ec26afc21`),
    );
  });
});

describe('HKDF (RFC 5869 appendix A, SHA-256)', () => {
  const IKM = h('0b'.repeat(22));
  it('A.1: with salt and info', () => {
    const okm = hkdf('sha256', IKM, h('000102030405060708090a0b0c'), h('f0f1f2f3f4f5f6f7f8f9'), 42);
    expect(hex(okm)).toBe('3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865');
  });
  it('A.3: empty salt and info (the RFC 8418 no-ukm case)', () => {
    const okm = hkdf('sha256', IKM, new Uint8Array(0), new Uint8Array(0), 42);
    expect(hex(okm)).toBe('8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8');
  });
});

describe('ECC-CMS-SharedInfo (RFC 5753 7.2)', () => {
  it('AES-128 wrap: absent parameters, no ukm, 128 bits', () => {
    expect(hex(eccCmsSharedInfo(OID.aes128Wrap, undefined, 128))).toBe(
      norm('30 15  30 0b 06 09 60 86 48 01 65 03 04 01 05  a2 06 04 04 00 00 00 80'),
    );
  });
  it('AES-256 wrap with a ukm: entityUInfo [0] EXPLICIT OCTET STRING, 256 bits = 00 00 01 00', () => {
    expect(hex(eccCmsSharedInfo(OID.aes256Wrap, h('aabbccdd'), 256))).toBe(
      norm('30 1d  30 0b 06 09 60 86 48 01 65 03 04 01 2d  a0 06 04 04 aa bb cc dd  a2 06 04 04 00 00 01 00'),
    );
  });
  it('3DES wrap: NULL parameters by default, overridable', () => {
    expect(hex(eccCmsSharedInfo(OID.cms3DESwrap, undefined, 192))).toBe(
      norm('30 19  30 0f 06 0b 2a 86 48 86 f7 0d 01 09 10 03 06 05 00  a2 06 04 04 00 00 00 c0'),
    );
    expect(hex(eccCmsSharedInfo(OID.cms3DESwrap, undefined, 192, 'absent'))).toBe(
      norm('30 17  30 0d 06 0b 2a 86 48 86 f7 0d 01 09 10 03 06  a2 06 04 04 00 00 00 c0'),
    );
  });
  it('composes with the KDFs the way RFC 5753 / RFC 8418 do (lengths only)', () => {
    const z = new Uint8Array(32).fill(1);
    const info = eccCmsSharedInfo(OID.aes256Wrap, undefined, 256);
    expect(ansiX963Kdf('sha256', z, info, 32).length).toBe(32);
    expect(hkdf('sha384', z, new Uint8Array(0), info, 32).length).toBe(32);
  });
});
