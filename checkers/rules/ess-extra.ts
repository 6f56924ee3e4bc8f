/**
 * Rules added for the invalid corpus (ess-extra): each cites the catalog entry a mutation violates.
 * Called for every SignedData from checkers/content-types.ts. Written from RFC 2634:
 * - 2.7: ReceiptRequest has exactly one receiptsFrom alternative;
 * - 4.4 / 4.1.1: mlExpansionHistory has 1..64 MLData and names no mail list twice (a loop);
 * - 3.4.1: equivalentLabels accompany an ESSSecurityLabel, with no policy OID repeated;
 * - 1.3.4: a countersignature carries only counterSignature, messageDigest, signingTime and
 *   signingCertificate; receiptRequest only in the inner and mlExpansionHistory only in an outer
 *   SignedData (a layer is outer when its eContent is a MIME entity wrapping another CMS layer);
 * - 2.4.1: no mlExpansionHistory on a signed Receipt.
 */
import { contentOf, encodingOf, readDer, type DerNode } from '../../core/der/reader.ts';
import { decodeOid } from '../../core/der/values.ts';
import { OID } from '../../core/oids.ts';
import { where, type CheckContext } from '../context.ts';
import { at, isContext, isUniversal, UNIVERSAL, type Attribute } from '../cms/fields.ts';
import type { SignedDataView, SignerInfoView } from '../cms/signed-data.ts';
import { bytesEqual } from '../crypto/certificates.ts';
import { parseContentType } from '../input.ts';

/** ub-ml-expansion-history (RFC 2634 4.4). */
const UB_ML_EXPANSION_HISTORY = 64;

/** RFC 2634 1.3.4: the attribute types a counterSignature may hold (RFC 5035's V2 as the successor of signingCertificate). */
const COUNTERSIGNATURE_ATTRS = new Set<string>([OID.countersignature, OID.messageDigest, OID.signingTime, OID.signingCertificate, OID.signingCertificateV2]);

function oidOf(bytes: Uint8Array, n: DerNode | undefined): string | null {
  if (!n || n.cls !== 'universal' || n.tag !== UNIVERSAL.OID) return null;
  const d = decodeOid(contentOf(bytes, n));
  return d.ok ? d.value : null;
}

const signedOf = (si: SignerInfoView): readonly Attribute[] => si.signedAttrs?.attrs ?? [];
const allAttrsOf = (si: SignerInfoView): readonly Attribute[] => [...signedOf(si), ...(si.unsignedAttrs?.attrs ?? [])];

export function checkEssExtra(ctx: CheckContext, v: SignedDataView): void {
  for (const si of v.signerInfos) {
    for (const a of signedOf(si)) {
      const value = a.values[0];
      if (!value) continue;
      if (a.type === OID.receiptRequest) checkReceiptsFrom(ctx, a, value);
      if (a.type === OID.mlExpansionHistory) checkMlExpansionHistory(ctx, a, value);
    }
    checkEquivalentLabels(ctx, si);
    checkCountersignatureAttrs(ctx, si);
  }
  if (v.eContentType === OID.receipt) {
    for (const si of v.signerInfos) {
      const h = allAttrsOf(si).find((a) => a.type === OID.mlExpansionHistory);
      if (h) ctx.fail('rfc2634/2.4.1/no-ml-history-in-receipt', 'a signed Receipt carries mlExpansionHistory; receipts are never expanded by a mail list', where(h.at));
    }
  }
  checkLayerPlacement(ctx, v);
}

/** ReceiptRequest ::= SEQUENCE { signedContentIdentifier, receiptsFrom CHOICE { [0], [1] }, receiptsTo }. */
function checkReceiptsFrom(ctx: CheckContext, a: Attribute, rr: DerNode): void {
  const [id, from, to, extra] = rr.children;
  const alternative = from && ((isContext(from, 0) && !from.constructed) || (isContext(from, 1) && from.constructed));
  const ok = isUniversal(rr, UNIVERSAL.SEQUENCE) && isUniversal(id, UNIVERSAL.OCTET_STRING) && !!alternative && isUniversal(to, UNIVERSAL.SEQUENCE) && !extra;
  const alternatives = rr.children.filter((c) => c.cls === 'context' && (c.tag === 0 || c.tag === 1)).length;
  ctx.check('rfc2634/2.7/receipts-from-one-alternative', ok, ok
    ? `receiptsFrom is ${from!.tag === 0 ? 'allOrFirstTier' : 'receiptList'}`
    : `ReceiptRequest does not have exactly one receiptsFrom alternative between signedContentIdentifier and receiptsTo (found ${alternatives} of [0] allOrFirstTier / [1] receiptList)`,
  where(at(`${a.at.path}.receiptsFrom`, from ?? rr)));
}

/** MLExpansionHistory ::= SEQUENCE SIZE (1..64) OF MLData; an MLA never expands twice (4.1.1). */
function checkMlExpansionHistory(ctx: CheckContext, a: Attribute, h: DerNode): void {
  const n = h.children.length;
  const w = where(at(`${a.at.path}.mlExpansionHistory`, h));
  ctx.check('rfc2634/4.4/ml-expansion-history-size', n >= 1 && n <= UB_ML_EXPANSION_HISTORY, n >= 1 && n <= UB_ML_EXPANSION_HISTORY
    ? `mlExpansionHistory has ${n} MLData` : `mlExpansionHistory has ${n} MLData; it must have 1 to ub-ml-expansion-history (${UB_ML_EXPANSION_HISTORY})`, w);
  const ids = h.children.map((d) => (d.children[0] ? encodingOf(ctx.bytes, d.children[0]) : null));
  const repeat = ids.findIndex((id, i) => id !== null && ids.slice(0, i).some((p) => p !== null && bytesEqual(p, id)));
  ctx.check('rfc2634/4.1.1/mla-stops-on-loop', repeat < 0, repeat < 0
    ? 'no mail list appears twice in mlExpansionHistory'
    : `MLData ${repeat} names a mail list already in the history: that MLA expanded the message again (a loop)`,
  repeat < 0 ? w : where(at(`${a.at.path}.mlExpansionHistory[${repeat}]`, h.children[repeat]!)));
}

/** The security-policy-identifier of an ESSSecurityLabel (a SET: the OID is found by tag). */
function policyOf(bytes: Uint8Array, label: DerNode): string | null {
  return oidOf(bytes, label.children.find((c) => isUniversal(c, UNIVERSAL.OID)));
}

/** RFC 2634 3.4.1: equivalentLabels restate this SignerInfo's label; no policy OID repeats. */
function checkEquivalentLabels(ctx: CheckContext, si: SignerInfoView): void {
  const eq = signedOf(si).find((a) => a.type === OID.equivalentLabels);
  const value = eq?.values[0];
  if (!eq || !value) return;
  const label = signedOf(si).find((a) => a.type === OID.securityLabel)?.values[0];
  const ok = !!label && value.children.length >= 1;
  ctx.check('rfc2634/3.4.1/equivalent-labels-content', ok, ok
    ? `equivalentLabels restates the eSSSecurityLabel under ${value.children.length} other label(s)`
    : label ? 'equivalentLabels holds no label' : 'equivalentLabels without an eSSSecurityLabel in the same SignerInfo: there is no label to be equivalent to',
  where(eq.at));
  const policies = [...(label ? [policyOf(ctx.bytes, label)] : []), ...value.children.map((l) => policyOf(ctx.bytes, l))].filter((p): p is string => p !== null);
  const dup = policies.find((p, i) => policies.indexOf(p) !== i);
  ctx.check('rfc2634/3.4.1/policy-oids-unique', !dup, dup ? `security policy ${dup} appears more than once across the eSSSecurityLabel and equivalentLabels` : 'every label has its own security policy', where(eq.at));
}

/** RFC 2634 1.3.4: a counterSignature holds only counterSignature, messageDigest, signingTime, signingCertificate. */
function checkCountersignatureAttrs(ctx: CheckContext, si: SignerInfoView): void {
  const walk = (csNode: DerNode, path: string): void => {
    for (const set of csNode.children.filter((c) => c.cls === 'context' && (c.tag === 0 || c.tag === 1) && c.constructed)) {
      set.children.forEach((attr, i) => {
        const type = oidOf(ctx.bytes, attr.children[0]);
        if (!type) return;
        const p = `${path}.${set.tag === 0 ? 'signedAttrs' : 'unsignedAttrs'}[${i}]`;
        if (!COUNTERSIGNATURE_ATTRS.has(type)) {
          ctx.fail('rfc2634/1.3.4/countersignature-attribute-types', `a countersignature carries attribute ${type}; only counterSignature, messageDigest, signingTime and signingCertificate are allowed there`, where(at(p, attr)));
        } else if (type === OID.countersignature) {
          attr.children[1]?.children.forEach((nested, k) => walk(nested, `${p}.values[${k}]`));
        }
      });
    }
  };
  for (const a of si.unsignedAttrs?.attrs.filter((x) => x.type === OID.countersignature) ?? []) {
    a.values.forEach((cs, i) => walk(cs, `${a.at.path}.values[${i}]`));
  }
}

// ---------------------------------------------------------------- inner and outer layers

/** The CMS a MIME entity wraps: 'mime' for multipart/signed, the decoded DER for pkcs7-mime, else null. */
function wrappedLayer(entity: Uint8Array): { readonly kind: 'pkcs7-mime'; readonly der: Uint8Array } | { readonly kind: 'multipart-signed' } | null {
  const text = Buffer.from(entity).toString('latin1');
  const end = /\r?\n\r?\n/.exec(text);
  if (!end || !/^[\x21-\x39\x3b-\x7e]+:/.test(text)) return null;
  const headers = new Map<string, string>();
  for (const line of text.slice(0, end.index).replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const c = line.indexOf(':');
    if (c <= 0) return null;
    headers.set(line.slice(0, c).trim().toLowerCase(), line.slice(c + 1).trim());
  }
  const type = parseContentType(headers.get('content-type') ?? 'text/plain').type;
  if (type === 'multipart/signed') return { kind: 'multipart-signed' };
  if (type !== 'application/pkcs7-mime' && type !== 'application/x-pkcs7-mime') return null;
  const body = text.slice(end.index + end[0].length);
  const base64 = (headers.get('content-transfer-encoding') ?? '').toLowerCase() === 'base64';
  return { kind: 'pkcs7-mime', der: base64 ? new Uint8Array(Buffer.from(body.replace(/\s+/g, ''), 'base64')) : new Uint8Array(Buffer.from(body, 'latin1')) };
}

/** A light read of a wrapped SignedData: its eContent and the attribute types of each SignerInfo. */
function wrappedSignedData(der: Uint8Array): { readonly eContent: Uint8Array | null; readonly attrTypes: readonly string[] } | null {
  const r = readDer(der);
  if (!r.root || oidOf(der, r.root.children[0]) !== OID.signedData) return null;
  const sd = r.root.children[1]?.children[0];
  if (!sd) return null;
  const octetString = sd.children[2]?.children[1]?.children[0];
  const eContent = octetString && isUniversal(octetString, UNIVERSAL.OCTET_STRING) && !octetString.constructed ? contentOf(der, octetString) : null;
  const signerInfos = sd.children[sd.children.length - 1];
  const attrTypes = (signerInfos?.children ?? []).flatMap((si) => si.children
    .filter((c) => c.cls === 'context' && (c.tag === 0 || c.tag === 1) && c.constructed)
    .flatMap((set) => set.children.map((a) => oidOf(der, a.children[0])).filter((o): o is string => o !== null)));
  return { eContent, attrTypes };
}

/**
 * RFC 2634 1.3.4 placement table: receiptRequest is inner-only, mlExpansionHistory outer-only. A
 * SignedData whose eContent is an S/MIME entity wrapping another CMS layer is an outer layer; a
 * SignedData found inside it whose own content wraps nothing is the inner signature.
 */
function checkLayerPlacement(ctx: CheckContext, v: SignedDataView): void {
  if (!v.eContent || !v.eContentAt || v.eContentType !== OID.data) return;
  const wrapped = wrappedLayer(v.eContent);
  if (!wrapped) return;
  for (const si of v.signerInfos) {
    const rr = signedOf(si).find((a) => a.type === OID.receiptRequest);
    if (rr) ctx.fail('rfc2634/1.3.4/table-receipt-request-inner-only', `receiptRequest in an outer SignedData (its content is a ${wrapped.kind} layer); it belongs in the inner signature`, where(rr.at));
    // RFC 2634 1.3.1 states the same for triple-wrapped messages.
    if (rr) ctx.fail('rfc2634/1.3.1/receipt-request-inside-signature', `receiptRequest in the outer SignedData of a wrapped message; it belongs in the inner signature`, where(rr.at));
    const msd = signedOf(si).find((a) => a.type === OID.msgSigDigest);
    if (msd) ctx.fail('rfc2634/1.3.4/table-msg-sig-digest-inner-only', `msgSigDigest in an outer SignedData (its content is a ${wrapped.kind} layer); it belongs in the signedData/Receipt signature`, where(msd.at));
  }
  if (wrapped.kind !== 'pkcs7-mime') return;
  const inner = wrappedSignedData(wrapped.der);
  if (!inner || (inner.eContent && wrappedLayer(inner.eContent))) return;
  const has = inner.attrTypes.includes(OID.mlExpansionHistory);
  ctx.check('rfc2634/1.3.4/table-ml-expansion-history-outer-only', !has, has
    ? 'the inner SignedData (over the original content, inside this layer\'s eContent) carries mlExpansionHistory; only an outer layer may'
    : 'the inner SignedData carries no mlExpansionHistory', where(v.eContentAt));
}
