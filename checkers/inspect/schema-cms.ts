/**
 * The CMS content types for the inspector (RFC 5652 3-9, the IMPLICIT-tagged module of section
 * 12.1): ContentInfo, SignedData, EnvelopedData with every RecipientInfo kind, DigestedData,
 * EncryptedData, AuthenticatedData, AuthEnvelopedData (RFC 5083), CompressedData (RFC 3274) and
 * the ESS Receipt (RFC 2634 2.7). The content of ContentInfo and the eContent octets are resolved
 * by content type, so a signed Receipt or a signed DigestedData shows its inner structure.
 */
import { OID } from '../../core/oids.ts';
import { shortOidName } from './names.ts';
import { ATTRIBUTE_VALUES, recipientKeyIdentifier } from './schema-attributes.ts';
import { algorithmIdentifier, certificate, certificateList, name } from './schema-x509.ts';
import {
  any, choice, defined, explicit, field, implicit, lazy, octetsDefined, opt, prim, seq, seqOf, setOf, type Schema, type Table,
} from './schema.ts';

const version = prim('INTEGER', 'CMSVersion');
const contentType = prim('OBJECT IDENTIFIER', 'ContentType');
const octets = (type: string) => prim('OCTET STRING', type);
const child = (c: readonly { name: string; oid?: string }[], n: string) => c.find((x) => x.name === n);

export const issuerAndSerialNumber: Schema = seq('IssuerAndSerialNumber', [field('issuer', name), field('serialNumber', prim('INTEGER', 'CertificateSerialNumber'))],
  (c) => {
    const issuer = c.find((x) => x.name === 'issuer')?.summary;
    const serial = c.find((x) => x.name === 'serialNumber')?.value;
    return issuer ? `${issuer}, serial ${serial}` : undefined;
  });

const attribute = seq('Attribute', [
  field('attrType', prim('OBJECT IDENTIFIER')),
  field('attrValues', setOf('SET OF AttributeValue', lazy(() => defined('AttributeValue', 'attrType', ATTRIBUTE_VALUES)))),
], (c) => {
  const t = child(c, 'attrType')?.oid;
  return t ? shortOidName(t) : undefined;
});
const attributes = (type: string) => setOf(type, attribute);

const otherFormat = (type: string, idName: string) => seq(type, [field(idName, prim('OBJECT IDENTIFIER')), field(idName.replace(/Format$/, ''), any())]);

const certificateChoices = choice('CertificateChoices', [
  field('certificate', certificate),
  field('extendedCertificate', any('ExtendedCertificate'), { tag: implicit(0) }),
  field('v1AttrCert', any('AttributeCertificateV1'), { tag: implicit(1) }),
  field('v2AttrCert', any('AttributeCertificateV2'), { tag: implicit(2) }),
  field('other', otherFormat('OtherCertificateFormat', 'otherCertFormat'), { tag: implicit(3) }),
]);
const certificateSet = setOf('CertificateSet', certificateChoices);
const revocationInfoChoices = setOf('RevocationInfoChoices', choice('RevocationInfoChoice', [
  field('crl', certificateList),
  field('other', otherFormat('OtherRevocationInfoFormat', 'otherRevInfoFormat'), { tag: implicit(1) }),
]));

const signerIdentifier = choice('SignerIdentifier', [
  field('issuerAndSerialNumber', issuerAndSerialNumber),
  field('subjectKeyIdentifier', octets('SubjectKeyIdentifier'), { tag: implicit(0) }),
]);

export const signerInfo = (type = 'SignerInfo'): Schema => seq(type, [
  field('version', version),
  field('sid', signerIdentifier),
  field('digestAlgorithm', algorithmIdentifier('DigestAlgorithmIdentifier')),
  opt('signedAttrs', attributes('SignedAttributes'), implicit(0)),
  field('signatureAlgorithm', algorithmIdentifier('SignatureAlgorithmIdentifier')),
  field('signature', octets('SignatureValue')),
  opt('unsignedAttrs', attributes('UnsignedAttributes'), implicit(1)),
]);

/** What the octets of eContent are, by eContentType (id-data: whatever the application put there). */
const E_CONTENT: Table = {
  [OID.receipt]: lazy(() => receipt),
  [OID.signedData]: lazy(() => signedData),
  [OID.envelopedData]: lazy(() => envelopedData),
  [OID.digestedData]: lazy(() => digestedData),
  [OID.encryptedData]: lazy(() => encryptedData),
  [OID.authData]: lazy(() => authenticatedData),
  [OID.authEnvelopedData]: lazy(() => authEnvelopedData),
  [OID.compressedData]: lazy(() => compressedData),
  [OID.contentInfo]: lazy(() => contentInfo),
};

const encapContentInfo = seq('EncapsulatedContentInfo', [
  field('eContentType', contentType),
  opt('eContent', octetsDefined('OCTET STRING', 'eContentType', E_CONTENT), explicit(0)),
], (c) => { const t = child(c, 'eContentType')?.oid; return t ? shortOidName(t) : undefined; });

const signedData = seq('SignedData', [
  field('version', version),
  field('digestAlgorithms', setOf('DigestAlgorithmIdentifiers', algorithmIdentifier('DigestAlgorithmIdentifier'))),
  field('encapContentInfo', encapContentInfo),
  opt('certificates', certificateSet, implicit(0)),
  opt('crls', revocationInfoChoices, implicit(1)),
  field('signerInfos', setOf('SignerInfos', signerInfo())),
]);

const originatorInfo = seq('OriginatorInfo', [opt('certs', certificateSet, implicit(0)), opt('crls', revocationInfoChoices, implicit(1))]);

const recipientIdentifier = choice('RecipientIdentifier', [
  field('issuerAndSerialNumber', issuerAndSerialNumber),
  field('subjectKeyIdentifier', octets('SubjectKeyIdentifier'), { tag: implicit(0) }),
]);

const keyAgreeRecipientInfo = seq('KeyAgreeRecipientInfo', [
  field('version', version),
  field('originator', choice('OriginatorIdentifierOrKey', [
    field('issuerAndSerialNumber', issuerAndSerialNumber),
    field('subjectKeyIdentifier', octets('SubjectKeyIdentifier'), { tag: implicit(0) }),
    field('originatorKey', seq('OriginatorPublicKey', [field('algorithm', algorithmIdentifier()), field('publicKey', prim('BIT STRING'))]), { tag: implicit(1) }),
  ]), { tag: explicit(0) }),
  opt('ukm', octets('UserKeyingMaterial'), explicit(1)),
  field('keyEncryptionAlgorithm', algorithmIdentifier('KeyEncryptionAlgorithmIdentifier')),
  field('recipientEncryptedKeys', seqOf('RecipientEncryptedKeys', seq('RecipientEncryptedKey', [
    field('rid', choice('KeyAgreeRecipientIdentifier', [
      field('issuerAndSerialNumber', issuerAndSerialNumber),
      field('rKeyId', lazy(() => recipientKeyIdentifier), { tag: implicit(0) }),
    ])),
    field('encryptedKey', octets('EncryptedKey')),
  ]))),
]);

const recipientInfo = choice('RecipientInfo', [
  field('ktri', seq('KeyTransRecipientInfo', [
    field('version', version), field('rid', recipientIdentifier),
    field('keyEncryptionAlgorithm', algorithmIdentifier('KeyEncryptionAlgorithmIdentifier')), field('encryptedKey', octets('EncryptedKey')),
  ])),
  field('kari', keyAgreeRecipientInfo, { tag: implicit(1) }),
  field('kekri', seq('KEKRecipientInfo', [
    field('version', version),
    field('kekid', seq('KEKIdentifier', [field('keyIdentifier', prim('OCTET STRING')), opt('date', prim('GeneralizedTime')), opt('other', any('OtherKeyAttribute'))])),
    field('keyEncryptionAlgorithm', algorithmIdentifier('KeyEncryptionAlgorithmIdentifier')), field('encryptedKey', octets('EncryptedKey')),
  ]), { tag: implicit(2) }),
  field('pwri', seq('PasswordRecipientInfo', [
    field('version', version),
    opt('keyDerivationAlgorithm', algorithmIdentifier('KeyDerivationAlgorithmIdentifier'), implicit(0)),
    field('keyEncryptionAlgorithm', algorithmIdentifier('KeyEncryptionAlgorithmIdentifier')), field('encryptedKey', octets('EncryptedKey')),
  ]), { tag: implicit(3) }),
  field('ori', otherFormat('OtherRecipientInfo', 'oriType'), { tag: implicit(4) }),
]);
const recipientInfos = setOf('RecipientInfos', recipientInfo);

const encryptedContentInfo = (type = 'EncryptedContentInfo') => seq(type, [
  field('contentType', contentType),
  field('contentEncryptionAlgorithm', algorithmIdentifier('ContentEncryptionAlgorithmIdentifier')),
  opt('encryptedContent', octets('EncryptedContent'), implicit(0)),
]);

const envelopedData = seq('EnvelopedData', [
  field('version', version),
  opt('originatorInfo', originatorInfo, implicit(0)),
  field('recipientInfos', recipientInfos),
  field('encryptedContentInfo', encryptedContentInfo()),
  opt('unprotectedAttrs', attributes('UnprotectedAttributes'), implicit(1)),
]);

const digestedData = seq('DigestedData', [
  field('version', version),
  field('digestAlgorithm', algorithmIdentifier('DigestAlgorithmIdentifier')),
  field('encapContentInfo', encapContentInfo),
  field('digest', octets('Digest')),
]);

const encryptedData = seq('EncryptedData', [
  field('version', version),
  field('encryptedContentInfo', encryptedContentInfo()),
  opt('unprotectedAttrs', attributes('UnprotectedAttributes'), implicit(1)),
]);

const authenticatedData = seq('AuthenticatedData', [
  field('version', version),
  opt('originatorInfo', originatorInfo, implicit(0)),
  field('recipientInfos', recipientInfos),
  field('macAlgorithm', algorithmIdentifier('MessageAuthenticationCodeAlgorithm')),
  opt('digestAlgorithm', algorithmIdentifier('DigestAlgorithmIdentifier'), implicit(1)),
  field('encapContentInfo', encapContentInfo),
  opt('authAttrs', attributes('AuthAttributes'), implicit(2)),
  field('mac', octets('MessageAuthenticationCode')),
  opt('unauthAttrs', attributes('UnauthAttributes'), implicit(3)),
]);

const authEnvelopedData = seq('AuthEnvelopedData', [
  field('version', version),
  opt('originatorInfo', originatorInfo, implicit(0)),
  field('recipientInfos', recipientInfos),
  field('authEncryptedContentInfo', encryptedContentInfo()),
  opt('authAttrs', attributes('AuthAttributes'), implicit(1)),
  field('mac', octets('MessageAuthenticationCode')),
  opt('unauthAttrs', attributes('UnauthAttributes'), implicit(2)),
]);

const compressedData = seq('CompressedData', [
  field('version', version),
  field('compressionAlgorithm', algorithmIdentifier('CompressionAlgorithmIdentifier')),
  field('encapContentInfo', encapContentInfo),
]);

const receipt = seq('Receipt', [
  field('version', prim('INTEGER', 'ESSVersion')),
  field('contentType', contentType),
  field('signedContentIdentifier', octets('ContentIdentifier')),
  field('originatorSignatureValue', prim('OCTET STRING')),
]);

const CONTENT: Table = {
  [OID.data]: octets('Data'),
  ...Object.fromEntries(Object.entries(E_CONTENT).filter(([k]) => k !== OID.receipt && k !== OID.contentInfo)),
};

export const contentInfo: Schema = seq('ContentInfo', [
  field('contentType', contentType),
  field('content', defined('ANY DEFINED BY contentType', 'contentType', CONTENT), { tag: explicit(0) }),
], (c) => { const t = child(c, 'contentType')?.oid; return t ? shortOidName(t) : undefined; });

/** The content types whose `content` the schema knows, for the layer finder. */
export const KNOWN_CONTENT_TYPES: ReadonlySet<string> = new Set(Object.keys(CONTENT));
