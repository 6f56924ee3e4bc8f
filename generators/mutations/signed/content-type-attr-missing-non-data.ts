/**
 * A SignedData over a DigestedData (eContentType id-digestedData) whose signed attributes hold
 * message-digest and signing-time but no content-type. Nothing signed says what type the content
 * is, which is the substitution RFC 5652 11.1 closes. Re-signed. A receiver that trusts the
 * unsigned eContentType accepts it.
 */
import { OID } from '../../../core/oids.ts';
import type { Mutation } from '../mutation.ts';
import { signingTimeAttr } from '../../cms/attributes.ts';
import { aliceSignedData, digestedDataContent, without } from './common.ts';

export const contentTypeAttrMissingNonData: Mutation = {
  id: 'invalid/signed/content-type-attr-missing-non-data',
  description: 'Signed attributes (message-digest, signing-time) without content-type over id-digestedData content, re-signed; a receiver that trusts the unsigned eContentType accepts it',
  stage: 'before',
  base: 'signed-data/rsa-sha256/attached',
  requirements: ['rfc5652/11.1/present-with-any-attrs', 'rfc5652/5.3/signed-attrs-include-content-type'],
  flag: 'MissingContentTypeAttr',
  expected: 'invalid',
  apply: ({ ctx }) => {
    const content = digestedDataContent(ctx);
    return {
      bytes: aliceSignedData(ctx, { signedAttrs: [signingTimeAttr('2026-01-15T12:00:00Z')], defects: { attrs: without(OID.contentType) } }, { content, eContentType: OID.digestedData }),
      ownContent: { name: 'signed-digested-data.der', bytes: content },
    };
  },
};
