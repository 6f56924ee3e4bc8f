/**
 * Alice's certificate without authorityKeyIdentifier, as NSS's test CA issues them (Thunderbird's
 * S/MIME test messages). RFC 5280 4.2.1.1: conforming CAs MUST include the keyIdentifier, "to
 * facilitate certification path construction"; the path validation of 6.1, whose behaviour
 * relying parties MUST provide, never needs it. A CA's fault that receivers must accept.
 */
import type { Mutation } from '../mutation.ts';
import { aliceCertificate, signedWith } from './common.ts';

export const signerWithoutAki: Mutation = {
  id: 'invalid/certificates/signer-without-aki',
  description: 'Signer certificate without authorityKeyIdentifier (RFC 5280 4.2.1.1, a CA MUST; 6.1 validates without it), as NSS issues them; a receiver that requires it rejects Thunderbird-signed mail',
  stage: 'before',
  base: 'signed-data/rsa-sha256/attached',
  requirements: ['rfc5280/4.2.1.1/aki-key-identifier-present'],
  flag: 'CertificateFieldRule',
  expected: 'acceptable',
  apply: ({ ctx }) => ({ bytes: signedWith(ctx, [aliceCertificate(ctx, { authorityKeyId: undefined })]) }),
};
