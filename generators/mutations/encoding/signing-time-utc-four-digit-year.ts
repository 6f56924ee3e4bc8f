/**
 * A signing-time in 2050 is written as UTCTime with the GeneralizedTime digits (20500101000000Z),
 * signed: the encoder kept the UTCTime tag for a year UTCTime cannot express. RFC 5652 11.3: years
 * after 2049 MUST be GeneralizedTime. A lenient UTCTime parser reads "20" as the year 2020 and the
 * rest as garbage or as another date.
 */
import { utcTime } from '../../../core/der/encode.ts';
import { OID } from '../../../core/oids.ts';
import { attribute } from '../../cms/attributes.ts';
import type { Mutation } from '../mutation.ts';
import { replaceAttr, resign } from './common.ts';

export const signingTimeUtcFourDigitYear: Mutation = {
  id: 'invalid/encoding/signing-time-utc-four-digit-year',
  description: 'signing-time in 2050 written as a UTCTime with a four-digit year (20500101000000Z, re-signed); RFC 5652 11.3 requires GeneralizedTime after 2049, and a lenient UTCTime parser reads the wrong date',
  stage: 'before',
  base: 'signed-data/rsa-sha256/signing-time-generalized',
  requirements: ['rfc5652/11.3/generalized-time-outside-1950-to-2049'],
  flag: 'BadTimeEncoding',
  expected: 'invalid',
  apply: (input) => ({ bytes: resign(input, { attrs: replaceAttr(OID.signingTime, attribute(OID.signingTime, utcTime('20500101000000Z'))) }) }),
};
