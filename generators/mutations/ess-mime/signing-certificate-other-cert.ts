/**
 * Alice signs with a signingCertificate whose ESSCertID names Erica's certificate (SHA-1 hash and
 * issuerSerial), re-signed. The signature verifies with Alice's certificate; a verifier that does
 * not compare certHash with that certificate lets the attribute claim another signer.
 */
import { signingCertificateAttr } from '../../ess/attributes.ts';
import { POLICY } from '../../cases/ess.ts';
import type { Mutation } from '../mutation.ts';
import { essMessage, essSigner } from './common.ts';

export const signingCertificateOtherCert: Mutation = {
  id: 'invalid/ess-mime/signing-certificate-other-cert',
  description: 'signingCertificate naming Erica\'s certificate while Alice\'s verifies the signature, re-signed; a verifier that does not compare certHash accepts a certificate substitution',
  stage: 'before',
  base: 'ess/signing-certificate/issuer-serial',
  // RFC 5035 5 restates both RFC 2634 5.4 sentences for v1: the signer's and the verifier's.
  requirements: ['rfc2634/5.4/cert-hash-mismatch-invalid', 'rfc2634/5.4/first-certid-is-signer-cert', 'rfc5035/5/v1-cert-hash-mismatch-invalid', 'rfc5035/5/v1-first-certid-is-signer-cert'],
  flag: 'EssSigningCertMismatch',
  expected: 'invalid',
  apply: ({ ctx }) => ({
    bytes: essMessage(ctx, [essSigner(ctx, 'alice-rsa', [signingCertificateAttr([{ ...ctx.cast.get('erica-rsa'), withIssuerSerial: true }], [POLICY])])]),
  }),
};
