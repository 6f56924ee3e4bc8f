/**
 * A message-digest attribute with two values: the right digest and a second OCTET STRING of 0xFF
 * octets (which sorts after it). RFC 5652 11.2 requires exactly one value. Re-signed. A receiver
 * that accepts when any value matches lets one signature cover two contents.
 */
import { octets } from '../../../core/der/encode.ts';
import { OID } from '../../../core/oids.ts';
import type { Mutation } from '../mutation.ts';
import { DIGESTS } from '../../cms/algorithms.ts';
import { attribute } from '../../cms/attributes.ts';
import { aliceSignedData, replacing } from './common.ts';

export const messageDigestAttrMultiValued: Mutation = {
  id: 'invalid/signed/message-digest-attr-multi-valued',
  description: 'message-digest attribute with two values (the right digest and another), where RFC 5652 11.2 requires one, re-signed; a receiver that accepts any matching value accepts it',
  stage: 'before',
  base: 'signed-data/rsa-sha256/attached',
  requirements: ['rfc5652/11.2/single-value'],
  flag: 'MessageDigestMismatch',
  expected: 'invalid',
  apply: ({ ctx }) => {
    const right = DIGESTS.sha256.digest(ctx.content('message'));
    const other = new Uint8Array(right.length).fill(0xff);
    return { bytes: aliceSignedData(ctx, { defects: { attrs: replacing(OID.messageDigest, attribute(OID.messageDigest, octets(right), octets(other))) } }) };
  },
};
