/**
 * Signed receipt whose Receipt.version is 2; ESSVersion allows only v1. Re-signed. A validator
 * that skips the version accepts receipts of a syntax it does not know.
 */
import { int, octets, oid, seq } from '../../../core/der/encode.ts';
import { OID } from '../../../core/oids.ts';
import { RECEIPT_REQUEST_ALL } from '../../cases/ess-receipt.ts';
import type { Mutation } from '../mutation.ts';
import { receipt } from './common.ts';

export const receiptVersion2: Mutation = {
  id: 'invalid/ess-mime/receipt-version-2',
  description: 'Signed receipt whose Receipt.version is 2 (ESSVersion is v1 only), re-signed; a validator that ignores the version accepts a receipt of unknown syntax',
  stage: 'before',
  base: 'ess/receipt/signed-receipt',
  requirements: ['rfc2634/2.4/receipt-version-1'],
  flag: 'EssReceiptConfusion',
  expected: 'invalid',
  apply: ({ ctx }) => receipt(ctx, {
    content: (_, o) => seq(int(2), oid(OID.data), octets(RECEIPT_REQUEST_ALL.signedContentIdentifier), octets(o.signer.signature)),
  }),
};
