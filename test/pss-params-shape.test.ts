/**
 * RSASSA-PSS-params must be of its type (RFC 4055 3.1) before its fields are believed: a
 * maskGenAlgorithm [1] holding two AlgorithmIdentifiers was judged valid (found by cmsi fuzz).
 * The DER here is written out by hand, so the test does not share an encoder with the checker.
 */
import { describe, expect, it } from 'vitest';
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
