/**
 * Two signingCertificate attributes in one SignerInfo, both naming Alice's certificate (the first
 * with issuerSerial, the second by hash alone), re-signed. RFC 2634 5.4 allows one instance; a
 * verifier that accepts several has to pick one, and reads the others unchecked. Both name the
 * right certificate so that the sample breaks the single-instance statements only (a second one
 * naming another certificate would also break "the first ESSCertID is the signer's").
 */
import { signingCertificateAttr } from '../../ess/attributes.ts';
import { POLICY } from '../../cases/ess.ts';
import type { Mutation } from '../mutation.ts';
import { essMessage, essSigner } from './common.ts';

export const signingCertificateTwice: Mutation = {
  id: 'invalid/ess-mime/signing-certificate-twice',
  description: 'Two signingCertificate attributes in one SignerInfo, both naming Alice\'s certificate (with and without issuerSerial), re-signed; RFC 2634 5.4 allows one, and a verifier that accepts several checks one and leaves the others unread',
  stage: 'before',
  base: 'ess/signing-certificate/issuer-serial',
  requirements: ['rfc2634/5.4/signing-certificate-single-instance', 'rfc2634/1.3.4/ess-attr-single-instance', 'rfc5035/5/v1-single-instance'],
  flag: 'EssSigningCertMismatch',
  expected: 'invalid',
  apply: ({ ctx }) => ({
    bytes: essMessage(ctx, [essSigner(ctx, 'alice-rsa', [
      signingCertificateAttr([{ ...ctx.cast.get('alice-rsa'), withIssuerSerial: true }], [POLICY]),
      signingCertificateAttr([{ ...ctx.cast.get('alice-rsa'), withIssuerSerial: false }], [POLICY]),
    ])]),
  }),
};
