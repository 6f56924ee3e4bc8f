/**
 * KEKRecipientInfo naming the 3DES KEK the consumer is given (kekid cmsi-kek-3des) whose
 * encryptedKey is the CEK wrapped under another Triple-DES key. RFC 3217 unwrap with the named KEK
 * fails the CMS key checksum (RFC 2630 12.6.3). A receiver that skips the checksum decrypts the
 * content with a garbage key.
 */
import { buildEnvelopedData } from '../../cms/enveloped-data.ts';
import { KEK_3DES, kekri } from '../../cases/common.ts';
import type { Mutation } from '../mutation.ts';

/** A Triple-DES key other than KEK_3DES. */
const OTHER_KEK = Uint8Array.from(Buffer.from('f1e0d3c2b5a49786899aabbccddeeff0133457799bbdcef1', 'hex'));

export const kekri3desCekWrappedUnderOtherKek: Mutation = {
  id: 'invalid/enveloped/kekri-3des-cek-wrapped-under-other-kek',
  description: 'kekid names the 3DES KEK given but the CEK is wrapped under another 3DES key, so the CMS key checksum fails on unwrap; a receiver that skips the checksum uses a garbage key',
  stage: 'before',
  base: 'enveloped-data/kek-3des/3des-cbc',
  requirements: ['rfc2630/12.6.3/unwrap-rejects-bad-checksum'],
  flag: 'WrongKey',
  expected: 'invalid',
  apply: ({ ctx }) => ({
    bytes: buildEnvelopedData({
      content: ctx.content('message'), cipher: 'des-ede3-cbc',
      recipients: [kekri({ keyId: KEK_3DES.keyId, key: OTHER_KEK, wrap: '3des-wrap' })],
    }, ctx.rnd),
  }),
};
