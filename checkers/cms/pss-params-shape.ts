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
  if (!isUniversal(params, 16) || !params.constructed) return 'the parameters are not an RSASSA-PSS-params SEQUENCE';
  let last = -1;
  for (const f of params.children) {
    if (f.cls !== 'context' || !f.constructed || f.tag > 3) return 'RSASSA-PSS-params holds a field other than [0] to [3]';
    if (f.tag <= last) return `RSASSA-PSS-params fields are out of order or repeated (${FIELDS[f.tag]})`;
    last = f.tag;
    const name = FIELDS[f.tag]!;
    if (f.children.length !== 1) return `${name} holds ${f.children.length} values, not one (EXPLICIT tagging)`;
    const v = f.children[0]!;
    if (f.tag <= 1) {
      const p = algorithmIdentifierProblem(v);
      if (p) return `${name} ${p}`;
      // MGF1's parameter is the AlgorithmIdentifier of its hash (RFC 4055 2.2).
      if (f.tag === 1 && v.children[1]) {
        const h = algorithmIdentifierProblem(v.children[1]);
        if (h) return `the hash of maskGenAlgorithm [1] ${h}`;
      }
    } else if (!isUniversal(v, 2)) return `${name} is not an INTEGER`;
  }
  return null;
}
