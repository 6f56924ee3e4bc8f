/**
 * The shape of RSASSA-PSS-params (RFC 4055 3.1, EXPLICIT tags; RFC 4056 2.2 and 3):
 *   SEQUENCE { hashAlgorithm [0] AlgorithmIdentifier DEFAULT sha1,
 *              maskGenAlgorithm [1] AlgorithmIdentifier DEFAULT mgf1SHA1,
 *              saltLength [2] INTEGER DEFAULT 20, trailerField [3] INTEGER DEFAULT 1 }
 * The verification path reads these fields leniently (checkers/crypto/signatures.ts pssParams);
 * this says what is wrong with a value that is not of that type, so a maskGenAlgorithm holding two
 * AlgorithmIdentifiers, say, is a finding and not a signature that verifies (found by cmsi fuzz).
 */
import type { DerNode } from '../../core/der/reader.ts';
import { readExplicitFields } from './explicit-fields.ts';

const isUniversal = (n: DerNode | undefined, tag: number): boolean => !!n && n.cls === 'universal' && n.tag === tag;

/** An AlgorithmIdentifier: SEQUENCE { OBJECT IDENTIFIER, parameters ANY OPTIONAL }. */
function algorithmIdentifierProblem(n: DerNode | undefined): string | null {
  if (!isUniversal(n, 16) || !n!.constructed) return 'is not an AlgorithmIdentifier SEQUENCE';
  if (!isUniversal(n!.children[0], 6)) return 'does not start with an OBJECT IDENTIFIER';
  return n!.children.length > 2 ? `holds ${n!.children.length} fields, not an OID and its parameters` : null;
}

const FIELDS = ['hashAlgorithm [0]', 'maskGenAlgorithm [1]', 'saltLength [2]', 'trailerField [3]'] as const;

/** null when `params` is an RSASSA-PSS-params value; else what is wrong, naming the field. */
export function pssParamsProblem(params: DerNode): string | null {
  const read = readExplicitFields(params, 'RSASSA-PSS-params', FIELDS);
  if (!read.ok) return read.problem;
  for (const [tag, v] of read.values.entries()) {
    if (!v) continue;
    const name = FIELDS[tag]!;
    if (tag <= 1) {
      const p = algorithmIdentifierProblem(v);
      if (p) return `${name} ${p}`;
      // MGF1's parameter is the AlgorithmIdentifier of its hash (RFC 4055 2.2).
      if (tag === 1 && v.children[1]) {
        const h = algorithmIdentifierProblem(v.children[1]);
        if (h) return `the hash of maskGenAlgorithm [1] ${h}`;
      }
    } else if (!isUniversal(v, 2)) return `${name} is not an INTEGER`;
  }
  return null;
}
