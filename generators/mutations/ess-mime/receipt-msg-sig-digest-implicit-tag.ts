/**
 * Signed receipt whose msgSigDigest is the digest of the original's signed attributes as they
 * appear in the SignerInfo ([0] IMPLICIT, tag A0) instead of their DER SET OF encoding (tag 31),
 * re-signed. A receipt validator that does not recompute msgSigDigest exactly accepts a receipt
 * that does not bind the original signature.
 */
import { DIGESTS } from '../../cms/algorithms.ts';
import type { Mutation } from '../mutation.ts';
import { receipt } from './common.ts';

export const receiptMsgSigDigestImplicitTag: Mutation = {
  id: 'invalid/ess-mime/receipt-msg-sig-digest-implicit-tag',
  description: 'Signed receipt whose msgSigDigest hashes the original signedAttrs with their [0] IMPLICIT tag instead of the DER SET OF, re-signed; a validator that does not recompute msgSigDigest accepts a receipt that binds nothing',
  stage: 'before',
  base: 'ess/receipt/signed-receipt',
  requirements: ['rfc2634/2.6/msg-sig-digest-mismatch-fails'],
  flag: 'EssReceiptConfusion',
  expected: 'invalid',
  apply: ({ ctx }) => receipt(ctx, {
    msgSigDigest: (o) => {
      const implicit = Uint8Array.from(o.signer.signedAttrsDer!);
      implicit[0] = 0xa0;
      return DIGESTS.sha256.digest(implicit);
    },
  }),
};
