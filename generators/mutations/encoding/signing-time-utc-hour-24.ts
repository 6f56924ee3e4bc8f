/**
 * The signing-time writes midnight as hour 24 of the previous day (260115240000Z), signed. RFC
 * 5652 11.3: midnight is YYMMDD000000Z. A parser that normalises hour 24 to the next day accepts a
 * second encoding of the same instant.
 */
import { utcTime } from '../../../core/der/encode.ts';
import { OID } from '../../../core/oids.ts';
import { attribute } from '../../cms/attributes.ts';
import type { Mutation } from '../mutation.ts';
import { replaceAttr, resign } from './common.ts';

export const signingTimeUtcHour24: Mutation = {
  id: 'invalid/encoding/signing-time-utc-hour-24',
  description: 'signing-time midnight written as hour 24 (260115240000Z, re-signed); RFC 5652 11.3 requires 000000 of the next day, a parser that rolls hour 24 over accepts it',
  stage: 'before',
  base: 'signed-data/rsa-sha256/signing-time-utc',
  requirements: ['rfc5652/11.3/utc-time-midnight'],
  flag: 'BadTimeEncoding',
  expected: 'invalid',
  apply: (input) => ({ bytes: resign(input, { attrs: replaceAttr(OID.signingTime, attribute(OID.signingTime, utcTime('260115240000Z'))) }) }),
};
