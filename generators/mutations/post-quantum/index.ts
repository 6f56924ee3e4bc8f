/**
 * Post-quantum mutations (issue 13): what an ML-DSA signature covers and which parameter set it
 * names (RFC 9882, RFC 5652 5.4), and KEMRecipientInfo's version and kekLength (RFC 9629). A
 * truncated kemct is exercised in test/adapter-second-generation.test.ts: the catalog has no RFC
 * 9936 entry to cite yet (its text is not vendored).
 */
import type { Mutation } from '../mutation.ts';
import { kemriKekLengthWrong } from './kemri-kek-length-wrong.ts';
import { kemriVersion1 } from './kemri-version-1.ts';
import { mlDsaParameterSetMismatch } from './ml-dsa-parameter-set-mismatch.ts';
import { mlDsaParamsPresent } from './ml-dsa-params-present.ts';
import { mlDsa87DigestSha256 } from './ml-dsa-87-digest-sha256.ts';
import { mlDsaSignatureOverContent } from './ml-dsa-signature-over-content.ts';

export const POST_QUANTUM_MUTATIONS: readonly Mutation[] = [
  mlDsaSignatureOverContent,
  mlDsaParameterSetMismatch,
  mlDsaParamsPresent,
  mlDsa87DigestSha256,
  kemriKekLengthWrong,
  kemriVersion1,
];
