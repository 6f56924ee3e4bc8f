/**
 * Mutations of the enveloping content types (RFC 5652 6-9, RFC 5083/5084, RFC 3211, RFC 3274):
 * versions by contents, RecipientInfo versions and identifiers, wrong key wraps and PWRI-KEK
 * blocks, bad CBC padding, AES-GCM/CCM tags, AuthenticatedData attributes and MAC input,
 * DigestedData and CompressedData content, and attributes placed where their RFC forbids them.
 */
import type { Mutation } from '../mutation.ts';
import { authEnvelopedDataUnauthSigningTime } from './auth-enveloped-data-unauth-signing-time.ts';
import { authEnvelopedDataV1 } from './auth-enveloped-data-v1.ts';
import { authenticatedDataDigestAlgorithmWithoutAuthAttrs } from './authenticated-data-digest-algorithm-without-auth-attrs.ts';
import { authenticatedDataMacOverImplicitTag } from './authenticated-data-mac-over-implicit-tag.ts';
import { authenticatedDataMacWrong } from './authenticated-data-mac-wrong.ts';
import { authenticatedDataMessageDigestWrong } from './authenticated-data-message-digest-wrong.ts';
import { authenticatedDataNoContentTypeAttr } from './authenticated-data-no-content-type-attr.ts';
import { authenticatedDataNoMessageDigestAttr } from './authenticated-data-no-message-digest-attr.ts';
import { authenticatedDataUnauthMessageDigest } from './authenticated-data-unauth-message-digest.ts';
import { authenticatedDataV1 } from './authenticated-data-v1.ts';
import { cbcPaddingExceedsBlock } from './cbc-padding-exceeds-block.ts';
import { cbcPaddingInconsistent } from './cbc-padding-inconsistent.ts';
import { ccmTagWrong } from './ccm-tag-wrong.ts';
import { compressedDataZlibTruncated } from './compressed-data-zlib-truncated.ts';
import { digestedDataDigestWrong } from './digested-data-digest-wrong.ts';
import { encryptedDataV0WithUnprotectedAttrs } from './encrypted-data-v0-with-unprotected-attrs.ts';
import { envelopedDataUnprotectedContentType } from './enveloped-data-unprotected-content-type.ts';
import { envelopedDataV0WithOriginatorInfo } from './enveloped-data-v0-with-originator-info.ts';
import { envelopedDataV0WithSkiKtri } from './enveloped-data-v0-with-ski-ktri.ts';
import { envelopedDataV2Plain } from './enveloped-data-v2-plain.ts';
import { envelopedDataV2WithPwri } from './enveloped-data-v2-with-pwri.ts';
import { gcmCiphertextTampered } from './gcm-ciphertext-tampered.ts';
import { gcmIcvlen8 } from './gcm-icvlen-8.ts';
import { gcmTagTruncated } from './gcm-tag-truncated.ts';
import { gcmTagWrong } from './gcm-tag-wrong.ts';
import { kariCekWrappedUnderOtherKek } from './kari-cek-wrapped-under-other-kek.ts';
import { kariRidNamesOtherCertificate } from './kari-rid-names-other-certificate.ts';
import { kariEcdhOriginatorNullParams } from './kari-ecdh-originator-null-params.ts';
import { kariEcdhPointOffCurve } from './kari-ecdh-point-off-curve.ts';
import { kariX25519LowOrderPoint } from './kari-x25519-low-order-point.ts';
import { kariEsdhPublicKeyOne } from './kari-esdh-public-key-one.ts';
import { kariV2 } from './kari-v2.ts';
import { kekri3desCekWrappedUnderOtherKek } from './kekri-3des-cek-wrapped-under-other-kek.ts';
import { kekriV2 } from './kekri-v2.ts';
import { ktriV0WithSki } from './ktri-v0-with-ski.ts';
import { ktriV2WithIssuerSerial } from './ktri-v2-with-issuer-serial.ts';
import { pwriCekLengthByteWrong } from './pwri-cek-length-byte-wrong.ts';
import { pwriCheckValueNotComplemented } from './pwri-check-value-not-complemented.ts';
import { pwriV1 } from './pwri-v1.ts';

export const ENVELOPED_MUTATIONS: readonly Mutation[] = [
  authEnvelopedDataUnauthSigningTime,
  authEnvelopedDataV1,
  authenticatedDataDigestAlgorithmWithoutAuthAttrs,
  authenticatedDataMacOverImplicitTag,
  authenticatedDataMacWrong,
  authenticatedDataMessageDigestWrong,
  authenticatedDataNoContentTypeAttr,
  authenticatedDataNoMessageDigestAttr,
  authenticatedDataUnauthMessageDigest,
  authenticatedDataV1,
  cbcPaddingExceedsBlock,
  cbcPaddingInconsistent,
  ccmTagWrong,
  compressedDataZlibTruncated,
  digestedDataDigestWrong,
  encryptedDataV0WithUnprotectedAttrs,
  envelopedDataUnprotectedContentType,
  envelopedDataV0WithOriginatorInfo,
  envelopedDataV0WithSkiKtri,
  envelopedDataV2Plain,
  envelopedDataV2WithPwri,
  gcmCiphertextTampered,
  gcmIcvlen8,
  gcmTagTruncated,
  gcmTagWrong,
  kariCekWrappedUnderOtherKek,
  kariRidNamesOtherCertificate,
  kariEcdhOriginatorNullParams,
  kariEcdhPointOffCurve,
  kariX25519LowOrderPoint,
  kariEsdhPublicKeyOne,
  kariV2,
  kekri3desCekWrappedUnderOtherKek,
  kekriV2,
  ktriV0WithSki,
  ktriV2WithIssuerSerial,
  pwriCekLengthByteWrong,
  pwriCheckValueNotComplemented,
  pwriV1,
];
