/**
 * message-digest computed over the whole eContent OCTET STRING, tag and length included, instead
 * of its value octets (RFC 5652 5.4). Re-signed. A receiver that hashes the encoding it received
 * (tag and length too) agrees with this signer and disagrees with every conforming one.
 */
import { octets } from '../../../core/der/encode.ts';
import { OID } from '../../../core/oids.ts';
import type { Mutation } from '../mutation.ts';
import { aliceSignedData, digestAttr, replacing } from './common.ts';

export const messageDigestOverOctetStringTlv: Mutation = {
  id: 'invalid/signed/message-digest-over-octet-string-tlv',
  description: 'message-digest over the eContent OCTET STRING tag, length and value instead of the value octets only (RFC 5652 5.4), re-signed; a receiver hashing the whole encoding accepts it',
  stage: 'before',
  base: 'signed-data/rsa-sha256/attached',
  requirements: ['rfc5652/5.4/digest-econtent-value-octets', 'rfc5652/5.6/message-digest-attribute-matches', 'rfc5652/5.2.1/data-digest-covers-octet-string-value'],
  flag: 'MessageDigestMismatch',
  expected: 'invalid',
  apply: ({ ctx }) => ({ bytes: aliceSignedData(ctx, { defects: { attrs: replacing(OID.messageDigest, digestAttr('sha256', octets(ctx.content('message')))) } }) }),
};
