/**
 * The signer certificate in SignedData.certificates with its signatureAlgorithm OID retagged as a
 * UTF8String (the defect the structure-aware mutation campaign found most often): not a parseable
 * Certificate (RFC 5280 4.1), though its public key can still be dug out. The SignerInfo and its
 * signature are untouched.
 */
import type { Mutation } from '../mutation.ts';
import { findPath, retagNode } from '../tlv-edit.ts';

export const signerCertificateBroken: Mutation = {
  id: 'invalid/certificates/signer-certificate-broken',
  description: 'Signer certificate with its signatureAlgorithm OID retagged UTF8String, not a parseable Certificate (RFC 5280 4.1); a receiver that digs the key out of it accepts the signature',
  stage: 'after',
  base: 'signed-data/rsa-sha256/attached',
  requirements: ['rfc5280/4.1/certificate-syntax'],
  flag: 'BrokenCertificate',
  expected: 'invalid',
  apply: ({ base }) => {
    // signedData.certificates[0].signatureAlgorithm.algorithm
    const path = findPath(base, (n, p) => p.length === 6 && p[2] === 3 && p[3] === 0 && p[4] === 1 && p[5] === 0 && n.tag === 6);
    return { bytes: retagNode(base, path, 0x0c) };
  },
};
