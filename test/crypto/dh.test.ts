/**
 * X9.42 DH of generators/crypto/dh.ts with keys made by `openssl genpkey -algorithm DHX`: the
 * parsed private values must reproduce OpenSSL's public key, two parties must agree on ZZ, and
 * ZZ must equal what `openssl pkeyutl -derive` with pad:1 computes.
 */
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dhPublic, dhShared, dhxKeyFromPkcs8, dhxPublicFromSpki, modPow } from '../../generators/crypto/dh.ts';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const openssl = (...args: string[]): Buffer => execFileSync('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] });

let dir: string;
const file = (name: string): string => join(dir, name);
const der = (name: string): Uint8Array => new Uint8Array(readFileSync(file(name)));

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cmsi-dhx-'));
  openssl('genpkey', '-genparam', '-algorithm', 'DHX', '-pkeyopt', 'dh_paramgen_prime_len:1024',
    '-pkeyopt', 'dh_paramgen_subprime_len:160', '-out', file('params.pem'));
  for (const party of ['a', 'b']) {
    openssl('genpkey', '-paramfile', file('params.pem'), '-outform', 'DER', '-out', file(`${party}.der`));
    openssl('pkey', '-inform', 'DER', '-in', file(`${party}.der`), '-pubout', '-outform', 'DER', '-out', file(`${party}.pub.der`));
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('modPow and dhShared basics', () => {
  it('modPow on small numbers', () => {
    expect(modPow(4n, 13n, 497n)).toBe(445n);
    expect(modPow(2n, 0n, 7n)).toBe(1n);
    expect(modPow(-2n, 3n, 7n)).toBe(6n);
    expect(modPow(5n, 3n, 1n)).toBe(0n);
  });
  it('ZZ keeps leading zeros: it is as long as p (RFC 2631 2.1.2)', () => {
    expect(hex(dhShared(65537n, 3n, 1n))).toBe('000003');
  });
  it('validates the peer value (RFC 2631 2.1.5)', () => {
    expect(() => dhShared(23n, 1n, 3n)).toThrow(/not in \[2, p-1\]/);
    expect(() => dhShared(23n, 23n, 3n)).toThrow(/not in \[2, p-1\]/);
    // p = 23 = 2*11 + 1, q = 11: 22 = -1 has order 2, not 11.
    expect(() => dhShared(23n, 22n, 3n, 11n)).toThrow(/not in the order-q subgroup/);
    expect(hex(dhShared(23n, 4n, 3n, 11n))).toBe('12'); // 4^3 mod 23 = 18
    expect(() => dhPublic(23n, 4n, 0n)).toThrow(/x is not in \[1, p-2\]/);
  });
});

describe('OpenSSL DHX keys', () => {
  it('parses p, g, q, x and computes the y that OpenSSL publishes', () => {
    for (const party of ['a', 'b']) {
      const k = dhxKeyFromPkcs8(der(`${party}.der`));
      const pub = dhxPublicFromSpki(der(`${party}.pub.der`));
      expect(k.p.toString(2).length).toBe(1024);
      expect(k.q.toString(2).length).toBe(160);
      expect((k.p - 1n) % k.q).toBe(0n);
      expect([pub.p, pub.g, pub.q]).toEqual([k.p, k.g, k.q]);
      expect(pub.y).toBe(k.y);
      expect(dhPublic(k.p, k.g, k.x)).toBe(k.y);
    }
  });
  it('both parties derive the same 128-octet ZZ, equal to openssl pkeyutl -derive with pad:1', () => {
    const a = dhxKeyFromPkcs8(der('a.der'));
    const b = dhxKeyFromPkcs8(der('b.der'));
    const zzA = dhShared(a.p, b.y, a.x, a.q);
    const zzB = dhShared(b.p, a.y, b.x, b.q);
    expect(zzA.length).toBe(128);
    expect(hex(zzA)).toBe(hex(zzB));
    const fromOpenssl = openssl('pkeyutl', '-derive', '-keyform', 'DER', '-inkey', file('a.der'),
      '-peerform', 'DER', '-peerkey', file('b.pub.der'), '-pkeyopt', 'pad:1');
    expect(hex(zzA)).toBe(fromOpenssl.toString('hex'));
  });
  it('rejects a key of another algorithm', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'der', type: 'pkcs8' });
    expect(() => dhxKeyFromPkcs8(new Uint8Array(ec))).toThrow(/algorithm is 1\.2\.840\.10045\.2\.1, expected 1\.2\.840\.10046\.2\.1/);
  });
});
