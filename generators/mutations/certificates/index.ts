/**
 * Certificate mutations (RFC 5280 4.1, 6.1; RFC 8550 3, 4.4): the signer's certificate broken,
 * expired, revoked, restricted to other purposes, or chained through a CA that may not issue, each
 * made from a small defective cast (common.ts) so that only the certificate is wrong.
 */
import type { Mutation } from '../mutation.ts';
import { caNotACa } from './ca-not-a-ca.ts';
import { caWithoutKeyCertSign } from './ca-without-key-cert-sign.ts';
import { fromMismatch } from './from-mismatch.ts';
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
