/**
 * Alice's certificate with a subjectUniqueID. RFC 5280 4.1.2.8: conforming CAs MUST NOT generate
 * certificates with unique identifiers, and applications SHOULD be capable of parsing them: a
 * CA's fault that receivers must accept (the catalog records it as must-accept).
 */
import type { Mutation } from '../mutation.ts';
import { aliceCertificate, signedWith } from './common.ts';

export const signerSubjectUniqueId: Mutation = {
  id: 'invalid/certificates/signer-subject-unique-id',
  description: 'Signer certificate (version 3) with a subjectUniqueID (RFC 5280 4.1.2.8: CAs MUST NOT issue, applications should parse); a receiver that cannot parse the field rejects old certificates',
  stage: 'before',
  base: 'signed-data/rsa-sha256/attached',
  requirements: ['rfc5280/4.1.2.8/no-unique-identifiers'],
  flag: 'CertificateFieldRule',
  expected: 'acceptable',
  apply: ({ ctx }) => ({ bytes: signedWith(ctx, [aliceCertificate(ctx, { subjectUniqueId: Uint8Array.of(0x61, 0x6c, 0x69, 0x63, 0x65) })]) }),
};
