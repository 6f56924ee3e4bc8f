/**
 * Erica's "countersignature" digests the eContent, not Alice's signature value: it is a second
 * signature on the content filed as a countersignature. RFC 5652 11.4: a countersignature digests
 * the signature value of the SignerInfo it is attached to. Re-signed. A receiver that verifies the
 * countersigner's signature over its attributes but not its message-digest accepts it.
 */
import type { Mutation } from '../mutation.ts';
import { countersigned } from './countersignature-common.ts';

export const countersignatureOverContent: Mutation = {
  id: 'invalid/signed/countersignature-over-content',
  description: 'Countersignature whose message-digest is over the content instead of the countersigned signature value (RFC 5652 11.4), re-signed; a receiver that skips its digest check accepts it',
  stage: 'before',
  base: 'signed-data/rsa-sha256/countersignature',
  requirements: ['rfc5652/11.4/digest-input-signature-value'],
  flag: 'MessageDigestMismatch',
  expected: 'invalid',
  apply: ({ ctx }) => ({ bytes: countersigned(ctx, {}, () => ctx.content('message')) }),
};
