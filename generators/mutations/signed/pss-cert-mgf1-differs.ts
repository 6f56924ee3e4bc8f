/**
 * Alice's key in a certificate restricted to RSASSA-PSS with SHA-256, MGF1-SHA-256, salt 32; the
 * SignerInfo names that certificate and its signature declares and uses MGF1-SHA-1 (hash and salt
 * as in the certificate). RFC 4056 3: maskGenAlgorithm must equal the certificate's, else the
 * verifier fails validation. A receiver that ignores the certificate's PSS parameters accepts it.
 */
import type { Mutation } from '../mutation.ts';
import { alice, pssIdentifier, PSS256, withPssSignature } from './common.ts';
import { alicePssCertificate } from './pss-cert.ts';

export const pssCertMgf1Differs: Mutation = {
  id: 'invalid/signed/pss-cert-mgf1-differs',
  description: 'Signer certificate restricted to PSS with MGF1-SHA-256, signature (valid) with MGF1-SHA-1 (RFC 4056 3); a receiver that ignores the certificate PSS parameters accepts it',
  stage: 'before',
  base: 'signed-data/rsa-pss-sha256/attached',
  requirements: ['rfc4056/3/verify-mgf-matches-cert', 'rfc4056/3/verify-fail-on-param-mismatch'],
  flag: 'RsaPssParams',
  expected: 'invalid',
  apply: ({ ctx }) => {
    const cert = alicePssCertificate(ctx, 'sha256', 'sha256', 32);
    return {
      bytes: withPssSignature({
        content: ctx.content('message'),
        signers: [alice(ctx, { signature: PSS256, defects: { sid: cert.issuerAndSerial, signatureAlgorithm: pssIdentifier('sha256', 'sha1', 32) } })],
        certificates: [cert.der],
      }, ctx.rnd, { hash: 'sha256', mgfHash: 'sha1', saltLength: 32 }),
    };
  },
};
