/**
 * Two signingCertificateV2 attributes in one SignerInfo, both for Alice's certificate: one hashed
 * with SHA-256, one with SHA-512; re-signed. Each names the right certificate, so only the
 * single-instance rule is broken: a verifier that does not enforce it has to pick one, and
 * another verifier picks the other.
 */
import { signingCertificateV2Attr } from '../../ess/attributes.ts';
import type { Mutation } from '../mutation.ts';
import { essMessage, essSigner } from './common.ts';

export const signingCertificateV2Twice: Mutation = {
  id: 'invalid/ess-mime/signing-certificate-v2-twice',
  description: 'Two signingCertificateV2 attributes (SHA-256 and SHA-512, both of Alice\'s certificate) in one SignerInfo, re-signed; a verifier that accepts duplicates reads whichever it meets first',
  stage: 'before',
  base: 'ess/signing-certificate-v2/sha256',
  requirements: ['rfc5035/3/v2-single-instance', 'rfc2634/1.3.4/ess-attr-single-instance'],
  flag: 'EssSigningCertMismatch',
  expected: 'invalid',
  apply: ({ ctx }) => {
    const alice = ctx.cast.get('alice-rsa');
    return {
      bytes: essMessage(ctx, [essSigner(ctx, 'alice-rsa', [
        signingCertificateV2Attr([{ ...alice, withIssuerSerial: true, hash: 'sha256' }]),
        signingCertificateV2Attr([{ ...alice, withIssuerSerial: true, hash: 'sha512' }]),
      ])]),
    };
  },
};
