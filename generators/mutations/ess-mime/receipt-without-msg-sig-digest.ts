/**
 * Signed receipt without the msgSigDigest attribute (signingTime only), re-signed. Without it the
 * receipt does not bind the original's signed attributes; a validator that only compares the
 * Receipt content accepts a receipt built from a copied signature value.
 */
import type { Mutation } from '../mutation.ts';
import { receipt } from './common.ts';

export const receiptWithoutMsgSigDigest: Mutation = {
  id: 'invalid/ess-mime/receipt-without-msg-sig-digest',
  description: 'Signed receipt whose SignerInfo lacks msgSigDigest, re-signed; a validator that checks only the Receipt content accepts a receipt made from a copied signature value',
  stage: 'before',
  base: 'ess/receipt/signed-receipt',
  requirements: ['rfc2634/2.4/receipt-msg-sig-digest-present'],
  flag: 'EssReceiptConfusion',
  expected: 'invalid',
  // The receipt signer's extra attributes are [msgSigDigest, signingTime]: keep signingTime only.
  apply: ({ ctx }) => receipt(ctx, { attrs: (a) => a.slice(1) }),
};
