/**
 * Placement and cardinality of the attributes whose RFCs constrain them, as a table: where each
 * attribute may appear (signed, unsigned, authenticated, unauthenticated, unprotected), whether it
 * has exactly one value, and whether a set may hold it only once. One generic rule reads the
 * table, so a constraint is one line here, citing its catalog entry.
 */
import { OID } from '../../core/oids.ts';

export type AttributeSetKind = 'signed' | 'unsigned' | 'authenticated' | 'unauthenticated' | 'unprotected';

export interface AttributeConstraint {
  readonly name: string;
  readonly oid: string;
  /** Sets the attribute may appear in, and the rule that says so. */
  readonly allowedIn?: { readonly sets: readonly AttributeSetKind[]; readonly rule: string };
  readonly singleValue?: string;
  readonly singleInstance?: string;
  /** The single-instance rule for AuthenticatedData authAttrs, when its RFC states it apart. */
  readonly singleInstanceAuth?: string;
}

export const ATTRIBUTE_CONSTRAINTS: readonly AttributeConstraint[] = [
  {
    name: 'content-type', oid: OID.contentType,
    allowedIn: { sets: ['signed', 'authenticated'], rule: 'rfc5652/11.1/protected-placement-only' },
    singleValue: 'rfc5652/11.1/single-value',
    singleInstance: 'rfc5652/11.1/once-in-signed-attrs',
    singleInstanceAuth: 'rfc5652/11.1/once-in-auth-attrs',
  },
  {
    name: 'message-digest', oid: OID.messageDigest,
    allowedIn: { sets: ['signed', 'authenticated'], rule: 'rfc5652/11.2/protected-placement-only' },
    singleValue: 'rfc5652/11.2/single-value',
    singleInstance: 'rfc5652/11.2/once-in-signed-attrs',
    singleInstanceAuth: 'rfc5652/11.2/once-in-auth-attrs',
  },
  {
    name: 'signing-time', oid: OID.signingTime,
    allowedIn: { sets: ['signed', 'authenticated'], rule: 'rfc5652/11.3/protected-placement-only' },
    singleValue: 'rfc5652/11.3/single-value',
    singleInstance: 'rfc5652/11.3/once-in-signed-attrs',
    singleInstanceAuth: 'rfc5652/11.3/once-in-auth-attrs',
  },
  {
    name: 'countersignature', oid: OID.countersignature,
    allowedIn: { sets: ['unsigned'], rule: 'rfc5652/11.4/unsigned-placement-only' },
  },
  ...([
    ['receiptRequest', OID.receiptRequest, 'receipt-request'],
    ['msgSigDigest', OID.msgSigDigest, 'msg-sig-digest'],
    ['securityLabel', OID.securityLabel, 'security-label'],
    ['equivalentLabels', OID.equivalentLabels, 'equivalent-labels'],
    ['mlExpansionHistory', OID.mlExpansionHistory, 'ml-expansion-history'],
    ['contentReference', OID.contentReference, 'content-reference'],
    ['smimeEncryptionKeyPreference', OID.encrypKeyPref, 'encryption-key-preference'],
  ] as const).map(([name, oid, slug]): AttributeConstraint => ({
    // RFC 2634 1.3.4: these attributes are signed (its table); the ESS-defined ones are each
    // present once, with one value. sMIMEEncryptionKeyPreference is in the table but defined by
    // S/MIME [MSG], not ESS: its own cardinality rules are RFC 8551 2.5.3's.
    name, oid,
    allowedIn: { sets: ['signed'], rule: `rfc2634/1.3.4/table-${slug}-signed` },
    ...(oid === OID.encrypKeyPref ? {} : { singleValue: 'rfc2634/1.3.4/ess-attr-single-value', singleInstance: 'rfc2634/1.3.4/ess-attr-single-instance' }),
  })),
  {
    name: 'signingCertificate', oid: OID.signingCertificate,
    allowedIn: { sets: ['signed'], rule: 'rfc2634/5.4/signing-certificate-signed' },
    singleValue: 'rfc2634/5.4/signing-certificate-single-value',
    singleInstance: 'rfc2634/5.4/signing-certificate-single-instance',
  },
  {
    name: 'signingCertificateV2', oid: OID.signingCertificateV2,
    allowedIn: { sets: ['signed'], rule: 'rfc5035/3/v2-signed' },
    singleValue: 'rfc5035/3/v2-single-value',
    singleInstance: 'rfc5035/3/v2-single-instance',
  },
];
