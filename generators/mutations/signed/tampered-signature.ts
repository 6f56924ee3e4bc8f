/**
 * The last octet of the signature value flipped after signing; content and attributes untouched.
 * The signature no longer verifies over the DER signed attributes (RFC 5652 5.4). A receiver that
 * checks the message digest but never the signature accepts it.
 */
import type { Mutation } from '../mutation.ts';
import { flipLastByte, nodeAt } from '../tlv-edit.ts';
import { signerInfoPath } from './common.ts';

export const tamperedSignature: Mutation = {
  id: 'invalid/signed/tampered-signature',
  description: 'Signature value with its last octet flipped, content and attributes intact (RFC 5652 5.4); a receiver that checks the message digest but not the signature accepts it',
  stage: 'after',
  base: 'signed-data/rsa-sha256/attached',
  requirements: ['rfc5652/5.4/signed-attrs-digest-set-of-tag'],
  flag: 'TamperedContent',
  expected: 'invalid',
  apply: ({ base }) => {
    const si = signerInfoPath(base);
    const fields = nodeAt(base, si).children;
    return { bytes: flipLastByte(base, fields[fields.length - 1]!) };
  },
};
