/**
 * The SHA-256 digestAlgorithm (in digestAlgorithms and in the SignerInfo) carries NULL parameters,
 * as NSS (Firefox, Thunderbird) writes it. RFC 5754 2: implementations MUST generate SHA2
 * AlgorithmIdentifiers with absent parameters, and MUST accept them with NULL parameters. A
 * producer's fault that receivers must tolerate: acceptable, with the producer finding.
 */
import { nul, oid, seq } from '../../../core/der/encode.ts';
import { OID } from '../../../core/oids.ts';
import type { Mutation } from '../mutation.ts';
import { aliceSignedData } from './common.ts';

export const sha2DigestNullParams: Mutation = {
  id: 'invalid/signed/sha2-digest-null-params',
  description: 'SHA-256 digestAlgorithm with NULL parameters, as NSS writes it (RFC 5754 2: generate absent, accept both); a receiver that rejects it refuses every Thunderbird-signed mail',
  stage: 'before',
  base: 'signed-data/rsa-sha256/attached',
  requirements: ['rfc5754/2/sha2-generate-absent-params'],
  flag: 'LegacyParameterEncoding',
  expected: 'acceptable',
  apply: ({ ctx }) => ({ bytes: aliceSignedData(ctx, { digestAlgorithm: seq(oid(OID.sha256), nul()) }) }),
};
