/**
 * Signed attributes are present (content-type and a correct message-digest) but the signature
 * covers the content itself, as if there were none. RFC 5652 5.4: with signed attributes, the
 * signature is over their DER encoding. Re-signed. A receiver that picks what to verify by trying
 * both inputs accepts attributes that no signature covers.
 */
import type { Mutation } from '../mutation.ts';
import { aliceSignedData } from './common.ts';

export const signatureOverContentNotAttrs: Mutation = {
  id: 'invalid/signed/signature-over-content-not-attrs',
  description: 'Signed attributes present but the signature is over the content (RFC 5652 5.4), re-signed; a receiver that tries both inputs accepts attributes no signature covers',
  stage: 'before',
  base: 'signed-data/rsa-sha256/attached',
  requirements: ['rfc5652/5.4/signed-attrs-digest-set-of-tag'],
  flag: 'SignatureOverWrongBytes',
  expected: 'invalid',
  apply: ({ ctx }) => ({ bytes: aliceSignedData(ctx, { defects: { signOver: () => ctx.content('message') } }) }),
};
