/** ess-mime mutations: ESS receipts, signing certificates, security labels, mail-list history, and the S/MIME MIME layer. */
import type { Mutation } from '../mutation.ts';
import { equivalentLabelsSamePolicy } from './equivalent-labels-same-policy.ts';
import { equivalentLabelsUnsigned } from './equivalent-labels-unsigned.ts';
import { equivalentLabelsWithoutLabel } from './equivalent-labels-without-label.ts';
import { micalgMismatch } from './micalg-mismatch.ts';
import { micalgNotCommaSeparated } from './micalg-not-comma-separated.ts';
import { mlHistoryInnerSignature } from './ml-history-inner-signature.ts';
import { mlHistoryLoop } from './ml-history-loop.ts';
import { mlHistoryTooLong } from './ml-history-too-long.ts';
import { mlHistoryUnsigned } from './ml-history-unsigned.ts';
import { multipartSignatureAttached } from './multipart-signature-attached.ts';
import { multipartSignedNoMicalg } from './multipart-signed-no-micalg.ts';
import { multipartSignedNoProtocol } from './multipart-signed-no-protocol.ts';
import { pkcs7MimeLfContent } from './pkcs7-mime-lf-content.ts';
import { pkcs7SignatureAsMime } from './pkcs7-signature-as-mime.ts';
import { protocolPkcs7Mime } from './protocol-pkcs7-mime.ts';
import { protocolUnquoted } from './protocol-unquoted.ts';
import { receiptContentIdentifierOther } from './receipt-content-identifier-other.ts';
import { receiptContentTypeWrong } from './receipt-content-type-wrong.ts';
import { receiptMlExpansionHistory } from './receipt-ml-expansion-history.ts';
import { receiptMsgSigDigestImplicitTag } from './receipt-msg-sig-digest-implicit-tag.ts';
import { receiptRequestInCountersignature } from './receipt-request-in-countersignature.ts';
import { receiptRequestOuterLayer } from './receipt-request-outer-layer.ts';
import { receiptRequestUnsigned } from './receipt-request-unsigned.ts';
import { receiptRequestsReceipt } from './receipt-requests-receipt.ts';
import { receiptVersion2 } from './receipt-version-2.ts';
import { receiptWithoutMsgSigDigest } from './receipt-without-msg-sig-digest.ts';
import { receiptsFromAbsent } from './receipts-from-absent.ts';
import { receiptsFromBoth } from './receipts-from-both.ts';
import { receiptsToEmpty } from './receipts-to-empty.ts';
import { receiptsToSeventeen } from './receipts-to-seventeen.ts';
import { securityLabelOneSigner } from './security-label-one-signer.ts';
import { securityLabelTwice } from './security-label-twice.ts';
import { securityLabelUnsigned } from './security-label-unsigned.ts';
import { securityLabelsDiffer } from './security-labels-differ.ts';
import { signedPartBareCr } from './signed-part-bare-cr.ts';
import { signedPartLfForm } from './signed-part-lf-form.ts';
import { signingCertificateOtherCert } from './signing-certificate-other-cert.ts';
import { signingCertificateTwice } from './signing-certificate-twice.ts';
import { signingCertificateUnsigned } from './signing-certificate-unsigned.ts';
import { signingCertificateV2HashAlgorithm } from './signing-certificate-v2-hash-algorithm.ts';
import { signingCertificateV2OtherCert } from './signing-certificate-v2-other-cert.ts';
import { signingCertificateV2Twice } from './signing-certificate-v2-twice.ts';
import { smimeTypeCertsOnlySigned } from './smime-type-certs-only-signed.ts';
import { smimeTypeMismatch } from './smime-type-mismatch.ts';

export const ESS_MIME_MUTATIONS: readonly Mutation[] = [
  equivalentLabelsSamePolicy,
  equivalentLabelsUnsigned,
  equivalentLabelsWithoutLabel,
  micalgMismatch,
  micalgNotCommaSeparated,
  mlHistoryInnerSignature,
  mlHistoryLoop,
  mlHistoryTooLong,
  mlHistoryUnsigned,
  multipartSignatureAttached,
  multipartSignedNoMicalg,
  multipartSignedNoProtocol,
  pkcs7MimeLfContent,
  pkcs7SignatureAsMime,
  protocolPkcs7Mime,
  protocolUnquoted,
  receiptContentIdentifierOther,
  receiptContentTypeWrong,
  receiptMlExpansionHistory,
  receiptMsgSigDigestImplicitTag,
  receiptRequestInCountersignature,
  receiptRequestOuterLayer,
  receiptRequestUnsigned,
  receiptRequestsReceipt,
  receiptVersion2,
  receiptWithoutMsgSigDigest,
  receiptsFromAbsent,
  receiptsFromBoth,
  receiptsToEmpty,
  receiptsToSeventeen,
  securityLabelOneSigner,
  securityLabelTwice,
  securityLabelUnsigned,
  securityLabelsDiffer,
  signedPartBareCr,
  signedPartLfForm,
  signingCertificateOtherCert,
  signingCertificateTwice,
  signingCertificateUnsigned,
  signingCertificateV2HashAlgorithm,
  signingCertificateV2OtherCert,
  signingCertificateV2Twice,
  smimeTypeCertsOnlySigned,
  smimeTypeMismatch,
];
