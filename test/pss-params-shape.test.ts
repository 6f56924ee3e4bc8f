/**
 * RSASSA-PSS-params must be of its type (RFC 4055 3.1) before its fields are believed: a
 * maskGenAlgorithm [1] holding two AlgorithmIdentifiers was judged valid (found by cmsi fuzz).
 * The DER here is written out by hand, so the test does not share an encoder with the checker.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../core/catalog.ts';
import { checkBytes } from '../checkers/engine.ts';
import { pssParams } from '../checkers/crypto/signatures.ts';
import { parseOaepParams } from '../checkers/cms/algorithms.ts';
import { child, decode, hex } from './helpers/asn1.ts';
import { CORPUS } from './helpers/corpus.ts';
import { readDer } from '../core/der/reader.ts';
import { pssParamsProblem } from '../checkers/cms/pss-params-shape.ts';

const h = (hex: string) => Uint8Array.from(Buffer.from(hex.replace(/\s+/g, ''), 'hex'));
const SHA256 = '300d 0609 608648016503040201 0500';
const MGF1_SHA256 = '301a 0609 2a864886f70d010108 ' + SHA256;
const tlv = (tag: string, body: string) => {
  const n = body.replace(/\s+/g, '').length / 2;
  return `${tag}${n.toString(16).padStart(2, '0')}${body.replace(/\s+/g, '')}`;
};
const problem = (hex: string) => {
  const r = readDer(h(hex));
  expect(r.root, 'the test value is DER').not.toBeNull();
  return pssParamsProblem(r.root!);
};

describe('RSASSA-PSS-params shape', () => {
  it('accepts the usual SHA-256 parameters and the empty SEQUENCE of all defaults', () => {
    expect(problem(tlv('30', tlv('a0', SHA256) + tlv('a1', MGF1_SHA256) + tlv('a2', '020120')))).toBeNull();
    expect(problem('3000')).toBeNull();
  });

  it('names maskGenAlgorithm when [1] holds two AlgorithmIdentifiers', () => {
    expect(problem(tlv('30', tlv('a0', SHA256) + tlv('a1', MGF1_SHA256 + MGF1_SHA256) + tlv('a2', '020120')))).toMatch(/maskGenAlgorithm \[1\] holds 2 values/);
  });

  it('finds fields out of order, a salt that is not an INTEGER, an MGF hash that is not an AlgorithmIdentifier, and NULL parameters', () => {
    expect(problem(tlv('30', tlv('a1', MGF1_SHA256) + tlv('a0', SHA256)))).toMatch(/out of order/);
    expect(problem(tlv('30', tlv('a2', '040120')))).toMatch(/saltLength \[2\] is not an INTEGER/);
    expect(problem(tlv('30', tlv('a1', tlv('30', '0609 2a864886f70d010108 0500'))))).toMatch(/hash of maskGenAlgorithm/);
    expect(problem('0500')).toMatch(/not an RSASSA-PSS-params SEQUENCE/);
  });
});

/**
 * The lenient reader of the verification path (pssParams) must not believe a value that is not of
 * the type: it used to take the first value of a doubled [1], read fields out of order, and the
 * OID out of a SET where an AlgorithmIdentifier SEQUENCE belongs, so such a signature "verified".
 * Now it reads nothing from such a value: the signature check is unchecked, and the shape rule
 * still makes the message invalid.
 */
describe('pssParams (the verification path) reads only RSASSA-PSS-params values', () => {
  const read = (hex: string) => {
    const b = h(hex);
    return pssParams(b, readDer(b).root);
  };
  const SHA256_OID = '2.16.840.1.101.3.4.2.1';

  it('reads the usual SHA-256 parameters, and the defaults of the empty SEQUENCE', () => {
    expect(read(tlv('30', tlv('a0', SHA256) + tlv('a1', MGF1_SHA256) + tlv('a2', '020120')))).toEqual({ hash: SHA256_OID, mgf: '1.2.840.113549.1.1.8', mgfHash: SHA256_OID, saltLength: 32, trailer: 1 });
    expect(read('3000')).toEqual({ hash: '1.3.14.3.2.26', mgf: '1.2.840.113549.1.1.8', mgfHash: '1.3.14.3.2.26', saltLength: 20, trailer: 1 });
  });

  it('returns null for a doubled [1], fields out of order, an AlgorithmIdentifier that is a SET, and NULL parameters', () => {
    expect(read(tlv('30', tlv('a0', SHA256) + tlv('a1', MGF1_SHA256 + MGF1_SHA256) + tlv('a2', '020120')))).toBeNull();
    expect(read(tlv('30', tlv('a1', MGF1_SHA256) + tlv('a0', SHA256)))).toBeNull();
    expect(read(tlv('30', tlv('a0', '31' + SHA256.replace(/\s+/g, '').slice(2))))).toBeNull();
    expect(read('0500')).toBeNull();
  });
});

describe('a PSS signature whose parameters are not of their type (the corpus sample, one change each)', () => {
  const catalog = loadCatalog();
  const sample = new Uint8Array(readFileSync(join(CORPUS, 'samples', 'signed-data', 'rsa-pss-sha256', 'attached.der')));
  const content = new Uint8Array(readFileSync(join(CORPUS, 'content', 'message.txt')));
  const signerInfo = child(child(child(child(decode(sample), 1), 0), 4), 0);
  const sigAlg = signerInfo.children.find((c) => c.children[0]?.tag === 6 && hex(c.children[0].value) === '2a864886f70d01010a')!;
  const params = child(sigAlg, 1);
  const at = Buffer.from(sample).lastIndexOf(Buffer.from(params.raw));
  const [f0, f1] = [child(params, 0).raw, child(params, 1).raw];
  const check = (b: Uint8Array) => checkBytes('pss.der', b, { catalog, profile: 'current', certs: [], content });
  const CHANGES: readonly { name: string; edit: (b: Uint8Array) => void }[] = [
    { name: 'hashAlgorithm [0] holds a SET, not an AlgorithmIdentifier SEQUENCE', edit: (b) => { b[at + 2 + 2] = 0x31; } },
    { name: 'maskGenAlgorithm [1] comes before hashAlgorithm [0]', edit: (b) => { b.set(f1, at + 2); b.set(f0, at + 2 + f1.length); } },
  ];

  it('the untouched sample verifies', () => {
    expect(at).toBeGreaterThan(0);
    const r = check(sample);
    expect(r.verdict).toBe('valid');
    expect(r.findings.filter((f) => f.rule === 'cmsi/signature-valid').map((f) => f.status)).toEqual(['pass']);
  });

  for (const c of CHANGES) {
    it(`${c.name}: invalid for the shape, and the signature is not verified (unchecked, not a pass)`, () => {
      const b = Uint8Array.from(sample);
      c.edit(b);
      const r = check(b);
      expect(r.verdict).toBe('invalid');
      expect(r.findings.filter((f) => f.rule === 'rfc4056/3/signature-algorithm-pss-params').map((f) => f.status)).toEqual(['fail']);
      expect(r.findings.filter((f) => f.rule === 'cmsi/signature-valid')).toEqual([]);
      expect(r.findings.some((f) => f.rule === 'cmsi/crypto-unverifiable' && f.status === 'unchecked' && /RSASSA-PSS-params are not of their type/.test(f.message))).toBe(true);
    });
  }
});

/**
 * RSAES-OAEP-params (RFC 3560 3, RFC 4055 4.1) has the same shape, read by the same walker
 * (checkers/cms/explicit-fields.ts): the same faults get the same precise findings in both types.
 */
describe('RSAES-OAEP-params through the same walker', () => {
  const oaep = (hex: string) => {
    const b = h(hex);
    const root = readDer(b).root!;
    return parseOaepParams(b, { oid: '1.2.840.113549.1.1.7', params: root, at: { path: 'p', node: root } });
  };
  const error = (hex: string) => { const r = oaep(hex); return r.ok ? null : r.error; };

  it('reads SHA-256 with MGF1-SHA-256, and the defaults of the empty SEQUENCE', () => {
    const r = oaep(tlv('30', tlv('a0', SHA256) + tlv('a1', MGF1_SHA256)));
    expect(r.ok && [r.value.hash, r.value.mgfHash, r.value.explicit]).toEqual(['sha256', 'sha256', { hash: true, mgf: true, pSource: false }]);
    const d = oaep('3000');
    expect(d.ok && [d.value.hash, d.value.mgfHash, d.value.label.length]).toEqual(['sha1', 'sha1', 0]);
  });

  it('names the field and the fault as for PSS: doubled value, order, a field past [2], not a SEQUENCE', () => {
    expect(error(tlv('30', tlv('a0', SHA256 + SHA256)))).toBe('hashFunc [0] holds 2 values, not one (EXPLICIT tagging)');
    expect(error(tlv('30', tlv('a1', MGF1_SHA256) + tlv('a0', SHA256)))).toBe('RSAES-OAEP-params fields are out of order or repeated (hashFunc [0])');
    expect(error(tlv('30', tlv('a3', SHA256)))).toMatch(/^RSAES-OAEP-params holds a field other than hashFunc \[0\], maskGenFunc \[1\], pSourceFunc \[2\]$/);
    expect(error('0500')).toBe('the parameters are not an RSAES-OAEP-params SEQUENCE');
    expect(problem(tlv('30', tlv('a0', SHA256 + SHA256)))).toBe('hashAlgorithm [0] holds 2 values, not one (EXPLICIT tagging)');
  });
});
