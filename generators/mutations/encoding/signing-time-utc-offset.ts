/**
 * The signing-time UTCTime carries a local offset (260115130000+0100, the same instant as the
 * base), signed. RFC 5652 11.3 requires UTC with the Z suffix. A parser that accepts offsets, or
 * ignores them, reports the wrong time or accepts a non-DER time.
 */
import { utcTime } from '../../../core/der/encode.ts';
import { OID } from '../../../core/oids.ts';
import { attribute } from '../../cms/attributes.ts';
import type { Mutation } from '../mutation.ts';
import { replaceAttr, resign } from './common.ts';

export const signingTimeUtcOffset: Mutation = {
  id: 'invalid/encoding/signing-time-utc-offset',
  description: 'signing-time UTCTime with a +0100 offset instead of Z (260115130000+0100, re-signed); RFC 5652 11.3 requires Zulu time, a verifier that accepts offsets misreads or normalises the time',
  stage: 'before',
  base: 'signed-data/rsa-sha256/signing-time-utc',
  requirements: ['rfc5652/11.3/utc-time-zulu'],
  flag: 'BadTimeEncoding',
  expected: 'invalid',
  apply: (input) => ({ bytes: resign(input, { attrs: replaceAttr(OID.signingTime, attribute(OID.signingTime, utcTime('260115130000+0100'))) }) }),
};
