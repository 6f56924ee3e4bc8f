/**
 * BER SignedData whose eContent is a constructed OCTET STRING of 1000-octet segments, with the
 * message-digest computed over the first segment only. RFC 5652 5.4 digests the concatenated
 * value octets of all segments. Re-signed. A receiver that hashes only the first primitive
 * segment it meets accepts a message whose remaining segments nobody signed.
 */
import { OID } from '../../../core/oids.ts';
import type { Mutation } from '../mutation.ts';
import { aliceSignedData, digestAttr, replacing } from './common.ts';

export const messageDigestFirstBerSegment: Mutation = {
  id: 'invalid/signed/message-digest-first-ber-segment',
  description: 'BER constructed eContent with message-digest over its first 1000-octet segment only (RFC 5652 5.4), re-signed; a receiver that hashes one segment accepts unsigned trailing segments',
  stage: 'before',
  base: 'signed-data/rsa-sha256/ber-indefinite',
  requirements: ['rfc5652/5.4/digest-econtent-value-octets', 'rfc5652/5.6/message-digest-attribute-matches'],
  flag: 'MessageDigestMismatch',
  expected: 'invalid',
  apply: ({ ctx }) => {
    const content = ctx.content('large');
    return {
      bytes: aliceSignedData(ctx, { defects: { attrs: replacing(OID.messageDigest, digestAttr('sha256', content.subarray(0, 1000))) } }, { content, encoding: 'ber', berChunk: 1000 }),
    };
  },
};
