/**
 * The signing-time UTCTime omits the seconds (2601151200Z), signed. RFC 5652 11.3 requires
 * YYMMDDHHMMSSZ, seconds included even when zero. A lenient time parser accepts it, so one time has
 * several signed encodings.
 */
import { utcTime } from '../../../core/der/encode.ts';
import { OID } from '../../../core/oids.ts';
import { attribute } from '../../cms/attributes.ts';
import type { Mutation } from '../mutation.ts';
import { replaceAttr, resign } from './common.ts';

export const signingTimeUtcNoSeconds: Mutation = {
  id: 'invalid/encoding/signing-time-utc-no-seconds',
  description: 'signing-time UTCTime without seconds (2601151200Z, re-signed); RFC 5652 11.3 requires YYMMDDHHMMSSZ, a verifier with a lenient time parser accepts it',
  stage: 'before',
  base: 'signed-data/rsa-sha256/signing-time-utc',
  requirements: ['rfc5652/11.3/utc-time-seconds'],
  flag: 'BadTimeEncoding',
  expected: 'invalid',
  apply: (input) => ({ bytes: resign(input, { attrs: replaceAttr(OID.signingTime, attribute(OID.signingTime, utcTime('2601151200Z'))) }) }),
};
