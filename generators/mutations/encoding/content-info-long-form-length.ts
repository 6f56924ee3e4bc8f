/**
 * The outer ContentInfo SEQUENCE has its length in four octets with leading zeros (84 00 00 nn nn).
 * That is BER, not DER, but RFC 5652 (sections 1 and 5.3) requires DER only for signed and
 * authenticated attributes; everything else may be BER, so a receiver may accept this. A receiver
 * that demands DER throughout rejects legitimate BER messages; one that mis-parses long-form
 * lengths misreads the message.
 */
import { longFormLength } from '../tlv-edit.ts';
import type { Mutation } from '../mutation.ts';

export const contentInfoLongFormLength: Mutation = {
  id: 'invalid/encoding/content-info-long-form-length',
  description: 'Outer ContentInfo length as 84 00 00 nn nn: BER, which CMS allows outside signed attributes, so acceptable; catches parsers that mishandle non-minimal long-form lengths',
  stage: 'after',
  base: 'signed-data/rsa-sha256/attached',
  requirements: ['rfc5652/3/content-info-outer-type'],
  flag: 'NonMinimalLength',
  expected: 'acceptable',
  apply: ({ base }) => ({ bytes: longFormLength(base, [], 4) }),
};
