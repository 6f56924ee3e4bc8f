/**
 * The certificate in EnvelopedData originatorInfo with its signatureAlgorithm OID retagged as a
 * UTF8String: not a parseable Certificate (RFC 5280 4.1). RFC 5652 6.1 makes originatorInfo certs
 * a CertificateSet like SignedData's, so the same strict reading applies; a receiver that builds
 * paths from a certificate it cannot parse trusts bytes nobody issued.
 */
import type { Mutation } from '../mutation.ts';
import { nodeAt, retagNode } from '../tlv-edit.ts';

/** ContentInfo [0] -> EnvelopedData -> originatorInfo [0] -> certs [0] -> certificate -> signatureAlgorithm -> algorithm. */
const PATH = [1, 0, 1, 0, 0, 1, 0] as const;

export const originatorInfoCertificateBroken: Mutation = {
  id: 'invalid/certificates/originator-info-certificate-broken',
  description: 'The originatorInfo certificate of an EnvelopedData with its signatureAlgorithm OID retagged UTF8String, not a parseable Certificate (RFC 5280 4.1, RFC 5652 6.1); a receiver that reads it leniently builds paths from a certificate nobody issued',
  stage: 'after',
  base: 'enveloped-data/originator-info',
  requirements: ['rfc5280/4.1/certificate-syntax'],
  flag: 'BrokenCertificate',
  expected: 'invalid',
  apply: ({ base }) => {
    const n = nodeAt(base, PATH);
    if (n.cls !== 'universal' || n.tag !== 6) throw new Error('originator-info-certificate-broken: no certificate signatureAlgorithm OID at the expected path');
    return { bytes: retagNode(base, PATH, 0x0c) };
  },
};
