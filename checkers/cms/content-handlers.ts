/**
 * The content-type handlers for everything but SignedData, registered in checkers/content-types.ts:
 * each builds its view (checkers/cms), runs its static rules (checkers/rules) and its crypto rules
 * (checkers/crypto). Crypto that needs keys runs only when the options carry key material; digests,
 * decompression and the comparison with the expected content run whenever their inputs are there.
 */
import { typedView } from './typed-content.ts';
import type { CheckContext, Located } from '../context.ts';
import { certificateInputs, type CheckOptions } from '../engine.ts';
import { checkEnvelopeCertificates, type EnvelopeCertificateView } from '../x509/check-envelope.ts';
import { bytesEqual } from '../x509/fields.ts';
import { pemOrDer } from '../crypto/recipient-keys.ts';
import { authEnvelopedDataView } from './auth-enveloped-data.ts';
import { authenticatedDataView } from './authenticated-data.ts';
import { compressedDataView } from './compressed-data.ts';
import { dataView } from './data.ts';
import { digestedDataView } from './digested-data.ts';
import { encryptedDataView } from './encrypted-data.ts';
import { envelopedDataView } from './enveloped-data.ts';
import { checkAuthEnvelopedData } from '../rules/auth-enveloped-data.ts';
import { checkAuthenticatedData } from '../rules/authenticated-data.ts';
import { checkCompressedData } from '../rules/compressed-data.ts';
import { checkDigestedData } from '../rules/digested-data.ts';
import { checkEncryptedData } from '../rules/encrypted-data.ts';
import { checkEnvelopedData } from '../rules/enveloped-data.ts';
import { checkAuthEnvelopedDataCrypto } from '../crypto/auth-enveloped-data.ts';
import { checkAuthenticatedDataCrypto } from '../crypto/authenticated-data.ts';
import { checkCompressedDataCrypto } from '../crypto/compressed-data.ts';
import { checkDataContent } from '../crypto/data.ts';
import { checkDigestedDataCrypto } from '../crypto/digested-data.ts';
import { checkEncryptedDataCrypto } from '../crypto/encrypted-data.ts';
import { checkEnvelopedDataCrypto } from '../crypto/enveloped-data.ts';

/**
 * The certificate layer of the three enveloping types: originatorInfo's certificates and CRLs,
 * and the recipients' certificates from the message, --cert, or a key's own certificate.
 */
function envelopeCertificates(ctx: CheckContext, v: EnvelopeCertificateView, options: CheckOptions): void {
  if (!ctx.runs('certificate') && !ctx.runs('policy')) return;
  const given = certificateInputs(options).certs;
  const keyCerts = (options.keys ?? []).flatMap((k, i) => (k.cert ? [{ der: pemOrDer(k.cert).der, label: `the certificate of --key #${i + 1}` }] : []))
    .filter((k) => !given.some((c) => bytesEqual(c.der, k.der)));
  checkEnvelopeCertificates(ctx, v, [...given, ...keyCerts]);
}

export function envelopedData(ctx: CheckContext, l: Located, options: CheckOptions): void {
  const v = typedView(ctx, 'rfc5652/6.1/enveloped-data-asn1-type', 'EnvelopedData', () => envelopedDataView(ctx, l));
  if (!v) return;
  checkEnvelopedData(ctx, v);
  envelopeCertificates(ctx, v, options);
  checkEnvelopedDataCrypto(ctx, v, options);
}

export function authEnvelopedData(ctx: CheckContext, l: Located, options: CheckOptions): void {
  const v = authEnvelopedDataView(ctx, l);
  if (!v) return;
  checkAuthEnvelopedData(ctx, v);
  envelopeCertificates(ctx, v, options);
  checkAuthEnvelopedDataCrypto(ctx, v, options);
}

export function authenticatedData(ctx: CheckContext, l: Located, options: CheckOptions): void {
  const v = typedView(ctx, 'rfc5652/9.1/authenticated-data-asn1-type', 'AuthenticatedData', () => authenticatedDataView(ctx, l));
  if (!v) return;
  checkAuthenticatedData(ctx, v);
  envelopeCertificates(ctx, v, options);
  checkAuthenticatedDataCrypto(ctx, v, options);
}

export function encryptedData(ctx: CheckContext, l: Located, options: CheckOptions): void {
  const v = typedView(ctx, 'rfc5652/8/encrypted-data-asn1-type', 'EncryptedData', () => encryptedDataView(ctx, l));
  if (!v) return;
  checkEncryptedData(ctx, v);
  checkEncryptedDataCrypto(ctx, v, options);
}

export function digestedData(ctx: CheckContext, l: Located, options: CheckOptions): void {
  const v = typedView(ctx, 'rfc5652/7/digested-data-asn1-type', 'DigestedData', () => digestedDataView(ctx, l));
  if (!v) return;
  checkDigestedData(ctx, v);
  checkDigestedDataCrypto(ctx, v, options.content);
}

export function compressedData(ctx: CheckContext, l: Located, options: CheckOptions): void {
  const v = compressedDataView(ctx, l);
  if (!v) return;
  checkCompressedData(ctx, v);
  checkCompressedDataCrypto(ctx, v, options.content);
}

export function data(ctx: CheckContext, l: Located, options: CheckOptions): void {
  const v = dataView(ctx, l);
  if (v) checkDataContent(ctx, v, options.content);
}
