/**
 * Object identifiers used across the project, named as in the RFCs' ASN.1 modules.
 * One table, shared by generators and checkers; each arc group says where it is defined.
 */
export const OID = {
  // RFC 5652 section 14 (PKCS #7 / CMS content types)
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  envelopedData: '1.2.840.113549.1.7.3',
  digestedData: '1.2.840.113549.1.7.5',
  encryptedData: '1.2.840.113549.1.7.6',
  authData: '1.2.840.113549.1.9.16.1.2', // id-ct-authData
  authEnvelopedData: '1.2.840.113549.1.9.16.1.23', // RFC 5083
  compressedData: '1.2.840.113549.1.9.16.1.9', // RFC 3274
  receipt: '1.2.840.113549.1.9.16.1.1', // RFC 2634 id-ct-receipt
  contentInfo: '1.2.840.113549.1.9.16.1.6', // id-ct-contentInfo

  // PKCS #9 / CMS attributes (RFC 5652 section 11, RFC 2985)
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  countersignature: '1.2.840.113549.1.9.6',
  smimeCapabilities: '1.2.840.113549.1.9.15', // RFC 8551 2.5.2
  cmsAlgorithmProtection: '1.2.840.113549.1.9.52', // RFC 6211
  emailAddress: '1.2.840.113549.1.9.1',

  // ESS attributes (RFC 2634, RFC 5035) and S/MIME attributes (RFC 8551)
  receiptRequest: '1.2.840.113549.1.9.16.2.1',
  securityLabel: '1.2.840.113549.1.9.16.2.2',
  mlExpansionHistory: '1.2.840.113549.1.9.16.2.3',
  contentHint: '1.2.840.113549.1.9.16.2.4',
  msgSigDigest: '1.2.840.113549.1.9.16.2.5',
  contentIdentifier: '1.2.840.113549.1.9.16.2.7',
  equivalentLabels: '1.2.840.113549.1.9.16.2.9',
  contentReference: '1.2.840.113549.1.9.16.2.10',
  encrypKeyPref: '1.2.840.113549.1.9.16.2.11',
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',

  // Digest algorithms (RFC 3370, RFC 5754)
  md5: '1.2.840.113549.2.5',
  sha1: '1.3.14.3.2.26',
  sha224: '2.16.840.1.101.3.4.2.4',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
  shake256: '2.16.840.1.101.3.4.2.12', // RFC 8419
  shake256Len: '2.16.840.1.101.3.4.2.18',

  // Signature algorithms
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha1WithRSAEncryption: '1.2.840.113549.1.1.5',
  sha256WithRSAEncryption: '1.2.840.113549.1.1.11',
  sha384WithRSAEncryption: '1.2.840.113549.1.1.12',
  sha512WithRSAEncryption: '1.2.840.113549.1.1.13',
  rsassaPss: '1.2.840.113549.1.1.10', // RFC 4056
  mgf1: '1.2.840.113549.1.1.8',
  rsaesOaep: '1.2.840.113549.1.1.7', // RFC 3560
  pSpecified: '1.2.840.113549.1.1.9',
  dsa: '1.2.840.10040.4.1',
  dsaWithSha1: '1.2.840.10040.4.3',
  dsaWithSha256: '2.16.840.1.101.3.4.3.2',
  ecPublicKey: '1.2.840.10045.2.1',
  ecdsaWithSha1: '1.2.840.10045.4.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  ecdsaWithSha384: '1.2.840.10045.4.3.3',
  ecdsaWithSha512: '1.2.840.10045.4.3.4',
  ed25519: '1.3.101.112', // RFC 8410
  ed448: '1.3.101.113',
  x25519: '1.3.101.110',
  x448: '1.3.101.111',
  prime256v1: '1.2.840.10045.3.1.7',
  secp384r1: '1.3.132.0.34',

  // Key agreement
  dhpublicnumber: '1.2.840.10046.2.1', // X9.42 DH public key (RFC 3279)
  esDH: '1.2.840.113549.1.9.16.3.5', // id-alg-ESDH (RFC 3370 4.1.1)
  dhSinglePassStdDHsha256kdf: '1.3.132.1.11.1', // RFC 5753
  dhSinglePassStdDHsha384kdf: '1.3.132.1.11.2',
  dhSinglePassStdDHsha1kdf: '1.3.133.16.840.63.0.2',
  dhSinglePassStdDHhkdfSha256: '1.2.840.113549.1.9.16.3.19', // RFC 8418
  dhSinglePassStdDHhkdfSha384: '1.2.840.113549.1.9.16.3.20',
  dhSinglePassStdDHhkdfSha512: '1.2.840.113549.1.9.16.3.21',

  // Post-quantum (NIST CSOR arcs): ML-DSA (FIPS 204, RFC 9881/9882), SLH-DSA (FIPS 205, RFC 9814),
  // ML-KEM (FIPS 203, RFC 9935/9936); KEMRecipientInfo (RFC 9629) and HKDF (RFC 8619).
  mlDsa44: '2.16.840.1.101.3.4.3.17',
  mlDsa65: '2.16.840.1.101.3.4.3.18',
  mlDsa87: '2.16.840.1.101.3.4.3.19',
  slhDsaSha2_128s: '2.16.840.1.101.3.4.3.20',
  slhDsaSha2_128f: '2.16.840.1.101.3.4.3.21',
  slhDsaShake128f: '2.16.840.1.101.3.4.3.27',
  mlKem512: '2.16.840.1.101.3.4.4.1',
  mlKem768: '2.16.840.1.101.3.4.4.2',
  mlKem1024: '2.16.840.1.101.3.4.4.3',
  oriKem: '1.2.840.113549.1.9.16.13.3', // RFC 9629 3
  hkdfWithSha256: '1.2.840.113549.1.9.16.3.28', // RFC 8619 2
  hkdfWithSha384: '1.2.840.113549.1.9.16.3.29',
  hkdfWithSha512: '1.2.840.113549.1.9.16.3.30',

  // Key wrap and content encryption
  aes128Wrap: '2.16.840.1.101.3.4.1.5',
  aes192Wrap: '2.16.840.1.101.3.4.1.25',
  aes256Wrap: '2.16.840.1.101.3.4.1.45',
  cms3DESwrap: '1.2.840.113549.1.9.16.3.6',
  cmsRC2wrap: '1.2.840.113549.1.9.16.3.7',
  pwriKek: '1.2.840.113549.1.9.16.3.9', // RFC 3211
  pbkdf2: '1.2.840.113549.1.5.12',
  hmacWithSHA1: '1.2.840.113549.2.7',
  hmacWithSHA256: '1.2.840.113549.2.9',
  aes128Cbc: '2.16.840.1.101.3.4.1.2',
  aes192Cbc: '2.16.840.1.101.3.4.1.22',
  aes256Cbc: '2.16.840.1.101.3.4.1.42',
  aes128Gcm: '2.16.840.1.101.3.4.1.6',
  aes192Gcm: '2.16.840.1.101.3.4.1.26',
  aes256Gcm: '2.16.840.1.101.3.4.1.46',
  aes128Ccm: '2.16.840.1.101.3.4.1.7',
  aes192Ccm: '2.16.840.1.101.3.4.1.27',
  aes256Ccm: '2.16.840.1.101.3.4.1.47',
  desEde3Cbc: '1.2.840.113549.3.7',
  rc2Cbc: '1.2.840.113549.3.2',

  // MAC (RFC 3370 6, RFC 4231)
  hmacSha1: '1.3.6.1.5.5.8.1.2',
  hmacSha256: '1.2.840.113549.2.9',

  // Compression (RFC 3274)
  zlibCompress: '1.2.840.113549.1.9.16.3.8',

  // X.509 (RFC 5280)
  commonName: '2.5.4.3',
  countryName: '2.5.4.6',
  organizationName: '2.5.4.10',
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  cRLNumber: '2.5.29.20',
  authorityKeyIdentifier: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
  emailProtection: '1.3.6.1.5.5.7.3.4',
  certificatePolicies: '2.5.29.32',
  anyPolicy: '2.5.29.32.0',
  issuerAltName: '2.5.29.18',
  nameConstraints: '2.5.29.30',
  cRLDistributionPoints: '2.5.29.31',
  policyMappings: '2.5.29.33',
  policyConstraints: '2.5.29.36',
  inhibitAnyPolicy: '2.5.29.54',
  freshestCrl: '2.5.29.46',
  crlReason: '2.5.29.21',
  invalidityDate: '2.5.29.24',
  issuingDistributionPoint: '2.5.29.28',
  deltaCrlIndicator: '2.5.29.27',
  certificateIssuer: '2.5.29.29',
  authorityInfoAccess: '1.3.6.1.5.5.7.1.1',
  subjectInfoAccess: '1.3.6.1.5.5.7.1.11',
  anyExtendedKeyUsage: '2.5.29.37.0',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  smtpUtf8Mailbox: '1.3.6.1.5.5.7.8.9', // RFC 8398
  md5WithRSAEncryption: '1.2.840.113549.1.1.4',
  md2WithRSAEncryption: '1.2.840.113549.1.1.2',
  secp521r1: '1.3.132.0.35',
} as const;

export type OidName = keyof typeof OID;

const byValue = new Map<string, OidName>();
for (const [name, value] of Object.entries(OID) as [OidName, string][]) {
  if (!byValue.has(value)) byValue.set(value, name);
}

/** The project's name for an OID, or the dotted form when it has none. */
export function oidName(dotted: string): string {
  return byValue.get(dotted) ?? dotted;
}
