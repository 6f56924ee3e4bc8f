/**
 * Which checker handles which content type. Each handler builds its view, runs its static rules
 * and, when the options carry keys or content, its crypto rules. One line per content type.
 */
import { OID } from '../core/oids.ts';
import type { CheckContext, Located } from './context.ts';
import { certificateInputs, type CheckOptions } from './engine.ts';
import { checkSignedDataCertificates, signedDataPool } from './x509/check-signed-data.ts';
import { signedDataView } from './cms/signed-data.ts';
import { checkSignedDataCrypto } from './crypto/signatures.ts';
import { checkSignedData } from './rules/signed-data.ts';
import { checkEss } from './rules/ess.ts';
import { checkSignerAlgorithms } from './rules/signer-algorithms.ts';
import { checkSignedDataExtra } from './rules/signed-data-extra.ts';
import { checkEssExtra } from './rules/ess-extra.ts';
import { checkEncoding } from './rules/encoding.ts';
import { checkAttributeStatements } from './rules/attribute-statements.ts';
import { checkRfc5652SignedData } from './rules/rfc5652-signed-data.ts';
import { checkRfc2634Statements } from './rules/rfc2634-statements.ts';
import { checkSigningCertificateContents } from './rules/rfc5035-signing-certificate.ts';
import { checkRfc8551Signer } from './rules/rfc8551-signer.ts';
import { checkReceiptAgainstOriginal, checkSigningCertificates } from './crypto/ess.ts';
import * as enveloping from './cms/content-handlers.ts';

export type ContentTypeChecker = (ctx: CheckContext, l: Located, options: CheckOptions) => void;

function signedData(ctx: CheckContext, l: Located, options: CheckOptions): void {
  const v = signedDataView(ctx, l);
  if (!v) return;
  checkSignedData(ctx, v);
  checkSignerAlgorithms(ctx, v);
  checkEss(ctx, v);
  checkSignedDataExtra(ctx, v);
  checkEssExtra(ctx, v);
  checkEncoding(ctx, v);
  checkRfc5652SignedData(ctx, v, options.streamed);
  for (const rules of [checkAttributeStatements, checkRfc2634Statements, checkSigningCertificateContents, checkRfc8551Signer]) rules(ctx, v);
  const certInputs = certificateInputs(options);
  // --layers: the certificate and path rules run only when one of their layers is asked for.
  const x509 = ctx.runs('certificate') || ctx.runs('path') || ctx.runs('policy');
  const pool = x509 ? signedDataPool(ctx, v, certInputs) : null;
  if (!v.signerInfos.length) {
    if (pool) checkSignedDataCertificates(ctx, v, pool, certInputs);
    return;
  }
  const signerCerts = ctx.runs('crypto') ? checkSignedDataCrypto(ctx, v, { certs: options.certs, content: options.content, ...(options.signedPart ? { signedPart: options.signedPart } : {}), ...(options.contentSource ? { contentSource: options.contentSource } : {}), ...(options.streamed ? { streamed: options.streamed } : {}) }) : v.signerInfos.map(() => null);
  if (pool) checkSignedDataCertificates(ctx, v, pool, certInputs);
  checkSigningCertificates(ctx, v, signerCerts);
  if (options.original) checkReceiptAgainstOriginal(ctx, v, options.original);
}

export const CONTENT_TYPE_CHECKERS: Readonly<Record<string, ContentTypeChecker>> = {
  [OID.signedData]: signedData,
  [OID.envelopedData]: enveloping.envelopedData,
  [OID.authEnvelopedData]: enveloping.authEnvelopedData,
  [OID.authData]: enveloping.authenticatedData,
  [OID.encryptedData]: enveloping.encryptedData,
  [OID.digestedData]: enveloping.digestedData,
  [OID.compressedData]: enveloping.compressedData,
  [OID.data]: enveloping.data,
};
