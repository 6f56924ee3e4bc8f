/**
 * Deterministic DSA (RFC 6979) of generators/crypto/dsa.ts: the RFC's own known answers, and
 * Node's verifier on signatures made with a freshly generated key.
 */
import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bitString, int, oid, seq } from '../../core/der/encode.ts';
import { OID } from '../../core/oids.ts';
import { readSpkiIntegerKey } from '../../generators/crypto/der-read.ts';
import { dsaKeyValues, dsaSignDeterministic, dssSigValue, type DsaPrivate } from '../../generators/crypto/dsa.ts';
import { modPow } from '../../generators/crypto/bigint.ts';

const big = (s: string): bigint => BigInt(`0x${s.replace(/\s+/g, '')}`);
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

// RFC 6979 appendix A.2.2, "DSA, 2048 Bits": key parameters.
const A22: DsaPrivate = {
  p: big(`9DB6FB5951B66BB6FE1E140F1D2CE5502374161FD6538DF1648218642F0B5C48
    C8F7A41AADFA187324B87674FA1822B00F1ECF8136943D7C55757264E5A1A44F
    FE012E9936E00C1D3E9310B01C7D179805D3058B2A9F4BB6F9716BFE6117C6B5
    B3CC4D9BE341104AD4A80AD6C94E005F4B993E14F091EB51743BF33050C38DE2
    35567E1B34C3D6A5C0CEAA1A0F368213C3D19843D0B4B09DCB9FC72D39C8DE41
    F1BF14D4BB4563CA28371621CAD3324B6A2D392145BEBFAC748805236F5CA2FE
    92B871CD8F9C36D3292B5509CA8CAA77A2ADFC7BFD77DDA6F71125A7456FEA15
    3E433256A2261C6A06ED3693797E7995FAD5AABBCFBE3EDA2741E375404AE25B`),
  q: big('F2C3119374CE76C9356990B465374A17F23F9ED35089BD969F61C6DDE9998C1F'),
  g: big(`5C7FF6B06F8F143FE8288433493E4769C4D988ACE5BE25A0E24809670716C613
    D7B0CEE6932F8FAA7C44D2CB24523DA53FBE4F6EC3595892D1AA58C4328A06C4
    6A15662E7EAA703A1DECF8BBB2D05DBE2EB956C142A338661D10461C0D135472
    085057F3494309FFA73C611F78B32ADBB5740C361C9F35BE90997DB2014E2EF5
    AA61782F52ABEB8BD6432C4DD097BC5423B285DAFB60DC364E8161F4A2A35ACA
    3A10B1C4D203CC76A470A33AFDCBDD92959859ABD8B56E1725252D78EAC66E71
    BA9AE3F1DD2487199874393CD4D832186800654760E1E34C09E4D155179F9EC0
    DC4473F996BDCE6EED1CABED8B6F116F7AD9CF505DF0F998E34AB27514B0FFE7`),
  x: big('69C7548C21D0DFEA6B9A51C9EAD4E27C33D3B3F180316E5BCAB92C933F0E4DBC'),
};

// RFC 6979 A.2.2 signatures: [hash, message, k, r, s].
const A22_SIGS = [
  ['sha256', 'sample', '8926A27C40484216F052F4427CFD5647338B7B3939BC6573AF4333569D597C52',
    'EACE8BDBBE353C432A795D9EC556C6D021F7A03F42C36E9BC87E4AC7932CC809',
    '7081E175455F9247B812B74583E9E94F9EA79BD640DC962533B0680793A38D53'],
  ['sha1', 'sample', '888FA6F7738A41BDC9846466ABDB8174C0338250AE50CE955CA16230F9CBD53E',
    '3A1B2DBD7489D6ED7E608FD036C83AF396E290DBD602408E8677DAABD6E7445A',
    'D26FCBA19FA3E3058FFC02CA1596CDBB6E0D20CB37B06054F7E36DED0CDBBCCF'],
  ['sha256', 'test', '1D6CE6DDA1C5D37307839CD03AB0A5CBB18E60D800937D67DFB4479AAC8DEAD7',
    '8190012A1969F9957D56FCCAAD223186F423398D58EF5B3CEFD5A4146A4476F0',
    '7452A53F7075D417B4B013B278D1BB8BBD21863F5E7B1CEE679CF2188E1AB19E'],
  ['sha512', 'sample', '5A12994431785485B3F5F067221517791B85A597B7A9436995C89ED0374668FC',
    '2016ED092DC5FB669B8EFB3D1F31A91EECB199879BE0CF78F02BA062CB4C942E',
    'D0C76F84B5F091E141572A639A4FB8C230807EEA7D55C8A154A224400AFF2351'],
] as const;

describe('RFC 6979 A.2.2 (DSA 2048/256)', () => {
  for (const [hash, message, k, r, s] of A22_SIGS) {
    it(`${hash} "${message}" gives the published k, r and s`, () => {
      const sig = dsaSignDeterministic(A22, hash, enc(message));
      expect(sig.k.toString(16).toUpperCase().padStart(64, '0')).toBe(k);
      expect(sig.r.toString(16).toUpperCase().padStart(64, '0')).toBe(r);
      expect(sig.s.toString(16).toUpperCase().padStart(64, '0')).toBe(s);
      expect(Buffer.from(sig.der).toString('hex')).toBe(Buffer.from(dssSigValue(big(r), big(s))).toString('hex'));
    });
  }
  it('Node verifies the published signature through an SPKI built from p, q, g, y', () => {
    const y = modPow(A22.g, A22.x, A22.p);
    const spki = seq(seq(oid(OID.dsa), seq(int(A22.p), int(A22.q), int(A22.g))), bitString(int(y)));
    const key = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
    const sig = dsaSignDeterministic(A22, 'sha256', enc('sample'));
    expect(verify('sha256', enc('sample'), { key, dsaEncoding: 'der' }, sig.der)).toBe(true);
  });
});

describe('fresh 2048/256 key', () => {
  const { privateKey, publicKey } = generateKeyPairSync('dsa', { modulusLength: 2048, divisorLength: 256 });
  const values = dsaKeyValues(privateKey);
  it('extracts p, q, g, x and y = g^x mod p matching the public key', () => {
    const spki = new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }));
    const { params, publicValue } = readSpkiIntegerKey(spki, OID.dsa);
    expect(params).toEqual([values.p, values.q, values.g]);
    expect(publicValue).toBe(values.y);
    expect(values.q.toString(2).length).toBe(256);
  });
  it('Node verifies a deterministic SHA-256 signature, and signing twice gives the same bytes', () => {
    const m = enc('CMS signed attributes stand-in');
    const a = dsaSignDeterministic(values, 'sha256', m);
    const b = dsaSignDeterministic(values, 'sha256', m);
    expect(Buffer.from(a.der).equals(Buffer.from(b.der))).toBe(true);
    expect(verify('sha256', m, { key: publicKey, dsaEncoding: 'der' }, a.der)).toBe(true);
    expect(verify('sha256', enc('other'), { key: publicKey, dsaEncoding: 'der' }, a.der)).toBe(false);
  });
  it('rejects non-DSA keys and a bad x', () => {
    const { privateKey: ec } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(() => dsaKeyValues(ec)).toThrow(/expected a private dsa key, got private ec/);
    expect(() => dsaSignDeterministic({ ...A22, x: 0n }, 'sha256', enc('x'))).toThrow(/x is not in \[1, q-1\]/);
  });
});
