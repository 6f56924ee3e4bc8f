/**
 * The placement and cardinality statements that RFC 2634, 5035, 5652 and 8551 repeat in other
 * words beside those of checkers/rules/attribute-table.ts, each as one line citing its own
 * catalog entry: where an attribute may sit in a SignerInfo (signed only, unsigned only), and
 * whether it has one value or occurs once. Applied to every SignerInfo of a SignedData.
 */
import { OID } from '../../core/oids.ts';
import { where, type CheckContext } from '../context.ts';
import type { Attribute } from '../cms/fields.ts';
import type { SignedDataView } from '../cms/signed-data.ts';

type Statement =
  /** The attribute never sits among the unsigned attributes (it is a signed attribute). */
  | { readonly kind: 'signed-only'; readonly oids: readonly string[]; readonly rule: string }
  /** The attribute never sits among the signed attributes. */
  | { readonly kind: 'unsigned-only'; readonly oids: readonly string[]; readonly rule: string }
  /** Each instance has exactly one value in attrValues. */
  | { readonly kind: 'one-value'; readonly oids: readonly string[]; readonly rule: string }
  /** Each instance has at least one value. */
  | { readonly kind: 'some-value'; readonly oids: readonly string[]; readonly rule: string }
  /** A SignerInfo's signed attributes hold it at most once. */
  | { readonly kind: 'once'; readonly oids: readonly string[]; readonly rule: string };

/** RFC 2634 1.3.4: the ESS attributes of the placement table. */
const ESS_ATTRS = [OID.receiptRequest, OID.msgSigDigest, OID.securityLabel, OID.equivalentLabels, OID.mlExpansionHistory, OID.contentReference, OID.contentHint, OID.contentIdentifier, OID.signingCertificate];
const PROTECTED = [OID.contentReference, OID.equivalentLabels, OID.securityLabel, OID.mlExpansionHistory];
const SIGNED_ONLY = [OID.msgSigDigest, OID.receiptRequest, OID.signingCertificate];

export const ATTRIBUTE_STATEMENTS: readonly Statement[] = [
  { kind: 'signed-only', oids: [OID.securityLabel], rule: 'rfc2634/1.3.2/security-label-not-unsigned' },
  { kind: 'signed-only', oids: [OID.securityLabel], rule: 'rfc2634/3.1.1/security-label-not-unsigned' },
  { kind: 'signed-only', oids: [OID.securityLabel], rule: 'rfc2634/3.1.1/security-label-in-signed-attrs' },
  { kind: 'signed-only', oids: [OID.securityLabel], rule: 'rfc2634/3.1.1/security-label-signed-attribute' },
  { kind: 'signed-only', oids: PROTECTED, rule: 'rfc2634/1.3.4/protected-attrs-signed-or-authenticated' },
  { kind: 'signed-only', oids: PROTECTED, rule: 'rfc2634/1.3.4/protected-attrs-not-unprotected' },
  { kind: 'signed-only', oids: SIGNED_ONLY, rule: 'rfc2634/1.3.4/signed-only-attrs-in-signed-attrs' },
  { kind: 'signed-only', oids: SIGNED_ONLY, rule: 'rfc2634/1.3.4/signed-only-attrs-not-elsewhere' },
  { kind: 'signed-only', oids: [OID.contentType], rule: 'rfc2634/1.3.4/table-content-type-signed' },
  { kind: 'signed-only', oids: [OID.messageDigest], rule: 'rfc2634/1.3.4/table-message-digest-signed' },
  { kind: 'signed-only', oids: [OID.signingTime], rule: 'rfc2634/1.3.4/table-signing-time-signed' },
  { kind: 'signed-only', oids: [OID.smimeCapabilities], rule: 'rfc2634/1.3.4/table-smime-capabilities-signed' },
  { kind: 'signed-only', oids: [OID.signingCertificate], rule: 'rfc2634/1.3.4/table-signing-certificate-signed' },
  { kind: 'unsigned-only', oids: [OID.countersignature], rule: 'rfc2634/1.3.4/table-countersignature-not-signed' },
  { kind: 'unsigned-only', oids: [OID.countersignature], rule: 'rfc2634/1.3.4/countersignature-in-unsigned' },
  { kind: 'unsigned-only', oids: [OID.countersignature], rule: 'rfc2634/1.3.4/countersignature-not-in-signed' },
  { kind: 'one-value', oids: ESS_ATTRS, rule: 'rfc2634/1.3.4/ess-attr-no-empty-or-multi-value' },
  { kind: 'signed-only', oids: [OID.equivalentLabels], rule: 'rfc2634/3.4.1/equivalent-labels-signed' },
  { kind: 'signed-only', oids: [OID.equivalentLabels], rule: 'rfc2634/3.4.1/equivalent-labels-not-unsigned' },
  { kind: 'once', oids: [OID.equivalentLabels], rule: 'rfc2634/3.4.1/equivalent-labels-single-instance' },
  { kind: 'one-value', oids: [OID.equivalentLabels], rule: 'rfc2634/3.4.1/equivalent-labels-single-value' },
  { kind: 'one-value', oids: [OID.equivalentLabels], rule: 'rfc2634/3.4.1/equivalent-labels-no-empty-or-multi-value' },
  { kind: 'signed-only', oids: [OID.signingCertificate], rule: 'rfc2634/5.4/signing-certificate-not-unsigned' },
  { kind: 'one-value', oids: [OID.signingCertificate], rule: 'rfc2634/5.4/signing-certificate-no-empty-or-multi-value' },
  { kind: 'signed-only', oids: [OID.signingCertificateV2], rule: 'rfc5035/3/v2-not-unsigned' },
  { kind: 'one-value', oids: [OID.signingCertificateV2], rule: 'rfc5035/3/v2-no-empty-or-multi-value' },
  { kind: 'signed-only', oids: [OID.signingCertificate], rule: 'rfc5035/5/v1-signed' },
  { kind: 'signed-only', oids: [OID.signingCertificate], rule: 'rfc5035/5/v1-not-unsigned' },
  { kind: 'once', oids: [OID.signingCertificate], rule: 'rfc5035/5/v1-single-instance' },
  { kind: 'one-value', oids: [OID.signingCertificate], rule: 'rfc5035/5/v1-single-value' },
  { kind: 'one-value', oids: [OID.signingCertificate], rule: 'rfc5035/5/v1-no-empty-or-multi-value' },
  { kind: 'signed-only', oids: [OID.smimeCapabilities], rule: 'rfc8551/2.5.2/capabilities-signed-only' },
  { kind: 'once', oids: [OID.smimeCapabilities], rule: 'rfc8551/2.5.2/capabilities-single-attribute' },
  { kind: 'one-value', oids: [OID.smimeCapabilities], rule: 'rfc8551/2.5.2/capabilities-single-value' },
  { kind: 'signed-only', oids: [OID.encrypKeyPref], rule: 'rfc8551/2.5.3/keypref-signed-only' },
  { kind: 'once', oids: [OID.encrypKeyPref], rule: 'rfc8551/2.5.3/keypref-single-attribute' },
  { kind: 'one-value', oids: [OID.encrypKeyPref], rule: 'rfc8551/2.5.3/keypref-single-value' },
  { kind: 'some-value', oids: [OID.countersignature], rule: 'rfc5652/11.4/at-least-one-value' },
];

/** OID -> its first name in core/oids.ts, built once (a search of the whole table per finding cost 8 % of a check). */
const NAMES = new Map<string, string>();
for (const [k, v] of Object.entries(OID)) if (!NAMES.has(v)) NAMES.set(v, k);
const name = (oid: string): string => NAMES.get(oid) ?? oid;

export function checkAttributeStatements(ctx: CheckContext, v: SignedDataView): void {
  for (const si of v.signerInfos) {
    const signed: readonly Attribute[] = si.signedAttrs?.attrs ?? [];
    const unsigned: readonly Attribute[] = si.unsignedAttrs?.attrs ?? [];
    for (const s of ATTRIBUTE_STATEMENTS) {
      const inSigned = signed.filter((a) => s.oids.includes(a.type));
      const inUnsigned = unsigned.filter((a) => s.oids.includes(a.type));
      switch (s.kind) {
        case 'signed-only':
          for (const a of inSigned) ctx.check(s.rule, true, `${name(a.type)} is a signed attribute`, where(a.at));
          for (const a of inUnsigned) ctx.fail(s.rule, `${name(a.type)} appears among the unsigned attributes; it belongs in signedAttrs`, where(a.at));
          break;
        case 'unsigned-only':
          for (const a of inUnsigned) ctx.check(s.rule, true, `${name(a.type)} is an unsigned attribute`, where(a.at));
          for (const a of inSigned) ctx.fail(s.rule, `${name(a.type)} appears among the signed attributes; it belongs in unsignedAttrs`, where(a.at));
          break;
        case 'one-value':
        case 'some-value':
          for (const a of [...inSigned, ...inUnsigned]) {
            const ok = s.kind === 'one-value' ? a.values.length === 1 : a.values.length >= 1;
            ctx.check(s.rule, ok, `${name(a.type)} has ${a.values.length} value(s)${ok ? '' : s.kind === 'one-value' ? '; exactly one is required' : '; at least one is required'}`, where(a.at));
          }
          break;
        case 'once':
          for (const t of new Set(inSigned.map((a) => a.type))) {
            const found = inSigned.filter((a) => a.type === t);
            ctx.check(s.rule, found.length === 1, `${found.length} ${name(t)} attribute(s) in signedAttrs`, where(found[1]?.at ?? found[0]!.at));
          }
          break;
      }
    }
  }
}
