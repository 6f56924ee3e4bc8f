/**
 * PasswordRecipientInfo whose PWRI-KEK block carries the first three CEK octets as the check value
 * instead of their bitwise complement (RFC 3211 2.3.1), then is encrypted correctly, twice, under
 * the password's KEK. Key format verification (2.3.2 step 1b) fails although the byte count and
 * the CEK are right. A receiver that skips the check value decrypts with the CEK, and one whose
 * check-value error differs from its padding error gives a password-guessing oracle.
 */
import type { Mutation } from '../mutation.ts';
import { pwriEnveloped } from './common.ts';

export const pwriCheckValueNotComplemented: Mutation = {
  id: 'invalid/enveloped/pwri-check-value-not-complemented',
  description: 'PWRI-KEK block check value is the first three CEK octets, not their complement, correctly encrypted under the password KEK; a receiver that skips the RFC 3211 2.3.2 check accepts it',
  stage: 'before',
  base: 'enveloped-data/pwri/aes-128-cbc',
  requirements: ['rfc3211/2.2/support-pwri-kek'],
  flag: 'WrongKey',
  expected: 'invalid',
  apply: ({ ctx }) => ({
    bytes: pwriEnveloped(ctx, { format: (b) => Uint8Array.from(b, (x, i) => (i >= 1 && i <= 3 ? b[i + 3]! : x)) }),
  }),
};
