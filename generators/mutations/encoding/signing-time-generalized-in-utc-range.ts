/**
 * The signing-time of 2026 is encoded as GeneralizedTime 20260115120000Z instead of UTCTime, and
 * signed. RFC 5652 11.3: dates from 1950 through 2049 MUST be UTCTime. A verifier that accepts
 * either form lets the same time have two signed encodings, and misses encoders that never emit
 * UTCTime.
 */
import { generalizedTime } from '../../../core/der/encode.ts';
import { OID } from '../../../core/oids.ts';
import { attribute } from '../../cms/attributes.ts';
import type { Mutation } from '../mutation.ts';
import { replaceAttr, resign } from './common.ts';

export const signingTimeGeneralizedInUtcRange: Mutation = {
  id: 'invalid/encoding/signing-time-generalized-in-utc-range',
  description: 'signing-time 2026-01-15 12:00 encoded as GeneralizedTime (re-signed); RFC 5652 11.3 requires UTCTime for 1950-2049, and a verifier that accepts either form lets one time have two signed encodings',
  stage: 'before',
  base: 'signed-data/rsa-sha256/signing-time-utc',
  requirements: ['rfc5652/11.3/utc-time-1950-to-2049', 'rfc8551/2.5.1/signing-time-utctime-through-2049'],
  flag: 'BadTimeEncoding',
  expected: 'invalid',
  apply: (input) => ({ bytes: resign(input, { attrs: replaceAttr(OID.signingTime, attribute(OID.signingTime, generalizedTime('20260115120000Z'))) }) }),
};
