/**
 * SignedData mutations (RFC 5652 5, 11; RFC 4056; RFC 6211; RFC 8933): versions, the content-type
 * and message-digest attributes, signer identification, digest and signature algorithm agreement,
 * what the signature covers, tampering after signing, RSASSA-PSS parameters, CMSAlgorithmProtection,
 * countersignatures and attributes placed where their RFC forbids them.
 */
import type { Mutation } from '../mutation.ts';
import { algorithmProtectionDigestDiffers } from './algorithm-protection-digest-differs.ts';
import { algorithmProtectionMacInSignedData } from './algorithm-protection-mac-in-signed-data.ts';
import { algorithmProtectionSignatureDiffers } from './algorithm-protection-signature-differs.ts';
import { algorithmProtectionUnsigned } from './algorithm-protection-unsigned.ts';
import { contentTypeAttrDiffers } from './content-type-attr-differs.ts';
import { contentTypeAttrDuplicated } from './content-type-attr-duplicated.ts';
import { contentTypeAttrMissingNonData } from './content-type-attr-missing-non-data.ts';
import { contentTypeAttrMissing } from './content-type-attr-missing.ts';
import { contentTypeAttrMultiValued } from './content-type-attr-multi-valued.ts';
import { contentTypeAttrUnsigned } from './content-type-attr-unsigned.ts';
import { countersignatureOverContent } from './countersignature-over-content.ts';
import { countersignatureOverSignatureTlv } from './countersignature-over-signature-tlv.ts';
import { countersignatureWithContentType } from './countersignature-with-content-type.ts';
import { detachedContentSwapped } from './detached-content-swapped.ts';
import { digestAlgorithmNotListed } from './digest-algorithm-not-listed.ts';
import { rsaSha2SignatureAbsentParams } from './rsa-sha2-signature-absent-params.ts';
import { sha2DigestNullParams } from './sha2-digest-null-params.ts';
import { ecdsaSignatureHashDiffersFromDigest } from './ecdsa-signature-hash-differs-from-digest.ts';
import { messageDigestAttrDuplicated } from './message-digest-attr-duplicated.ts';
import { messageDigestAttrMissing } from './message-digest-attr-missing.ts';
import { messageDigestAttrMultiValued } from './message-digest-attr-multi-valued.ts';
import { messageDigestAttrUnsigned } from './message-digest-attr-unsigned.ts';
import { messageDigestAttrWrong } from './message-digest-attr-wrong.ts';
import { messageDigestFirstBerSegment } from './message-digest-first-ber-segment.ts';
import { messageDigestOverOctetStringTlv } from './message-digest-over-octet-string-tlv.ts';
import { nonDataWithoutSignedAttrs } from './non-data-without-signed-attrs.ts';
import { pssCertHashDiffers } from './pss-cert-hash-differs.ts';
import { pssCertMgf1Differs } from './pss-cert-mgf1-differs.ts';
import { pssCertSaltShorter } from './pss-cert-salt-shorter.ts';
import { pssDigestAlgorithmsEmpty } from './pss-digest-algorithms-empty.ts';
import { pssDigestSha384ParamsSha256 } from './pss-digest-sha384-params-sha256.ts';
import { pssParamsHashNotUsed } from './pss-params-hash-not-used.ts';
import { pssParamsMgf1HashNotUsed } from './pss-params-mgf1-hash-not-used.ts';
import { pssParamsSaltNotUsed } from './pss-params-salt-not-used.ts';
import { rsaSignatureHashDiffersFromDigest } from './rsa-signature-hash-differs-from-digest.ts';
import { sidSerialMatchesNoCertificate } from './sid-serial-matches-no-certificate.ts';
import { sidSkiOfAnotherKey } from './sid-ski-of-another-key.ts';
import { signatureOverContentDigest } from './signature-over-content-digest.ts';
import { signatureOverContentNotAttrs } from './signature-over-content-not-attrs.ts';
import { signatureOverImplicitTag } from './signature-over-implicit-tag.ts';
import { signedDataV1NonDataContent } from './signed-data-v1-non-data-content.ts';
import { signedDataV1WithSkiSigner } from './signed-data-v1-with-ski-signer.ts';
import { signedDataV3AllV1 } from './signed-data-v3-all-v1.ts';
import { signedDataV5WithoutOtherFormats } from './signed-data-v5-without-other-formats.ts';
import { signerInfoV1WithSki } from './signer-info-v1-with-ski.ts';
import { signerInfoV3WithIssuerSerial } from './signer-info-v3-with-issuer-serial.ts';
import { signingTimeAttrUnsigned } from './signing-time-attr-unsigned.ts';
import { tamperedContentNoSignedAttrs } from './tampered-content-no-signed-attrs.ts';
import { tamperedContent } from './tampered-content.ts';
import { tamperedSignature } from './tampered-signature.ts';
import { tamperedSigningTime } from './tampered-signing-time.ts';

export const SIGNED_MUTATIONS: readonly Mutation[] = [
  algorithmProtectionDigestDiffers,
  algorithmProtectionMacInSignedData,
  algorithmProtectionSignatureDiffers,
  algorithmProtectionUnsigned,
  contentTypeAttrDiffers,
  contentTypeAttrDuplicated,
  contentTypeAttrMissingNonData,
  contentTypeAttrMissing,
  contentTypeAttrMultiValued,
  contentTypeAttrUnsigned,
  countersignatureOverContent,
  countersignatureOverSignatureTlv,
  countersignatureWithContentType,
  detachedContentSwapped,
  digestAlgorithmNotListed,
  ecdsaSignatureHashDiffersFromDigest,
  messageDigestAttrDuplicated,
  messageDigestAttrMissing,
  messageDigestAttrMultiValued,
  messageDigestAttrUnsigned,
  messageDigestAttrWrong,
  messageDigestFirstBerSegment,
  messageDigestOverOctetStringTlv,
  nonDataWithoutSignedAttrs,
  pssCertHashDiffers,
  pssCertMgf1Differs,
  pssCertSaltShorter,
  pssDigestAlgorithmsEmpty,
  pssDigestSha384ParamsSha256,
  pssParamsHashNotUsed,
  pssParamsMgf1HashNotUsed,
  pssParamsSaltNotUsed,
  rsaSha2SignatureAbsentParams,
  rsaSignatureHashDiffersFromDigest,
  sha2DigestNullParams,
  sidSerialMatchesNoCertificate,
  sidSkiOfAnotherKey,
  signatureOverContentDigest,
  signatureOverContentNotAttrs,
  signatureOverImplicitTag,
  signedDataV1NonDataContent,
  signedDataV1WithSkiSigner,
  signedDataV3AllV1,
  signedDataV5WithoutOtherFormats,
  signerInfoV1WithSki,
  signerInfoV3WithIssuerSerial,
  signingTimeAttrUnsigned,
  tamperedContentNoSignedAttrs,
  tamperedContent,
  tamperedSignature,
  tamperedSigningTime,
];
