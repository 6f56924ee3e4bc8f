/**
 * Alice signs with a signingCertificateV2 whose ESSCertIDv2 names Erica's certificate (SHA-256),
 * re-signed. The signature verifies with Alice's certificate; a verifier that does not compare
 * certHash lets the attribute claim another signer.
 */
import { signingCertificateV2Attr } from '../../ess/attributes.ts';
import type { Mutation } from '../mutation.ts';
import { essMessage, essSigner } from './common.ts';

export const signingCertificateV2OtherCert: Mutation = {
  id: 'invalid/ess-mime/signing-certificate-v2-other-cert',
  description: 'signingCertificateV2 (SHA-256) naming Erica\'s certificate while Alice\'s verifies the signature, re-signed; a verifier that does not compare certHash accepts a certificate substitution',
  stage: 'before',
  base: 'ess/signing-certificate-v2/sha256',
  requirements: ['rfc5035/3/v2-cert-hash-mismatch-invalid', 'rfc5035/3/v2-first-certid-is-signer-cert'],
  flag: 'EssSigningCertMismatch',
  expected: 'invalid',
  apply: ({ ctx }) => ({
    bytes: essMessage(ctx, [essSigner(ctx, 'alice-rsa', [signingCertificateV2Attr([{ ...ctx.cast.get('erica-rsa'), withIssuerSerial: true, hash: 'sha256' }])])]),
  }),
};
