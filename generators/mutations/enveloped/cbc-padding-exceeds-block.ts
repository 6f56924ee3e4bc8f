/**
 * EnvelopedData whose AES-128-CBC content was encrypted, with the CEK and IV the message carries,
 * over the content plus 12 padding octets all of value 0x11 (17): RFC 5652 6.3 padding is n octets
 * of value n with n at most the block size 16. A receiver that strips "the last octet's value" of
 * octets without bounds checks loses content or reads before the buffer; one that reports padding
 * errors differently from other failures is a padding oracle.
 */
import type { Mutation } from '../mutation.ts';
import { bobEnveloped, cbcWithPadding } from './common.ts';

export const cbcPaddingExceedsBlock: Mutation = {
  id: 'invalid/enveloped/cbc-padding-exceeds-block',
  description: 'CBC padding octets of value 17, more than the AES block size, same CEK; a receiver that strips by the last octet without bounds accepts truncated content, and one that reports padding errors differently is a padding oracle',
  stage: 'before',
  base: 'enveloped-data/rsa-pkcs1/aes-128-cbc',
  requirements: ['rfc5652/6.3/block-padding'],
  flag: 'BadPadding',
  expected: 'invalid',
  apply: ({ ctx }) => ({
    bytes: bobEnveloped(ctx, { defects: { encrypt: (key, content) => cbcWithPadding(key, content, (n) => new Uint8Array(n).fill(0x11)) } }),
  }),
};
