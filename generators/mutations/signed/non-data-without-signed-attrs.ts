/**
 * A SignedData over a DigestedData (eContentType id-digestedData) whose SignerInfo has no signed
 * attributes: the signature covers the content bytes but nothing binds their type. RFC 5652 5.3
 * requires signed attributes whenever eContentType is not id-data. Re-signed. A receiver that
 * trusts the unsigned eContentType can be fed the same bytes under another type.
 */
import { OID } from '../../../core/oids.ts';
import type { Mutation } from '../mutation.ts';
import { aliceSignedData, digestedDataContent } from './common.ts';

export const nonDataWithoutSignedAttrs: Mutation = {
  id: 'invalid/signed/non-data-without-signed-attrs',
  description: 'eContentType id-digestedData with a SignerInfo that has no signed attributes (RFC 5652 5.3), re-signed; a receiver that trusts the unsigned eContentType accepts a type nobody signed',
  stage: 'before',
  base: 'signed-data/rsa-sha256/no-signed-attrs',
  requirements: ['rfc5652/5.3/signed-attrs-when-not-data'],
  flag: 'MissingContentTypeAttr',
  expected: 'invalid',
  apply: ({ ctx }) => {
    const content = digestedDataContent(ctx);
    return {
      bytes: aliceSignedData(ctx, { signedAttrs: null }, { content, eContentType: OID.digestedData }),
      ownContent: { name: 'signed-digested-data.der', bytes: content },
    };
  },
};
