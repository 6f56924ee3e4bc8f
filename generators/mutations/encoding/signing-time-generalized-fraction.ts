/**
 * The signing-time GeneralizedTime (2050, so GeneralizedTime is right) has fractional seconds
 * (20500101000000.5Z), signed. RFC 5652 11.3: GeneralizedTime values MUST NOT include fractional
 * seconds. A parser that accepts them admits many encodings of nearly the same time.
 */
import { generalizedTime } from '../../../core/der/encode.ts';
import { OID } from '../../../core/oids.ts';
import { attribute } from '../../cms/attributes.ts';
import type { Mutation } from '../mutation.ts';
import { replaceAttr, resign } from './common.ts';

export const signingTimeGeneralizedFraction: Mutation = {
  id: 'invalid/encoding/signing-time-generalized-fraction',
  description: 'signing-time GeneralizedTime with fractional seconds (20500101000000.5Z, re-signed); RFC 5652 11.3 forbids fractions, a parser that accepts them lets one time have many encodings',
  stage: 'before',
  base: 'signed-data/rsa-sha256/signing-time-generalized',
  requirements: ['rfc5652/11.3/generalized-time-no-fraction'],
  flag: 'BadTimeEncoding',
  expected: 'invalid',
  apply: (input) => ({ bytes: resign(input, { attrs: replaceAttr(OID.signingTime, attribute(OID.signingTime, generalizedTime('20500101000000.5Z'))) }) }),
};
