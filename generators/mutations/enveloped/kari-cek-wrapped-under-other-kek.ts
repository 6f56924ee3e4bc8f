/**
 * ECDH KeyAgreeRecipientInfo whose encryptedKey is the CEK AES-wrapped under another KEK than the
 * one ECDH with Bob's key and the X9.63 KDF give (every KEK octet complemented); everything else
 * is as the base builds it. RFC 3394 unwrap with the right KEK fails its integrity check. A
 * receiver that ignores the unwrap failure and decrypts with whatever key comes out (or a random
 * one, without saying so) shows garbage as content.
 */
import type { Mutation } from '../mutation.ts';
import { ecdhEnveloped } from './common.ts';

export const kariCekWrappedUnderOtherKek: Mutation = {
  id: 'invalid/enveloped/kari-cek-wrapped-under-other-kek',
  description: 'ECDH encryptedKey is the CEK wrapped under another KEK than the agreed one, so AES key unwrap fails its integrity check; a receiver that ignores the unwrap failure uses a garbage key',
  stage: 'before',
  base: 'enveloped-data/ecdh-p256/aes-128-cbc',
  requirements: ['rfc5753/3.1.1/ecdh-encrypted-key-wrapped-cek'],
  flag: 'WrongKey',
  expected: 'invalid',
  apply: ({ ctx }) => ({ bytes: ecdhEnveloped(ctx, { kek: (kek) => kek.map((b) => b ^ 0xff) }) }),
};
