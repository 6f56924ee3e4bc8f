/**
 * RFC 5280 for the inspector: Certificate, CertificateList, Name, GeneralNames and the extensions
 * an S/MIME certificate carries (RFC 5280 4.2.1, RFC 8550 4.4), plus AlgorithmIdentifier, whose
 * parameters are resolved by schema-algorithms.ts.
 */
import { OID } from '../../core/oids.ts';
import { DN_LABELS, shortOidName } from './names.ts';
import { ALGORITHM_PARAMETERS } from './schema-algorithms.ts';
import {
  any, choice, defined, explicit, field, implicit, lazy, opt, prim, seq, seqOf, setOf, type Schema, type Summary, type Table,
} from './schema.ts';
import type { InspectNode } from './tree.ts';

const child = (children: readonly InspectNode[], name: string) => children.find((c) => c.name === name);

/** AlgorithmIdentifier ::= SEQUENCE { algorithm OBJECT IDENTIFIER, parameters ANY DEFINED BY algorithm OPTIONAL } */
export const algorithmIdentifier = (type = 'AlgorithmIdentifier'): Schema => seq(type, [
  field('algorithm', prim('OBJECT IDENTIFIER')),
  opt('parameters', lazy(() => defined('ANY DEFINED BY algorithm', 'algorithm', ALGORITHM_PARAMETERS))),
], (c) => {
  const oid = child(c, 'algorithm')?.oid;
  return oid ? shortOidName(oid) : undefined;
});

const directoryString = choice('DirectoryString', [
  field('utf8String', prim('UTF8String')), field('printableString', prim('PrintableString')), field('teletexString', prim('TeletexString')),
  field('bmpString', prim('BMPString')), field('universalString', prim('UniversalString')), field('ia5String', prim('IA5String')),
]);

const NAME_VALUES: Table = Object.fromEntries([...Object.keys(DN_LABELS), '2.5.4.4', '2.5.4.9', '2.5.4.12', '2.5.4.42', '2.5.4.43', '2.5.4.46', '2.5.4.65']
  .map((oid) => [oid, oid === OID.emailAddress || oid === '0.9.2342.19200300.100.1.25' ? prim('IA5String') : oid === OID.countryName ? prim('PrintableString') : directoryString]));

const nameText = (n: InspectNode | undefined): string => n?.text ?? n?.children[0]?.text ?? n?.value ?? '?';

const attributeTypeAndValue = seq('AttributeTypeAndValue', [
  field('type', prim('OBJECT IDENTIFIER', 'AttributeType')),
  field('value', defined('AttributeValue', 'type', NAME_VALUES)),
], (c) => {
  const oid = child(c, 'type')?.oid;
  return oid ? `${DN_LABELS[oid] ?? shortOidName(oid)}=${nameText(child(c, 'value'))}` : undefined;
});

const joinSummaries = (sep: string): Summary => (c) => c.map((x) => x.summary ?? '?').join(sep) || undefined;

/** Name ::= CHOICE { rdnSequence RDNSequence }, shown as "CN=Alice, O=..." */
export const name: Schema = seqOf('Name', setOf('RelativeDistinguishedName', attributeTypeAndValue, joinSummaries('+')), joinSummaries(', '));

const otherName = seq('OtherName', [field('type-id', prim('OBJECT IDENTIFIER')), field('value', any(), { tag: explicit(0) })]);

/** GeneralName ::= CHOICE { ..., rfc822Name [1] IA5String, dNSName [2], directoryName [4] Name, ... } (IMPLICIT module) */
export const generalName: Schema = choice('GeneralName', [
  field('otherName', otherName, { tag: implicit(0) }),
  field('rfc822Name', prim('IA5String'), { tag: implicit(1) }),
  field('dNSName', prim('IA5String'), { tag: implicit(2) }),
  field('x400Address', any('ORAddress'), { tag: implicit(3) }),
  field('directoryName', name, { tag: explicit(4) }),
  field('ediPartyName', any('EDIPartyName'), { tag: implicit(5) }),
  field('uniformResourceIdentifier', prim('IA5String'), { tag: implicit(6) }),
  field('iPAddress', prim('OCTET STRING'), { tag: implicit(7) }),
  field('registeredID', prim('OBJECT IDENTIFIER'), { tag: implicit(8) }),
]);

export const generalNames: Schema = seqOf('GeneralNames', generalName);

export const time = choice('Time', [field('utcTime', prim('UTCTime')), field('generalTime', prim('GeneralizedTime'))]);

const policyInformation = seq('PolicyInformation', [
  field('policyIdentifier', prim('OBJECT IDENTIFIER', 'CertPolicyId')),
  opt('policyQualifiers', seqOf('PolicyQualifiers', seq('PolicyQualifierInfo', [field('policyQualifierId', prim('OBJECT IDENTIFIER')), field('qualifier', any())]))),
]);
export const certificatePolicies = seqOf('CertificatePolicies', policyInformation);

const KEY_USAGE_BITS = ['digitalSignature', 'nonRepudiation', 'keyEncipherment', 'dataEncipherment', 'keyAgreement', 'keyCertSign', 'cRLSign', 'encipherOnly', 'decipherOnly'];

const EXTENSION_VALUES: Table = {
  [OID.basicConstraints]: seq('BasicConstraints', [opt('cA', prim('BOOLEAN')), opt('pathLenConstraint', prim('INTEGER'))]),
  [OID.keyUsage]: prim('BIT STRING', 'KeyUsage', { bits: KEY_USAGE_BITS }),
  [OID.subjectKeyIdentifier]: prim('OCTET STRING', 'SubjectKeyIdentifier'),
  [OID.authorityKeyIdentifier]: seq('AuthorityKeyIdentifier', [
    opt('keyIdentifier', prim('OCTET STRING', 'KeyIdentifier'), implicit(0)),
    opt('authorityCertIssuer', generalNames, implicit(1)),
    opt('authorityCertSerialNumber', prim('INTEGER', 'CertificateSerialNumber'), implicit(2)),
  ]),
  [OID.subjectAltName]: generalNames,
  '2.5.29.18': generalNames,
  [OID.extKeyUsage]: seqOf('ExtKeyUsageSyntax', prim('OBJECT IDENTIFIER', 'KeyPurposeId')),
  [OID.certificatePolicies]: certificatePolicies,
  [OID.cRLNumber]: prim('INTEGER', 'CRLNumber'),
  '2.5.29.21': prim('ENUMERATED', 'CRLReason'),
};

const extension = seq('Extension', [
  field('extnID', prim('OBJECT IDENTIFIER')),
  opt('critical', prim('BOOLEAN')),
  field('extnValue', prim('OCTET STRING', 'OCTET STRING', { contains: defined('extension value', 'extnID', EXTENSION_VALUES) })),
], (c) => {
  const oid = child(c, 'extnID')?.oid;
  return oid ? `${shortOidName(oid)}${child(c, 'critical')?.value === 'TRUE' ? ' (critical)' : ''}` : undefined;
});
export const extensions = seqOf('Extensions', extension);

const subjectPublicKeyInfo = seq('SubjectPublicKeyInfo', [field('algorithm', algorithmIdentifier()), field('subjectPublicKey', prim('BIT STRING'))],
  (c) => child(c, 'algorithm')?.summary);

const tbsCertificate = seq('TBSCertificate', [
  opt('version', prim('INTEGER', 'Version'), explicit(0)),
  field('serialNumber', prim('INTEGER', 'CertificateSerialNumber')),
  field('signature', algorithmIdentifier()),
  field('issuer', name),
  field('validity', seq('Validity', [field('notBefore', time), field('notAfter', time)])),
  field('subject', name),
  field('subjectPublicKeyInfo', subjectPublicKeyInfo),
  opt('issuerUniqueID', prim('BIT STRING', 'UniqueIdentifier'), implicit(1)),
  opt('subjectUniqueID', prim('BIT STRING', 'UniqueIdentifier'), implicit(2)),
  opt('extensions', extensions, explicit(3)),
], (c) => (child(c, 'subject')?.summary ? `subject ${child(c, 'subject')!.summary}` : undefined));

/** Certificate, summarised by subject and issuer. */
export const certificate: Schema = seq('Certificate', [
  field('tbsCertificate', tbsCertificate),
  field('signatureAlgorithm', algorithmIdentifier()),
  field('signatureValue', prim('BIT STRING')),
], (c) => {
  const tbs = child(c, 'tbsCertificate');
  const subject = tbs && child(tbs.children, 'subject')?.summary;
  const issuer = tbs && child(tbs.children, 'issuer')?.summary;
  return subject ? `subject ${subject}${issuer && issuer !== subject ? `; issuer ${issuer}` : ' (self-issued)'}` : undefined;
});

const revokedCertificate = seq('RevokedCertificate', [
  field('userCertificate', prim('INTEGER', 'CertificateSerialNumber')),
  field('revocationDate', time),
  opt('crlEntryExtensions', extensions),
]);

const tbsCertList = seq('TBSCertList', [
  opt('version', prim('INTEGER', 'Version')),
  field('signature', algorithmIdentifier()),
  field('issuer', name),
  field('thisUpdate', time),
  opt('nextUpdate', time),
  opt('revokedCertificates', seqOf('RevokedCertificates', revokedCertificate)),
  opt('crlExtensions', extensions, explicit(0)),
]);

/** CertificateList (a CRL), summarised by issuer. */
export const certificateList: Schema = seq('CertificateList', [
  field('tbsCertList', tbsCertList),
  field('signatureAlgorithm', algorithmIdentifier()),
  field('signatureValue', prim('BIT STRING')),
], (c) => {
  const tbs = child(c, 'tbsCertList');
  const issuer = tbs && child(tbs.children, 'issuer')?.summary;
  return issuer ? `CRL of ${issuer}` : undefined;
});
