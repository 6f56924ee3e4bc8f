/**
 * The CertificateChoices and RevocationInfoChoice statements (RFC 5652 5.1, 6.1, 9.1 versions;
 * RFC 8550 2.1, 2.2.1): an attribute certificate, an "other" format or an obsolete choice in a
 * SignedData, EnvelopedData or AuthenticatedData, each built with the real structure
 * (generators/x509/other-certificates.ts) so that only the statement under test is broken.
 * The SignedData ones are re-signed by Alice as signed-data/rsa-sha256/attached is; the others
 * insert an originatorInfo into a finished message, which neither the content encryption nor
 * the MAC covers.
 */
import { ctxConstructed, implicit, int, seq } from '../../../core/der/encode.ts';
import type { CaseContext } from '../../case.ts';
import { otherRevocationOcspTryLater, pkcs6ExtendedCertificate, v1AttributeCertificate, v2AttributeCertificate } from '../../x509/other-certificates.ts';
import { fieldsOf } from '../certificates/common.ts';
import type { Mutation } from '../mutation.ts';
import { aliceSignedData } from '../signed/common.ts';
import { insertNode, replaceNode } from '../tlv-edit.ts';

/** An attribute certificate by Carl giving Alice's certificate a role (RFC 5755 4.4.5). */
const roleFor = (ctx: CaseContext) => {
  const alice = fieldsOf(ctx.cast.get('alice-rsa').certDer);
  return {
    holderIssuer: alice.issuer, holderSerial: alice.serial,
    issuer: fieldsOf(ctx.cast.get('carl-rsa').certDer).subject, serial: Uint8Array.of(0x41, 0x43), role: 'urn:example:cms-interop:role:signer',
  };
};
const aliceCert = (ctx: CaseContext) => ctx.cast.get('alice-rsa').certDer;
const carlKey = (ctx: CaseContext) => ctx.cast.get('carl-rsa').key!;

/** Path of the version of a ContentInfo's content (EnvelopedData, AuthenticatedData). */
const VERSION = [1, 0, 0] as const;
/** originatorInfo [0] IMPLICIT OriginatorInfo with `certs` [0] and `crls` [1], inserted after the version. */
function withOriginatorInfo(base: Uint8Array, certs: readonly Uint8Array[], crls: readonly Uint8Array[] = [], version?: number): Uint8Array {
  const info = implicit(0, seq(...(certs.length ? [ctxConstructed(0, ...certs)] : []), ...(crls.length ? [ctxConstructed(1, ...crls)] : [])));
  const out = insertNode(base, [1, 0], 1, info);
  return version === undefined ? out : replaceNode(out, [...VERSION], int(version));
}

export const CERTIFICATE_CHOICE_MUTATIONS: readonly Mutation[] = [
  {
    id: 'invalid/signed/signed-data-v1-with-ocsp-revocation-info',
    description: 'SignedData version 1 whose crls hold an OCSP response as an "other" RevocationInfoChoice (RFC 5940) beside the X.509 CRL, where RFC 5652 5.1 requires version 5; a signer that adds OCSP responses without raising the version, and a receiver that never looks, both miss it',
    stage: 'before',
    base: 'signed-data/rsa-sha256/crls',
    requirements: ['rfc5652/5.1/version-5-when-other-certs-or-crls'],
    flag: 'WrongVersion',
    expected: 'invalid',
    apply: ({ ctx }) => ({ bytes: aliceSignedData(ctx, {}, { certificates: [aliceCert(ctx), ctx.cast.get('carl-rsa').certDer], crls: [ctx.cast.crlDer, otherRevocationOcspTryLater()] }) }),
  },
  {
    id: 'invalid/signed/signed-data-v1-with-v2-attribute-certificate',
    description: 'SignedData version 1 carrying Carl\'s version 2 attribute certificate for Alice (v2AttrCert [2]), where RFC 5652 5.1 requires version 4; a builder that computes the version from the signers alone gets 1',
    stage: 'before',
    base: 'signed-data/rsa-sha256/attached',
    requirements: ['rfc5652/5.1/version-4-when-v2-attr-certs'],
    flag: 'WrongVersion',
    expected: 'invalid',
    apply: ({ ctx }) => ({ bytes: aliceSignedData(ctx, {}, { certificates: [aliceCert(ctx), v2AttributeCertificate(roleFor(ctx), carlKey(ctx))] }) }),
  },
  {
    id: 'invalid/signed/certificates-pkcs6-extended-certificate',
    description: 'SignedData whose certificates carry a PKCS #6 extendedCertificate ([0]) wrapping Alice\'s certificate, which RFC 8550 2.2.1 forbids senders to include; a receiver that reads [0] as a plain Certificate takes its key from a structure no CA validates',
    stage: 'before',
    base: 'signed-data/rsa-sha256/attached',
    requirements: ['rfc8550/2.2.1/no-pkcs6-when-sending'],
    flag: 'ObsoleteCertificateChoice',
    expected: 'invalid',
    // RFC 2630 10.2.2 and RFC 2632 still allowed the choice: a defect of the current profile.
    profiles: ['current'],
    apply: ({ ctx }) => ({ bytes: aliceSignedData(ctx, {}, { certificates: [aliceCert(ctx), pkcs6ExtendedCertificate(aliceCert(ctx), 'urn:example:cms-interop:role:signer', carlKey(ctx))] }) }),
  },
  {
    id: 'invalid/signed/certificates-v1-attribute-certificate',
    description: 'SignedData version 3 (as RFC 5652 5.1 requires with a v1AttrCert) carrying a version 1 attribute certificate ([1]) for Alice, which RFC 8550 2.2.1 forbids senders to include; a sender still emitting X.509-1997 attribute certificates is caught only here',
    stage: 'before',
    base: 'signed-data/rsa-sha256/attached',
    requirements: ['rfc8550/2.2.1/no-v1-attribute-certificates'],
    flag: 'ObsoleteCertificateChoice',
    expected: 'invalid',
    profiles: ['current'],
    apply: ({ ctx }) => ({ bytes: aliceSignedData(ctx, {}, { certificates: [aliceCert(ctx), v1AttributeCertificate(roleFor(ctx), carlKey(ctx))], defects: { version: 3 } }) }),
  },
  {
    id: 'invalid/signed/crls-holds-a-certificate',
    description: 'SignedData whose crls field holds Carl\'s CA certificate where a CRL belongs (Carl\'s CRL is left out), which is no RFC 5280 CertificateList (RFC 8550 2.1); a sender that fills both sets from one list writes it, and a receiver that takes the first SEQUENCE of three as a CRL reads a certificate as a revocation list',
    stage: 'before',
    base: 'signed-data/rsa-sha256/crls',
    requirements: ['rfc8550/2.1/sent-crls-rfc5280-format', 'rfc5280/5.1/crl-syntax'],
    flag: 'WrongTag',
    expected: 'invalid',
    profiles: ['current'],
    apply: ({ ctx }) => ({ bytes: aliceSignedData(ctx, {}, { certificates: [aliceCert(ctx), ctx.cast.get('carl-rsa').certDer], crls: [ctx.cast.get('carl-rsa').certDer] }) }),
  },
  {
    id: 'invalid/enveloped/enveloped-data-v2-with-ocsp-originator-info',
    description: 'EnvelopedData version 2 whose originatorInfo crls hold an OCSP response ("other" RevocationInfoChoice), where RFC 5652 6.1 requires version 4; an originator that counts only X.509 formats gets 2',
    addsFeatures: ['originator-info'],
    stage: 'after',
    base: 'enveloped-data/rsa-pkcs1/aes-128-cbc',
    requirements: ['rfc5652/6.1/version-4-when-other-originator-certs-or-crls'],
    flag: 'WrongVersion',
    expected: 'invalid',
    apply: ({ base }) => ({ bytes: withOriginatorInfo(base, [], [otherRevocationOcspTryLater()], 2) }),
  },
  {
    id: 'invalid/enveloped/authenticated-data-v0-with-ocsp-originator-info',
    description: 'AuthenticatedData version 0 whose originatorInfo crls hold an OCSP response ("other" RevocationInfoChoice), where RFC 5652 9.1 requires version 3; an originator that keeps version 0 whenever there is no attribute certificate gets it wrong',
    addsFeatures: ['originator-info'],
    stage: 'after',
    base: 'authenticated-data/hmac-sha256/auth-attrs',
    requirements: ['rfc5652/9.1/version-3-when-other-originator-certs-or-crls'],
    flag: 'WrongVersion',
    expected: 'invalid',
    apply: ({ base }) => ({ bytes: withOriginatorInfo(base, [], [otherRevocationOcspTryLater()]) }),
  },
  {
    id: 'invalid/enveloped/authenticated-data-v0-with-v2-attribute-certificate',
    description: 'AuthenticatedData version 0 whose originatorInfo carries a version 2 attribute certificate (v2AttrCert [2]), where RFC 5652 9.1 requires version 1; an originator that ignores originatorInfo when choosing the version keeps 0',
    addsFeatures: ['originator-info'],
    stage: 'after',
    base: 'authenticated-data/hmac-sha256/auth-attrs',
    requirements: ['rfc5652/9.1/version-1-when-v2-attr-certs'],
    flag: 'WrongVersion',
    expected: 'invalid',
    apply: ({ base, ctx }) => ({ bytes: withOriginatorInfo(base, [v2AttributeCertificate(roleFor(ctx), carlKey(ctx))]) }),
  },
];
