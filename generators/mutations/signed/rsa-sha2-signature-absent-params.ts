/**
 * The sha256WithRSAEncryption signatureAlgorithm has no parameters field. RFC 5754 3.2: the
 * parameters MUST be NULL, and implementations MUST accept them absent as well as present. A
 * producer's fault that receivers must tolerate: acceptable, with the producer finding.
 */
import { oid, seq } from '../../../core/der/encode.ts';
import { OID } from '../../../core/oids.ts';
import type { Mutation } from '../mutation.ts';
import { aliceSignedData } from './common.ts';

export const rsaSha2SignatureAbsentParams: Mutation = {
  id: 'invalid/signed/rsa-sha2-signature-absent-params',
  description: 'sha256WithRSAEncryption signatureAlgorithm without its NULL parameters (RFC 5754 3.2: MUST be NULL, MUST be accepted absent); a receiver that rejects it breaks interop for no security gain',
  stage: 'before',
  base: 'signed-data/rsa-sha256/attached',
  requirements: ['rfc5754/3.2/rsa-sha2-params-null'],
  flag: 'LegacyParameterEncoding',
  expected: 'acceptable',
  apply: ({ ctx }) => ({ bytes: aliceSignedData(ctx, { defects: { signatureAlgorithm: seq(oid(OID.sha256WithRSAEncryption)) } }) }),
};
