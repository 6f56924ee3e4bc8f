/**
 * Erica's countersignature digests Alice's whole signature OCTET STRING (tag, length and value)
 * instead of its contents octets, which RFC 5652 11.4 prescribes. Re-signed. A receiver that hashes
 * the encoded field makes the same mistake and accepts it; conforming receivers reject it.
 */
import { octets } from '../../../core/der/encode.ts';
import type { Mutation } from '../mutation.ts';
import { countersigned } from './countersignature-common.ts';

export const countersignatureOverSignatureTlv: Mutation = {
  id: 'invalid/signed/countersignature-over-signature-tlv',
  description: 'Countersignature message-digest over the signature OCTET STRING tag, length and value instead of its contents octets (RFC 5652 11.4), re-signed; a receiver hashing the encoding accepts it',
  stage: 'before',
  base: 'signed-data/rsa-sha256/countersignature',
  requirements: ['rfc5652/11.4/digest-input-signature-value'],
  flag: 'SignatureOverWrongBytes',
  expected: 'invalid',
  apply: ({ ctx }) => ({ bytes: countersigned(ctx, {}, (sig) => octets(sig)) }),
};
