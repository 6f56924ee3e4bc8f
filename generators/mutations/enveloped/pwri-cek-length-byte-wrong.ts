/**
 * PasswordRecipientInfo whose PWRI-KEK block says the CEK is 24 octets long while the content is
 * AES-128-CBC with a 16-octet CEK (the next 8 octets are the random padding); the check value is
 * right and the block is encrypted correctly under the password's KEK. RFC 3211 2.3.2 step 1a:
 * a byte count not valid for the content cipher means the unwrap failed. A receiver that ignores
 * the count and takes as many octets as its cipher wants accepts it.
 */
import type { Mutation } from '../mutation.ts';
import { pwriEnveloped } from './common.ts';

export const pwriCekLengthByteWrong: Mutation = {
  id: 'invalid/enveloped/pwri-cek-length-byte-wrong',
  description: 'PWRI-KEK block CEK byte count 24 for a 16-octet AES-128 key, check value right, correctly encrypted; a receiver that ignores the count (RFC 3211 2.3.2 step 1a) accepts it',
  stage: 'before',
  base: 'enveloped-data/pwri/aes-128-cbc',
  requirements: ['rfc3211/2.2/support-pwri-kek'],
  flag: 'WrongKey',
  expected: 'invalid',
  apply: ({ ctx }) => ({
    bytes: pwriEnveloped(ctx, {
      format: (b) => {
        if (b[0] !== 16 || b.length < 32) throw new Error('pwri-cek-length-byte-wrong: expected a 16-octet CEK in a 32-octet block');
        return Uint8Array.from(b, (x, i) => (i === 0 ? 24 : x));
      },
    }),
  }),
};
