/**
 * The closed vocabulary of features and algorithms that manifests, adapters and reports use.
 * Defined once here; the manifest schema is built from these lists, so a sample cannot claim a
 * feature that the matrix would not know how to show.
 */
export const FEATURES = {
  // content types
  'data': 'ContentInfo with id-data (RFC 5652 4)',
  'signed-data': 'SignedData (RFC 5652 5)',
  'enveloped-data': 'EnvelopedData (RFC 5652 6)',
  'digested-data': 'DigestedData (RFC 5652 7)',
  'encrypted-data': 'EncryptedData (RFC 5652 8)',
  'authenticated-data': 'AuthenticatedData (RFC 5652 9)',
  'auth-enveloped-data': 'AuthEnvelopedData (RFC 5083)',
  'compressed-data': 'CompressedData (RFC 3274)',
  // encodings
  'der': 'the whole message is DER',
  'ber-indefinite': 'BER indefinite-length encoding',
  'ber-constructed-octets': 'BER constructed OCTET STRING content',
  // SignedData variants
  'attached': 'encapsulated content present',
  'detached': 'content supplied separately (eContent absent)',
  'no-signed-attrs': 'SignerInfo without signed attributes',
  'signed-attrs': 'SignerInfo with signed attributes (content-type, message-digest)',
  'signing-time-utc': 'signing-time attribute as UTCTime (1950-2049)',
  'signing-time-generalized': 'signing-time attribute as GeneralizedTime (outside 1950-2049)',
  'smime-capabilities': 'SMIMECapabilities signed attribute (RFC 8551 2.5.2)',
  'algorithm-protection': 'CMSAlgorithmProtection attribute (RFC 6211)',
  'sid-issuer-serial': 'signer or recipient identified by issuerAndSerialNumber',
  'sid-ski': 'signer or recipient identified by subjectKeyIdentifier',
  'multiple-signers': 'more than one SignerInfo',
  'countersignature': 'countersignature unsigned attribute (RFC 5652 11.4)',
  'certs-only': 'degenerate SignedData carrying only certificates/CRLs',
  'certificates-included': 'certificates field present',
  'crls-included': 'crls field present',
  'econtent-type-other': 'eContentType other than id-data',
  // RecipientInfo kinds and EnvelopedData variants
  'ktri': 'KeyTransRecipientInfo',
  'kari': 'KeyAgreeRecipientInfo',
  'kekri': 'KEKRecipientInfo',
  'pwri': 'PasswordRecipientInfo (RFC 3211)',
  'kemri': 'KEMRecipientInfo in OtherRecipientInfo (RFC 9629)',
  'post-quantum': 'a post-quantum algorithm (ML-DSA, SLH-DSA, ML-KEM)',
  'multiple-recipients': 'more than one RecipientInfo',
  'mixed-recipient-kinds': 'RecipientInfos of different kinds in one message',
  'originator-info': 'originatorInfo present',
  'unprotected-attrs': 'unprotectedAttrs present',
  'ukm': 'user keying material in KeyAgreeRecipientInfo',
  'auth-attrs': 'authenticated attributes present',
  'no-auth-attrs': 'no authenticated attributes',
  // ESS (RFC 2634, RFC 5035) and S/MIME attributes (RFC 8551 2.5)
  'ess-receipt-request': 'receiptRequest signed attribute (RFC 2634 2.7)',
  'ess-receipt': 'signed Receipt content, id-ct-receipt (RFC 2634 2.8)',
  'ess-msg-sig-digest': 'msgSigDigest signed attribute of a receipt (RFC 2634 2.10)',
  'ess-content-identifier': 'contentIdentifier signed attribute (RFC 2634 2.7)',
  'ess-content-hints': 'contentHints attribute (RFC 2634 2.9)',
  'ess-content-reference': 'contentReference attribute (RFC 2634 2.11)',
  'ess-security-label': 'ESSSecurityLabel signed attribute (RFC 2634 3.2)',
  'ess-equivalent-labels': 'equivalentLabels signed attribute (RFC 2634 3.4)',
  'ess-ml-expansion-history': 'mlExpansionHistory signed attribute (RFC 2634 4.4)',
  'ess-signing-certificate': 'signingCertificate with ESSCertID, SHA-1 (RFC 2634 5.4)',
  'ess-signing-certificate-v2': 'signingCertificateV2 with ESSCertIDv2 (RFC 5035)',
  'smime-encryption-key-preference': 'SMIMEEncryptionKeyPreference attribute (RFC 8551 2.5.3)',
  'triple-wrapped': 'signed, then encrypted, then signed again (RFC 2634 1.1)',
  'ml-expansion': 'a mail list agent re-signed the outer layer (RFC 2634 4)',
  // the S/MIME MIME layer (RFC 8551 3, RFC 2633 3)
  'smime-pkcs7-mime': 'application/pkcs7-mime entity',
  'smime-multipart-signed': 'multipart/signed with application/pkcs7-signature',
  'smime-type-signed-data': 'smime-type=signed-data',
  'smime-type-enveloped-data': 'smime-type=enveloped-data',
  'smime-type-authenveloped-data': 'smime-type=authEnveloped-data',
  'smime-type-compressed-data': 'smime-type=compressed-data',
  'smime-type-certs-only': 'smime-type=certs-only',
  'smime-type-signed-receipt': 'smime-type=signed-receipt (RFC 2634 2.4)',
  'smime-v3-names': 'the x-pkcs7-* media type names S/MIME v3 agents also sent (RFC 2633 3.2)',
  'transfer-7bit': 'Content-Transfer-Encoding: 7bit inner entity',
  'transfer-base64': 'Content-Transfer-Encoding: base64',
  'canonical-crlf': 'the signed MIME entity in canonical CRLF form (RFC 8551 3.1.1)',
  'nested-entities': 'one S/MIME entity inside another (RFC 8551 3.7)',
  // provenance
  'rfc4134': 'reproduces an RFC 4134 example with its keys',
} as const;

export type Feature = keyof typeof FEATURES;

export const ALGORITHMS = {
  'md5': 'MD5 (RFC 1321), legacy',
  'sha1': 'SHA-1 (RFC 3370 2.1)',
  'sha256': 'SHA-256 (RFC 5754 2)',
  'sha384': 'SHA-384 (RFC 5754 2)',
  'sha512': 'SHA-512 (RFC 5754 2)',
  'shake256': 'SHAKE256 (RFC 8419)',
  'rsa-pkcs1v15': 'RSASSA-PKCS1-v1_5 signature (RFC 3370 3.2, RFC 5754 3.2)',
  'rsa-pss': 'RSASSA-PSS signature (RFC 4056)',
  'dsa': 'DSA signature (RFC 3370 3.1)',
  'ecdsa-p256': 'ECDSA on P-256 (RFC 5753 2.1)',
  'ecdsa-p384': 'ECDSA on P-384 (RFC 5753 2.1)',
  'ed25519': 'Ed25519 (RFC 8419)',
  'ed448': 'Ed448 (RFC 8419)',
  'ml-dsa-44': 'ML-DSA-44 signature (FIPS 204, RFC 9882)',
  'ml-dsa-65': 'ML-DSA-65 signature (FIPS 204, RFC 9882)',
  'ml-dsa-87': 'ML-DSA-87 signature (FIPS 204, RFC 9882)',
  'slh-dsa-sha2-128s': 'SLH-DSA-SHA2-128s signature (FIPS 205, RFC 9814)',
  'slh-dsa-sha2-128f': 'SLH-DSA-SHA2-128f signature (FIPS 205, RFC 9814)',
  'ml-kem-512': 'ML-KEM-512 in KEMRecipientInfo (FIPS 203, RFC 9936)',
  'ml-kem-768': 'ML-KEM-768 in KEMRecipientInfo (FIPS 203, RFC 9936)',
  'ml-kem-1024': 'ML-KEM-1024 in KEMRecipientInfo (FIPS 203, RFC 9936)',
  'hkdf-sha256': 'HKDF with SHA-256 as the KEMRecipientInfo KDF (RFC 8619, RFC 9629)',
  'rsaes-pkcs1v15': 'RSA PKCS #1 v1.5 key transport (RFC 3370 4.2.1)',
  'rsaes-oaep': 'RSAES-OAEP key transport (RFC 3560)',
  'ecdh-p256': 'ephemeral-static ECDH on P-256, X9.63 KDF (RFC 5753 3.1)',
  'ecdh-p384': 'ephemeral-static ECDH on P-384, X9.63 KDF (RFC 5753 3.1)',
  'x25519': 'X25519 key agreement with HKDF (RFC 8418)',
  'x448': 'X448 key agreement with HKDF (RFC 8418)',
  'esdh-x942': 'X9.42 ephemeral-static Diffie-Hellman (RFC 2631, RFC 3370 4.1.1)',
  'aes-wrap': 'AES key wrap (RFC 3394, RFC 3565)',
  '3des-wrap': 'Triple-DES key wrap (RFC 3370 4.3)',
  'rc2-wrap': 'RC2 key wrap (RFC 3370 4.3.2), legacy; only in RFC 4134 5.2',
  'pbkdf2': 'PBKDF2 key derivation (RFC 8018, RFC 3211)',
  'pwri-kek': 'PWRI-KEK key wrap (RFC 3211 2.3)',
  'aes-128-cbc': 'AES-128-CBC (RFC 3565)',
  'aes-192-cbc': 'AES-192-CBC (RFC 3565)',
  'aes-256-cbc': 'AES-256-CBC (RFC 3565)',
  '3des-cbc': 'Triple-DES CBC (RFC 3370 5.1)',
  'rc2-cbc': 'RC2 CBC (RFC 3370 5.2), legacy',
  'aes-gcm': 'AES-GCM (RFC 5084 3.2)',
  'aes-ccm': 'AES-CCM (RFC 5084 3.1)',
  'hmac-sha1': 'HMAC-SHA1 (RFC 3370 6.1)',
  'hmac-sha256': 'HMAC-SHA256 (RFC 4231)',
  'zlib': 'zlib compression (RFC 3274 2)',
} as const;

export type Algorithm = keyof typeof ALGORITHMS;

export const PROFILES = ['v3', 'current'] as const;
export type Profile = (typeof PROFILES)[number];

export const CONTENT_TYPE_NAMES = [
  'data', 'signedData', 'envelopedData', 'digestedData', 'encryptedData', 'authData',
  'authEnvelopedData', 'compressedData',
] as const;
export type ContentTypeName = (typeof CONTENT_TYPE_NAMES)[number];
