/**
 * Alice's certificate whose outer signatureAlgorithm says sha384WithRSAEncryption while
 * tbsCertificate.signature says sha256WithRSAEncryption (RFC 5280 4.1.2.3: the two must be equal).
 */
import type { Mutation } from '../mutation.ts';
import { findPath, nodeAt, overwrite } from '../tlv-edit.ts';

export const signatureAlgorithmMismatch: Mutation = {
  id: 'invalid/certificates/signature-algorithm-mismatch',
  description: 'Signer certificate signatureAlgorithm sha384WithRSAEncryption differs from tbsCertificate.signature sha256WithRSAEncryption (RFC 5280 4.1.2.3); a parser that reads only one of them accepts it',
  stage: 'after',
  base: 'signed-data/rsa-sha256/attached',
  requirements: ['rfc5280/4.1.2.3/signature-algorithm-matches-tbs'],
  flag: 'CertificateFieldRule',
  expected: 'invalid',
  apply: ({ base }) => {
    // signedData.certificates[0].signatureAlgorithm.algorithm: ...01 0b (sha256) becomes ...01 0c (sha384)
    const path = findPath(base, (n, p) => p.length === 6 && p[2] === 3 && p[3] === 0 && p[4] === 1 && p[5] === 0 && n.tag === 6);
    const oid = nodeAt(base, path);
    return { bytes: overwrite(base, oid.end - 1, Uint8Array.of(0x0c)) };
  },
};
