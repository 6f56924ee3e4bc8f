/**
 * receiptRequest whose receiptsFrom holds both CHOICE alternatives, allOrFirstTier [0] and
 * receiptList [1], encoded by hand and re-signed. A decoder that takes whichever alternative it
 * meets first decides who owes a receipt differently from one that takes the last.
 */
import { ctxConstructed, ctxPrimitive, octets, seq } from '../../../core/der/encode.ts';
import { OID } from '../../../core/oids.ts';
import { attribute } from '../../cms/attributes.ts';
import { generalNames } from '../../ess/attributes.ts';
import { RECEIPT_REQUEST_ALL } from '../../cases/ess-receipt.ts';
import type { Mutation } from '../mutation.ts';
import { essMessage, essSigner } from './common.ts';

const value = seq(
  octets(RECEIPT_REQUEST_ALL.signedContentIdentifier),
  ctxPrimitive(0, Uint8Array.of(0)), // allOrFirstTier allReceipts
  ctxConstructed(1, generalNames([{ email: 'bob@example.com' }])), // and a receiptList
  seq(generalNames([{ email: 'alice@example.com' }])),
);

export const receiptsFromBoth: Mutation = {
  id: 'invalid/ess-mime/receipts-from-both',
  description: 'receiptRequest with both allOrFirstTier [0] and receiptList [1] in the receiptsFrom CHOICE, re-signed; a lenient decoder picks one alternative and returns receipts the originator did not ask for',
  stage: 'before',
  base: 'ess/receipt-request/all-receipts',
  requirements: ['rfc2634/2.7/receipts-from-one-alternative'],
  flag: 'EssReceiptConfusion',
  expected: 'invalid',
  apply: ({ ctx }) => ({ bytes: essMessage(ctx, [essSigner(ctx, 'alice-rsa', [attribute(OID.receiptRequest, value)])]) }),
};
