/**
 * Alice's key in a certificate restricted to RSASSA-PSS with SHA-256, MGF1-SHA-256, salt 32; the
 * SignerInfo names that certificate and signs with SHA-384 as PSS hash and digestAlgorithm (MGF1
 * and salt as in the certificate). RFC 4056 3: hashAlgorithm must equal the certificate's. A
 * receiver that ignores the certificate's PSS parameters accepts it.
 */
import type { Mutation } from '../mutation.ts';
import { alice, pssIdentifier, withPssSignature } from './common.ts';
import { alicePssCertificate } from './pss-cert.ts';

export const pssCertHashDiffers: Mutation = {
  id: 'invalid/signed/pss-cert-hash-differs',
  description: 'Signer certificate restricted to PSS with SHA-256, signature (valid) with SHA-384 as PSS hash and digest (RFC 4056 3); a receiver that ignores the certificate PSS parameters accepts it',
  stage: 'before',
  base: 'signed-data/rsa-pss-sha256/attached',
  requirements: ['rfc4056/3/verify-hash-matches-cert', 'rfc4056/3/verify-fail-on-param-mismatch'],
  flag: 'RsaPssParams',
  expected: 'invalid',
  apply: ({ ctx }) => {
    const cert = alicePssCertificate(ctx, 'sha256', 'sha256', 32);
    return {
      bytes: withPssSignature({
        content: ctx.content('message'),
        signers: [alice(ctx, { signature: { kind: 'rsa-pss', digest: 'sha384' }, defects: { sid: cert.issuerAndSerial, signatureAlgorithm: pssIdentifier('sha384', 'sha256', 32) } })],
        certificates: [cert.der],
      }, ctx.rnd, { hash: 'sha384', mgfHash: 'sha256', saltLength: 32 }),
    };
  },
};
