/**
 * Alice's certificate whose outer signatureAlgorithm says sha384WithRSAEncryption while
 * tbsCertificate.signature says sha256WithRSAEncryption (RFC 5280 4.1.2.3: the two must be equal).
 * Carl signs it with SHA-384, as the outer field (RFC 5280 4.1.1.2: the algorithm the CA used)
 * says, so the signature verifies and the sample breaks 4.1.2.3 alone: flipping the outer OID of a
 * SHA-256 signature would also make 6.1.3's signature check fail.
 */
import { nul, oid, seq } from '../../../core/der/encode.ts';
import { OID } from '../../../core/oids.ts';
import type { Mutation } from '../mutation.ts';
import { aliceCertificate, signedWith } from './common.ts';

export const signatureAlgorithmMismatch: Mutation = {
  id: 'invalid/certificates/signature-algorithm-mismatch',
  description: 'Signer certificate signatureAlgorithm sha384WithRSAEncryption (the hash Carl signed with) differs from tbsCertificate.signature sha256WithRSAEncryption (RFC 5280 4.1.2.3); a parser that reads only one of them accepts it',
  stage: 'before',
  base: 'signed-data/rsa-sha256/attached',
  requirements: ['rfc5280/4.1.2.3/signature-algorithm-matches-tbs'],
  flag: 'CertificateFieldRule',
  expected: 'invalid',
  apply: ({ ctx }) => ({
    bytes: signedWith(ctx, [aliceCertificate(ctx, { outerSignature: { algorithm: seq(oid(OID.sha384WithRSAEncryption), nul()), hash: 'sha384' } })]),
  }),
};
