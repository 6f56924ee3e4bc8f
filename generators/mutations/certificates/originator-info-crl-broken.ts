/**
 * The CRL in EnvelopedData originatorInfo with its signatureAlgorithm OID retagged as a
 * UTF8String: not a CertificateList (RFC 5280 5.1). A receiver that reads revocation data it
 * cannot parse leniently decides revocation on bytes nobody signed.
 */
import type { Mutation } from '../mutation.ts';
import { nodeAt, retagNode } from '../tlv-edit.ts';

/** ContentInfo [0] -> EnvelopedData -> originatorInfo [0] -> crls [1] -> CertificateList -> signatureAlgorithm -> algorithm. */
const PATH = [1, 0, 1, 1, 0, 1, 0] as const;

export const originatorInfoCrlBroken: Mutation = {
  id: 'invalid/certificates/originator-info-crl-broken',
  description: 'The originatorInfo CRL of an EnvelopedData with its signatureAlgorithm OID retagged UTF8String, not a CertificateList (RFC 5280 5.1, RFC 5652 6.1); a receiver that reads it leniently trusts revocation data nobody signed',
  stage: 'after',
  base: 'enveloped-data/originator-info',
  requirements: ['rfc5280/5.1/crl-syntax', 'rfc8550/2.1/sent-crls-rfc5280-format'],
  flag: 'BrokenCertificate',
  expected: 'invalid',
  apply: ({ base }) => {
    const n = nodeAt(base, PATH);
    if (n.cls !== 'universal' || n.tag !== 6) throw new Error('originator-info-crl-broken: no CRL signatureAlgorithm OID at the expected path');
    return { bytes: retagNode(base, PATH, 0x0c) };
  },
};
