/**
 * Two signingCertificate attributes in one SignerInfo: the right one for Alice and a second naming
 * Erica's certificate, re-signed. A verifier that checks only the first (or only the last) of
 * several lets the other one attribute the signature to a different certificate.
 */
import { signingCertificateAttr } from '../../ess/attributes.ts';
import { POLICY } from '../../cases/ess.ts';
import type { Mutation } from '../mutation.ts';
import { essMessage, essSigner } from './common.ts';

export const signingCertificateTwice: Mutation = {
  id: 'invalid/ess-mime/signing-certificate-twice',
  description: 'Two signingCertificate attributes in one SignerInfo, Alice\'s and one naming Erica\'s certificate, re-signed; a verifier that reads only one of them lets the other claim a different signer',
  stage: 'before',
  base: 'ess/signing-certificate/issuer-serial',
  requirements: ['rfc2634/5.4/signing-certificate-single-instance', 'rfc2634/1.3.4/ess-attr-single-instance', 'rfc5035/5/v1-single-instance'],
  flag: 'EssSigningCertMismatch',
  expected: 'invalid',
  apply: ({ ctx }) => ({
    bytes: essMessage(ctx, [essSigner(ctx, 'alice-rsa', [
      signingCertificateAttr([{ ...ctx.cast.get('alice-rsa'), withIssuerSerial: true }], [POLICY]),
      signingCertificateAttr([{ ...ctx.cast.get('erica-rsa'), withIssuerSerial: true }], [POLICY]),
    ])]),
  }),
};
