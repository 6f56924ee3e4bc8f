/**
 * Names for the OIDs a message shows that the project's table (core/oids.ts) has no use for:
 * X.520 name attributes, certificate extensions and policy qualifiers, PKCS #9 and S/MIME
 * attributes and capabilities. Display only; `cmsi inspect` prints "name (dotted)".
 */
import { oidName } from '../../core/oids.ts';

const EXTRA: Readonly<Record<string, string>> = {
  '2.5.4.4': 'surname', '2.5.4.5': 'serialNumber', '2.5.4.7': 'localityName', '2.5.4.8': 'stateOrProvinceName',
  '2.5.4.9': 'streetAddress', '2.5.4.11': 'organizationalUnitName', '2.5.4.12': 'title', '2.5.4.42': 'givenName',
  '2.5.4.43': 'initials', '2.5.4.46': 'dnQualifier', '2.5.4.65': 'pseudonym', '0.9.2342.19200300.100.1.25': 'domainComponent',
  '0.9.2342.19200300.100.1.1': 'userId',
  '2.5.29.31': 'cRLDistributionPoints', '2.5.29.30': 'nameConstraints', '2.5.29.36': 'policyConstraints',
  '2.5.29.54': 'inhibitAnyPolicy', '2.5.29.18': 'issuerAltName', '2.5.29.21': 'cRLReason', '2.5.29.28': 'issuingDistributionPoint',
  '1.3.6.1.5.5.7.1.1': 'authorityInfoAccess', '1.3.6.1.5.5.7.2.1': 'cps', '1.3.6.1.5.5.7.2.2': 'userNotice',
  '1.3.6.1.5.5.7.3.1': 'serverAuth', '1.3.6.1.5.5.7.3.2': 'clientAuth', '1.3.6.1.5.5.7.3.3': 'codeSigning',
  '1.3.6.1.5.5.7.3.8': 'timeStamping', '1.3.6.1.5.5.7.3.9': 'OCSPSigning', '2.5.29.37.0': 'anyExtendedKeyUsage',
  '1.2.840.113549.1.9.2': 'unstructuredName', '1.2.840.113549.1.9.7': 'challengePassword', '1.2.840.113549.1.9.14': 'extensionRequest',
  '1.2.840.113549.1.9.16.2.14': 'timeStampToken', '1.2.840.113549.1.9.16.2.15': 'sigPolicyId', '1.2.840.113549.1.9.16.2.16': 'commitmentType',
  '1.2.840.113549.1.9.16.2.8': 'macValue', '1.2.840.113549.1.9.16.2.24': 'contentCollection',
  '1.2.840.113549.1.9.16.1.4': 'tstInfo', '1.2.840.113549.1.9.16.3.1': 'esDHwith3DES', '1.2.840.113549.1.9.16.3.10': 'ssDH',
  '1.2.840.113549.1.1.2': 'md2WithRSAEncryption', '1.2.840.113549.1.1.4': 'md5WithRSAEncryption', '1.2.840.113549.1.1.14': 'sha224WithRSAEncryption',
  '1.3.14.3.2.7': 'desCBC', '1.2.840.113549.3.4': 'rc4', '1.2.840.10045.3.1.1': 'prime192v1', '1.3.132.0.35': 'secp521r1', '1.3.132.0.33': 'secp224r1',
  '1.3.6.1.4.1.311.16.4': 'microsoftEncryptionKeyPreference', '1.3.6.1.4.1.311.10.3.4': 'encryptedFileSystem',
};

/** "signedData (1.2.840.113549.1.7.2)", or the dotted form alone when the OID has no name here. */
export function describeOid(dotted: string): string {
  const name = EXTRA[dotted] ?? oidName(dotted);
  return name === dotted ? dotted : `${name} (${dotted})`;
}

/** The short name alone, or the dotted form. */
export const shortOidName = (dotted: string): string => EXTRA[dotted] ?? oidName(dotted);

/** X.520 attribute types as they are written in a distinguished name. */
export const DN_LABELS: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN', '2.5.4.6': 'C', '2.5.4.7': 'L', '2.5.4.8': 'ST', '2.5.4.10': 'O', '2.5.4.11': 'OU', '2.5.4.5': 'serialNumber',
  '1.2.840.113549.1.9.1': 'emailAddress', '0.9.2342.19200300.100.1.25': 'DC', '2.5.4.4': 'SN', '2.5.4.42': 'GN',
};
