/**
 * Erica's countersignature carries a receiptRequest among its signed attributes. A countersignature
 * may only hold counterSignature, messageDigest, signingTime and signingCertificate; a receiver
 * that scans every SignerInfo it meets for receipt requests lets a countersigner, who never
 * signed the content, ask for receipts for it.
 */
import { buildSignedData, countersignatureAttr } from '../../cms/signed-data.ts';
import { receiptRequestAttr } from '../../ess/attributes.ts';
import { RECEIPT_REQUEST_ALL } from '../../cases/ess-receipt.ts';
import type { Mutation } from '../mutation.ts';
import { essSigner, RSA256 } from './common.ts';

export const receiptRequestInCountersignature: Mutation = {
  id: 'invalid/ess-mime/receipt-request-in-countersignature',
  description: 'A countersignature whose signedAttrs hold a receiptRequest; a receiver that honours it lets a countersigner, who never signed the content, request receipts for it',
  stage: 'before',
  base: 'signed-data/rsa-sha256/countersignature',
  requirements: ['rfc2634/1.3.4/countersignature-attribute-types'],
  flag: 'ForbiddenAttribute',
  expected: 'invalid',
  apply: ({ ctx }) => {
    const erica = ctx.cast.get('erica-rsa');
    const alice = essSigner(ctx, 'alice-rsa', [], {
      unsignedAttrs: (sig) => [countersignatureAttr({ identity: erica, signature: RSA256, signedAttrs: [receiptRequestAttr(RECEIPT_REQUEST_ALL)] }, sig, ctx.rnd.fork('countersigner'))],
    });
    return { bytes: buildSignedData({ content: ctx.content('message'), signers: [alice], certificates: [alice.identity.certDer, erica.certDer] }, ctx.rnd) };
  },
};
