/**
 * Attribute values by attribute type, for the inspector: the CMS attributes (RFC 5652 11), S/MIME
 * capabilities and encryption key preference (RFC 8551 2.5), CMSAlgorithmProtection (RFC 6211), and
 * the ESS attributes (RFC 2634 2-5, RFC 5035): receipt request, security label, equivalent
 * labels, mail list expansion history, content hints and reference, signing certificate (v1, v2).
 */
import { OID } from '../../core/oids.ts';
import { shortOidName } from './names.ts';
import { ALGORITHM_PARAMETERS } from './schema-algorithms.ts';
import { algorithmIdentifier, certificatePolicies, generalNames, time } from './schema-x509.ts';
import { any, choice, defined, explicit, field, implicit, lazy, opt, prim, seq, seqOf, set, setOf, type Schema, type Table } from './schema.ts';
import { issuerAndSerialNumber, signerInfo } from './schema-cms.ts';

const oid = (type: string) => prim('OBJECT IDENTIFIER', type);
const octets = (type: string) => prim('OCTET STRING', type);

const recipientKeyIdentifier = seq('RecipientKeyIdentifier', [
  field('subjectKeyIdentifier', octets('SubjectKeyIdentifier')),
  opt('date', prim('GeneralizedTime')),
  opt('other', seq('OtherKeyAttribute', [field('keyAttrId', oid('OBJECT IDENTIFIER')), opt('keyAttr', any())])),
]);

const receiptRequest = seq('ReceiptRequest', [
  field('signedContentIdentifier', octets('ContentIdentifier')),
  field('receiptsFrom', choice('ReceiptsFrom', [
    field('allOrFirstTier', prim('INTEGER', 'AllOrFirstTier'), { tag: implicit(0) }),
    field('receiptList', seqOf('SEQUENCE OF GeneralNames', generalNames), { tag: implicit(1) }),
  ])),
  field('receiptsTo', seqOf('SEQUENCE OF GeneralNames', generalNames)),
]);

const SECURITY_CATEGORY_VALUES: Table = {};

const essSecurityLabel: Schema = set('ESSSecurityLabel', [
  field('security-policy-identifier', oid('SecurityPolicyIdentifier')),
  opt('security-classification', prim('INTEGER', 'SecurityClassification')),
  opt('privacy-mark', choice('ESSPrivacyMark', [field('pString', prim('PrintableString')), field('utf8String', prim('UTF8String'))])),
  opt('security-categories', setOf('SecurityCategories', seq('SecurityCategory', [
    field('type', oid('OBJECT IDENTIFIER'), { tag: implicit(0) }),
    field('value', defined('ANY DEFINED BY type', 'type', SECURITY_CATEGORY_VALUES), { tag: explicit(1) }),
  ]))),
]);

const entityIdentifier = choice('EntityIdentifier', [
  field('issuerAndSerialNumber', lazy(() => issuerAndSerialNumber)),
  field('subjectKeyIdentifier', octets('SubjectKeyIdentifier')),
]);

const mlData = seq('MLData', [
  field('mailListIdentifier', entityIdentifier),
  field('expansionTime', prim('GeneralizedTime')),
  opt('mlReceiptPolicy', choice('MLReceiptPolicy', [
    field('none', prim('NULL'), { tag: implicit(0) }),
    field('insteadOf', seqOf('SEQUENCE OF GeneralNames', generalNames), { tag: implicit(1) }),
    field('inAdditionTo', seqOf('SEQUENCE OF GeneralNames', generalNames), { tag: implicit(2) }),
  ])),
]);

const issuerSerial = seq('IssuerSerial', [field('issuer', generalNames), field('serialNumber', prim('INTEGER', 'CertificateSerialNumber'))]);

const signingCertificate = seq('SigningCertificate', [
  field('certs', seqOf('SEQUENCE OF ESSCertID', seq('ESSCertID', [field('certHash', octets('Hash')), opt('issuerSerial', issuerSerial)]))),
  opt('policies', certificatePolicies),
]);

const signingCertificateV2 = seq('SigningCertificateV2', [
  field('certs', seqOf('SEQUENCE OF ESSCertIDv2', seq('ESSCertIDv2', [
    opt('hashAlgorithm', algorithmIdentifier()), field('certHash', octets('Hash')), opt('issuerSerial', issuerSerial),
  ]))),
  opt('policies', certificatePolicies),
]);

// RFC 8551 2.5.2: parameters as the algorithm defines them (e.g. RC2's key size is an INTEGER).
const smimeCapabilities = seqOf('SMIMECapabilities', seq('SMIMECapability', [
  field('capabilityID', oid('OBJECT IDENTIFIER')),
  opt('parameters', defined('ANY DEFINED BY capabilityID', 'capabilityID', { ...ALGORITHM_PARAMETERS, [OID.rc2Cbc]: prim('INTEGER', 'SMIMECapabilitiesParametersForRC2CBC') })),
], (c) => { const id = c.find((x) => x.name === 'capabilityID')?.oid; return id ? shortOidName(id) : undefined; }));

const cmsAlgorithmProtection = seq('CMSAlgorithmProtection', [
  field('digestAlgorithm', algorithmIdentifier('DigestAlgorithmIdentifier')),
  opt('signatureAlgorithm', algorithmIdentifier('SignatureAlgorithmIdentifier'), implicit(1)),
  opt('macAlgorithm', algorithmIdentifier('MessageAuthenticationCodeAlgorithm'), implicit(2)),
]);

export const ATTRIBUTE_VALUES: Table = {
  [OID.contentType]: oid('ContentType'),
  [OID.messageDigest]: octets('MessageDigest'),
  [OID.signingTime]: time,
  [OID.countersignature]: lazy(() => signerInfo('Countersignature')),
  [OID.smimeCapabilities]: smimeCapabilities,
  [OID.cmsAlgorithmProtection]: cmsAlgorithmProtection,
  [OID.receiptRequest]: receiptRequest,
  [OID.securityLabel]: essSecurityLabel,
  [OID.equivalentLabels]: seqOf('EquivalentLabels', essSecurityLabel),
  [OID.mlExpansionHistory]: seqOf('MLExpansionHistory', mlData),
  [OID.contentHint]: seq('ContentHints', [opt('contentDescription', prim('UTF8String')), field('contentType', oid('ContentType'))]),
  [OID.msgSigDigest]: octets('MsgSigDigest'),
  [OID.contentIdentifier]: octets('ContentIdentifier'),
  [OID.contentReference]: seq('ContentReference', [
    field('contentType', oid('ContentType')), field('signedContentIdentifier', octets('ContentIdentifier')), field('originatorSignatureValue', prim('OCTET STRING')),
  ]),
  [OID.encrypKeyPref]: choice('SMIMEEncryptionKeyPreference', [
    field('issuerAndSerialNumber', lazy(() => issuerAndSerialNumber), { tag: implicit(0) }),
    field('receipentKeyId', recipientKeyIdentifier, { tag: implicit(1) }),
    field('subjectAltKeyIdentifier', octets('SubjectKeyIdentifier'), { tag: implicit(2) }),
  ]),
  [OID.signingCertificate]: signingCertificate,
  [OID.signingCertificateV2]: signingCertificateV2,
};

export { recipientKeyIdentifier };
