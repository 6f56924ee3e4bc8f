/**
 * A signing time used as the validation time (Bouncy Castle CVE-2026-59641): Alice's certificate,
 * re-issued by Carl valid only until 2025-12-31, signs with a signing-time attribute of
 * 2025-06-01, inside that validity. At the manifest's validation time (2026-06-01), as at any
 * "now" after 2025, the certificate has expired; only a receiver that validates the path at the
 * time the signer claims accepts it. RFC 8550 6: the time used SHOULD be the current time, and
 * "the signingTime attribute could be deliberately set to a time where the receiving agent would
 * ... use a certificate that has expired".
 */
import { signingTimeAttr } from '../../cms/attributes.ts';
import { aliceCertificate, issuerAndSerialOf } from '../certificates/common.ts';
import { aliceSignedData } from '../signed/common.ts';
import type { Mutation } from '../mutation.ts';

export const CLAIMED_SIGNING_TIME = '2025-06-01T12:00:00Z';

export const signingTimeBackDated: Mutation = {
  id: 'invalid/attack-classes/signing-time-back-dated',
  description: `Signer certificate expired 2025-12-31, before the validation time 2026-06-01, with a signing-time of ${CLAIMED_SIGNING_TIME} inside its validity (RFC 5280 6.1.3, RFC 8550 6); a receiver that validates the path at the signer-chosen signing time (Bouncy Castle CVE-2026-59641) accepts an expired key`,
  stage: 'before',
  base: 'signed-data/rsa-sha256/attached',
  requirements: ['rfc5280/6.1.3/validity-includes-time'],
  flag: 'SigningTimeAsValidationTime',
  expected: 'invalid',
  apply: ({ ctx }) => {
    const cert = aliceCertificate(ctx, { notAfter: '2025-12-31T23:59:59Z' });
    return { bytes: aliceSignedData(ctx, { defects: { sid: issuerAndSerialOf(cert) }, signedAttrs: [signingTimeAttr(CLAIMED_SIGNING_TIME)] }, { certificates: [cert] }) };
  },
};
