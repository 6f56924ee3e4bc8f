/**
 * RSA encodings of generators/crypto/rsa.ts, checked against Node's own verifiers/decrypters and,
 * where Node has no option for it (MGF1 hash different from the message hash, v1.5 decryption),
 * against the openssl CLI.
 */
import { execFileSync } from 'node:child_process';
import { constants, generateKeyPairSync, privateDecrypt, publicEncrypt, verify, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  emsaPssEncode,
  mgf1,
  rsaModulusBytes,
  rsaOaepEncrypt,
  rsaPkcs1v15Decrypt,
  rsaPkcs1v15Encrypt,
  rsaPssSign,
  type RsaHash,
} from '../../generators/crypto/rsa.ts';
import { SeededRandom } from '../../generators/random.ts';

const HASHES: RsaHash[] = ['sha1', 'sha256', 'sha384', 'sha512'];
const HLEN: Record<RsaHash, number> = { sha1: 20, sha256: 32, sha384: 48, sha512: 64 };
const msg = new TextEncoder().encode('cms-interop RSA test message');
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

let dir: string;
let priv: KeyObject;
let pub: KeyObject;
/** A 1025-bit key: emBits = 1024 is a multiple of 8, so EM is one octet shorter than k. */
let priv1025: KeyObject;
let pub1025: KeyObject;

function openssl(args: string[], input?: Uint8Array): Buffer {
  return execFileSync('openssl', args, { input, stdio: ['pipe', 'pipe', 'pipe'] });
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cmsi-rsa-'));
  ({ privateKey: priv, publicKey: pub } = generateKeyPairSync('rsa', { modulusLength: 2048 }));
  ({ privateKey: priv1025, publicKey: pub1025 } = generateKeyPairSync('rsa', { modulusLength: 1025 }));
  writeFileSync(join(dir, 'priv.pem'), priv.export({ format: 'pem', type: 'pkcs8' }));
  writeFileSync(join(dir, 'pub.pem'), pub.export({ format: 'pem', type: 'spki' }));
  writeFileSync(join(dir, 'msg.bin'), msg);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('helpers', () => {
  it('rsaModulusBytes gives k', () => {
    expect(rsaModulusBytes(priv)).toBe(256);
    expect(rsaModulusBytes(pub1025)).toBe(129);
  });
  it('rejects non-RSA keys', () => {
    const { publicKey } = generateKeyPairSync('ed25519');
    expect(() => rsaModulusBytes(publicKey)).toThrow(/key type is ed25519, expected rsa/);
  });
  it('MGF1 spans several hash blocks', () => {
    const m = mgf1('sha1', Uint8Array.of(1, 2, 3), 45);
    expect(m.length).toBe(45);
    expect(hex(mgf1('sha1', Uint8Array.of(1, 2, 3), 20))).toBe(hex(m.subarray(0, 20)));
  });
});

describe('RSASSA-PSS (RFC 8017 9.1.1)', () => {
  for (const hash of HASHES) {
    it(`Node verifies a ${hash} signature with saltLength = hLen`, () => {
      const sig = rsaPssSign(priv, hash, hash, HLEN[hash], msg, new SeededRandom('pss', hash));
      expect(sig.length).toBe(256);
      const ok = verify(hash, msg, { key: pub, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: HLEN[hash] }, sig);
      expect(ok).toBe(true);
    });
  }
  it('is deterministic for a seed and differs between seeds', () => {
    const a = rsaPssSign(priv, 'sha256', 'sha256', 32, msg, new SeededRandom(1));
    const b = rsaPssSign(priv, 'sha256', 'sha256', 32, msg, new SeededRandom(1));
    const c = rsaPssSign(priv, 'sha256', 'sha256', 32, msg, new SeededRandom(2));
    expect(hex(a)).toBe(hex(b));
    expect(hex(a)).not.toBe(hex(c));
  });
  it('handles emLen = k - 1 (1025-bit modulus) and salt length 0', () => {
    for (const saltLength of [0, 20]) {
      const sig = rsaPssSign(priv1025, 'sha1', 'sha1', saltLength, msg, new SeededRandom(3));
      expect(sig.length).toBe(129);
      expect(verify('sha1', msg, { key: pub1025, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength }, sig)).toBe(true);
    }
  });
  it('the signature opens to the EM that emsaPssEncode gives for the same salt', () => {
    const sig = rsaPssSign(priv, 'sha384', 'sha256', 17, msg, new SeededRandom('em'));
    const em = emsaPssEncode('sha384', 'sha256', new SeededRandom('em').bytes(17), msg, 2047);
    const opened = publicEncrypt({ key: pub, padding: constants.RSA_NO_PADDING }, sig);
    expect(hex(opened)).toBe(`00${hex(em)}`.slice(-512));
  });
  it('openssl verifies SHA-256 with MGF1-SHA1 (hash and MGF hash differ)', () => {
    const sig = rsaPssSign(priv, 'sha256', 'sha1', 32, msg, new SeededRandom(4));
    writeFileSync(join(dir, 'pss.sig'), sig);
    const out = openssl([
      'dgst', '-sha256', '-verify', join(dir, 'pub.pem'), '-signature', join(dir, 'pss.sig'),
      '-sigopt', 'rsa_padding_mode:pss', '-sigopt', 'rsa_pss_saltlen:32', '-sigopt', 'rsa_mgf1_md:sha1',
      join(dir, 'msg.bin'),
    ]);
    expect(out.toString()).toMatch(/Verified OK/);
  });
  it('rejects a salt too long for the modulus', () => {
    expect(() => rsaPssSign(priv1025, 'sha512', 'sha512', 64, msg, new SeededRandom(5))).toThrow(
      /EMSA-PSS: encoding error, emLen 128 < hLen 64 \+ sLen 64 \+ 2/,
    );
  });
});

describe('RSAES-OAEP (RFC 8017 7.1.1)', () => {
  const cek = new SeededRandom('cek').bytes(32);
  for (const hash of ['sha1', 'sha256'] as const) {
    it(`Node decrypts ${hash} OAEP, with and without a label`, () => {
      for (const label of [new Uint8Array(0), new TextEncoder().encode('a label')]) {
        const ct = rsaOaepEncrypt(pub, hash, hash, label, cek, new SeededRandom('oaep', hash));
        const pt = privateDecrypt(
          { key: priv, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: hash, ...(label.length ? { oaepLabel: label } : {}) },
          ct,
        );
        expect(hex(pt)).toBe(hex(cek));
      }
    });
  }
  it('is deterministic for a seed', () => {
    const a = rsaOaepEncrypt(pub, 'sha256', 'sha256', new Uint8Array(0), cek, new SeededRandom(9));
    const b = rsaOaepEncrypt(pub, 'sha256', 'sha256', new Uint8Array(0), cek, new SeededRandom(9));
    expect(hex(a)).toBe(hex(b));
  });
  it('openssl decrypts SHA-256 OAEP with MGF1-SHA1', () => {
    const ct = rsaOaepEncrypt(pub, 'sha256', 'sha1', new Uint8Array(0), cek, new SeededRandom(10));
    const pt = openssl(
      ['pkeyutl', '-decrypt', '-inkey', join(dir, 'priv.pem'), '-pkeyopt', 'rsa_padding_mode:oaep',
        '-pkeyopt', 'rsa_oaep_md:sha256', '-pkeyopt', 'rsa_mgf1_md:sha1'],
      ct,
    );
    expect(hex(pt)).toBe(hex(cek));
  });
  it('rejects a message longer than k - 2hLen - 2', () => {
    expect(() => rsaOaepEncrypt(pub, 'sha256', 'sha256', new Uint8Array(0), new Uint8Array(191), new SeededRandom(1))).toThrow(
      /RSAES-OAEP: message too long, 191 > k 256 - 2\*hLen 32 - 2/,
    );
  });
});

describe('RSAES-PKCS1-v1_5 (RFC 8017 7.2)', () => {
  const cek = new SeededRandom('cek15').bytes(24);
  it('round-trips and is deterministic', () => {
    const a = rsaPkcs1v15Encrypt(pub, cek, new SeededRandom(11));
    expect(hex(rsaPkcs1v15Decrypt(priv, a))).toBe(hex(cek));
    expect(hex(rsaPkcs1v15Encrypt(pub, cek, new SeededRandom(11)))).toBe(hex(a));
  });
  it('openssl decrypts what we encrypt', () => {
    const ct = rsaPkcs1v15Encrypt(pub, cek, new SeededRandom(12));
    expect(hex(openssl(['pkeyutl', '-decrypt', '-inkey', join(dir, 'priv.pem')], ct))).toBe(hex(cek));
  });
  it('decrypts what openssl encrypts', () => {
    const ct = openssl(['pkeyutl', '-encrypt', '-pubin', '-inkey', join(dir, 'pub.pem')], cek);
    expect(hex(rsaPkcs1v15Decrypt(priv, new Uint8Array(ct)))).toBe(hex(cek));
  });
  const rawEncrypt = (em: Uint8Array): Uint8Array =>
    new Uint8Array(publicEncrypt({ key: pub, padding: constants.RSA_NO_PADDING }, em));
  it('rejects a wrong block type', () => {
    const em = new Uint8Array(256).fill(0xff);
    em[0] = 0;
    em[1] = 1;
    em[100] = 0;
    expect(() => rsaPkcs1v15Decrypt(priv, rawEncrypt(em))).toThrow(/block type is 0x1, expected 0x02/);
  });
  it('rejects a missing separator and a short padding string', () => {
    const em = new Uint8Array(256).fill(0x5a);
    em[0] = 0;
    em[1] = 2;
    expect(() => rsaPkcs1v15Decrypt(priv, rawEncrypt(em))).toThrow(/no 0x00 separator/);
    em[9] = 0; // PS = em[2..8], 7 octets
    expect(() => rsaPkcs1v15Decrypt(priv, rawEncrypt(em))).toThrow(/padding string is 7 octets \(minimum 8\)/);
  });
  it('rejects a ciphertext of the wrong length and a message too long', () => {
    expect(() => rsaPkcs1v15Decrypt(priv, new Uint8Array(255))).toThrow(/ciphertext is 255 octets, expected k = 256/);
    expect(() => rsaPkcs1v15Encrypt(pub, new Uint8Array(246), new SeededRandom(1))).toThrow(/message too long, 246 > k 256 - 11/);
  });
});
