/**
 * AuthenticatedData with a [1] digestAlgorithm (SHA-256) but no authAttrs; the HMAC covers the
 * content, as it must without authAttrs. RFC 5652 9.1: digestAlgorithm present requires authAttrs.
 * A receiver that decides what the MAC covers from digestAlgorithm alone, or ignores the
 * inconsistency, processes a structure the RFC rules out.
 */
import type { Mutation } from '../mutation.ts';
import { bobAuthenticated } from './common.ts';

export const authenticatedDataDigestAlgorithmWithoutAuthAttrs: Mutation = {
  id: 'invalid/enveloped/authenticated-data-digest-algorithm-without-auth-attrs',
  description: 'AuthenticatedData with digestAlgorithm but without authAttrs, MAC over the content valid; a receiver that does not tie digestAlgorithm to authAttrs accepts it',
  stage: 'before',
  base: 'authenticated-data/hmac-sha256/no-auth-attrs',
  requirements: ['rfc5652/9.1/auth-attrs-when-digest-algorithm'],
  flag: 'MacInvalid',
  expected: 'invalid',
  apply: ({ ctx }) => ({ bytes: bobAuthenticated(ctx, false, { digestAlgorithmWithoutAttrs: true }) }),
};
