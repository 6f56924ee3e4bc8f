/**
 * The signing-time GeneralizedTime has no Z (20500101000000): local time of an unknown zone,
 * signed. RFC 5652 11.3 requires GeneralizedTime in UTC ending in Z. A parser that silently assumes
 * UTC (or the verifier's zone) accepts an ambiguous time.
 */
import { generalizedTime } from '../../../core/der/encode.ts';
import { OID } from '../../../core/oids.ts';
import { attribute } from '../../cms/attributes.ts';
import type { Mutation } from '../mutation.ts';
import { replaceAttr, resign } from './common.ts';

export const signingTimeGeneralizedNoZulu: Mutation = {
  id: 'invalid/encoding/signing-time-generalized-no-zulu',
  description: 'signing-time GeneralizedTime without the Z suffix, i.e. local time (20500101000000, re-signed); RFC 5652 11.3 requires UTC with Z, a parser that assumes UTC or local time accepts it',
  stage: 'before',
  base: 'signed-data/rsa-sha256/signing-time-generalized',
  requirements: ['rfc5652/11.3/generalized-time-zulu'],
  flag: 'BadTimeEncoding',
  expected: 'invalid',
  apply: (input) => ({ bytes: resign(input, { attrs: replaceAttr(OID.signingTime, attribute(OID.signingTime, generalizedTime('20500101000000'))) }) }),
};
