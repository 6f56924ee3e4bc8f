/**
 * Two message-digest attributes with the same, correct value. RFC 5652 11.2 requires exactly one
 * instance. Re-signed. A receiver that reads the first and never counts them would equally accept
 * two that name different contents.
 */
import type { Mutation } from '../mutation.ts';
import { aliceSignedData, digestAttr } from './common.ts';

export const messageDigestAttrDuplicated: Mutation = {
  id: 'invalid/signed/message-digest-attr-duplicated',
  description: 'Two message-digest attributes in the signed attributes, where RFC 5652 11.2 allows exactly one, re-signed; a receiver that reads the first and never counts accepts it',
  stage: 'before',
  base: 'signed-data/rsa-sha256/attached',
  requirements: ['rfc5652/11.2/once-in-signed-attrs'],
  flag: 'MessageDigestMismatch',
  expected: 'invalid',
  apply: ({ ctx }) => ({ bytes: aliceSignedData(ctx, { defects: { attrs: (a) => [...a, digestAttr('sha256', ctx.content('message'))] } }) }),
};
