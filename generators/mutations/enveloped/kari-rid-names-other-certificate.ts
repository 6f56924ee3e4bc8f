/**
 * ECDH KeyAgreeRecipientInfo whose rid is the issuerAndSerialNumber of Diane's P-256 certificate,
 * while the KEK was agreed with Bob's key (the key the consumer is given). RFC 5753 3.1.1: the rid
 * names the recipient's certificate. A receiver that ignores the rid and tries its key on every
 * RecipientInfo opens a message not addressed to it, and becomes an oracle for whoever can send it
 * RecipientInfos to try.
 */
import type { Mutation } from '../mutation.ts';
import { ecdhEnveloped } from './common.ts';

export const kariRidNamesOtherCertificate: Mutation = {
  id: 'invalid/enveloped/kari-rid-names-other-certificate',
  description: 'ECDH rid names Diane\'s certificate but the CEK is wrapped for Bob\'s key; a receiver that ignores the rid and tries its key anyway opens a message not addressed to it',
  stage: 'before',
  base: 'enveloped-data/ecdh-p256/aes-128-cbc',
  requirements: ['rfc5753/3.1.1/ecdh-rid-choice'],
  flag: 'RecipientMismatch',
  expected: 'invalid',
  apply: ({ ctx }) => ({ bytes: ecdhEnveloped(ctx, { rid: ctx.cast.get('diane-p256').issuerAndSerial }) }),
};
