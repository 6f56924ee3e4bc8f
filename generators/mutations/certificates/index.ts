/**
 * Certificate mutations (RFC 5280 4.1, 6.1; RFC 8550 1, 3, 4.4): the signer's certificate broken,
 * expired, revoked, restricted to other purposes, or chained through a CA that may not issue; a
 * recipient's certificate restricted to other purposes or certifying an invalid key; originatorInfo
 * certificates and CRLs that do not parse. Each is made from a small defective cast (common.ts,
 * recipient-common.ts) so that only the certificate is wrong.
 */
import type { Mutation } from '../mutation.ts';
import { caNotACa } from './ca-not-a-ca.ts';
import { caWithoutKeyCertSign } from './ca-without-key-cert-sign.ts';
import { fromMismatch } from './from-mismatch.ts';
import { originatorInfoCertificateBroken } from './originator-info-certificate-broken.ts';
import { originatorInfoCrlBroken } from './originator-info-crl-broken.ts';
import { recipientDhKeyPMinusOne } from './recipient-dh-key-p-minus-one.ts';
import { recipientEcPointOffCurve } from './recipient-ec-point-off-curve.ts';
import { recipientEkuServerAuth } from './recipient-eku-server-auth.ts';
import { recipientKeyUsageSigningOnly } from './recipient-key-usage-signing-only.ts';
import { recipientRsaExponentOne } from './recipient-rsa-exponent-one.ts';
import { recipientX25519LowOrder } from './recipient-x25519-low-order.ts';
import { signatureAlgorithmMismatch } from './signature-algorithm-mismatch.ts';
import { signerCertificateBroken } from './signer-certificate-broken.ts';
import { signerEkuServerAuth } from './signer-eku-server-auth.ts';
import { signerExpired } from './signer-expired.ts';
import { signerKeyEnciphermentOnly } from './signer-key-encipherment-only.ts';
import { signerNotYetValid } from './signer-not-yet-valid.ts';
import { signerRevokedCrlInMessage } from './signer-revoked-crl-in-message.ts';
import { signerSubjectUniqueId } from './signer-subject-unique-id.ts';
import { signerWithoutAki } from './signer-without-aki.ts';
import { wrongIssuerName } from './wrong-issuer-name.ts';

export const CERTIFICATE_MUTATIONS: readonly Mutation[] = [
  caNotACa,
  caWithoutKeyCertSign,
  fromMismatch,
  originatorInfoCertificateBroken,
  originatorInfoCrlBroken,
  recipientDhKeyPMinusOne,
  recipientEcPointOffCurve,
  recipientEkuServerAuth,
  recipientKeyUsageSigningOnly,
  recipientRsaExponentOne,
  recipientX25519LowOrder,
  signatureAlgorithmMismatch,
  signerCertificateBroken,
  signerEkuServerAuth,
  signerExpired,
  signerKeyEnciphermentOnly,
  signerNotYetValid,
  signerRevokedCrlInMessage,
  signerSubjectUniqueId,
  signerWithoutAki,
  wrongIssuerName,
];
