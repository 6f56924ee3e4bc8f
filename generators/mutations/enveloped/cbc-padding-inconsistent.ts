/**
 * EnvelopedData whose AES-128-CBC content was encrypted, with the CEK and IV the message carries,
 * over the content plus 12 padding octets of which the first is 0x0b and the other eleven 0x0c:
 * RFC 5652 6.3 requires n octets all of value n. A receiver that reads only the last octet strips
 * 12 and shows the right content; a receiver that reports padding errors differently from other
 * failures is a padding oracle (Vaudenay), which lets an attacker decrypt by resubmitting variants.
 */
import type { Mutation } from '../mutation.ts';
import { bobEnveloped, cbcWithPadding } from './common.ts';

export const cbcPaddingInconsistent: Mutation = {
  id: 'invalid/enveloped/cbc-padding-inconsistent',
  description: 'CBC padding octets not all equal (0b 0c ... 0c), same CEK; a receiver that checks only the last octet accepts it, and one that reports padding errors differently from other failures is a padding oracle',
  stage: 'before',
  base: 'enveloped-data/rsa-pkcs1/aes-128-cbc',
  requirements: ['rfc5652/6.3/block-padding'],
  flag: 'BadPadding',
  expected: 'invalid',
  apply: ({ ctx }) => ({
    bytes: bobEnveloped(ctx, {
      defects: {
        encrypt: (key, content) => cbcWithPadding(key, content, (n) => {
          if (n < 2) throw new Error('cbc-padding-inconsistent: needs at least two padding octets');
          return Uint8Array.from({ length: n }, (_, i) => (i === 0 ? n - 1 : n));
        }),
      },
    }),
  }),
};
