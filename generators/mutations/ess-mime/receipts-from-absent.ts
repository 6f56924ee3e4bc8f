/**
 * receiptRequest with no receiptsFrom at all: signedContentIdentifier followed directly by
 * receiptsTo, encoded by hand and re-signed. A decoder with a default (all, or none) for the
 * missing CHOICE invents a receipt policy the originator never signed.
 */
import { octets, seq } from '../../../core/der/encode.ts';
import { OID } from '../../../core/oids.ts';
import { attribute } from '../../cms/attributes.ts';
import { generalNames } from '../../ess/attributes.ts';
import { RECEIPT_REQUEST_ALL } from '../../cases/ess-receipt.ts';
import type { Mutation } from '../mutation.ts';
import { essMessage, essSigner } from './common.ts';

const value = seq(octets(RECEIPT_REQUEST_ALL.signedContentIdentifier), seq(generalNames([{ email: 'alice@example.com' }])));

export const receiptsFromAbsent: Mutation = {
  id: 'invalid/ess-mime/receipts-from-absent',
  description: 'receiptRequest without the mandatory receiptsFrom CHOICE (identifier then receiptsTo), re-signed; a decoder that defaults the missing field invents a receipt policy nobody signed',
  stage: 'before',
  base: 'ess/receipt-request/all-receipts',
  requirements: ['rfc2634/2.7/receipts-from-one-alternative'],
  flag: 'EssReceiptConfusion',
  expected: 'invalid',
  apply: ({ ctx }) => ({ bytes: essMessage(ctx, [essSigner(ctx, 'alice-rsa', [attribute(OID.receiptRequest, value)])]) }),
};
