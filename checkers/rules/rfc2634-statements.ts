/**
 * RFC 2634 (ESS) statements beyond checkers/rules/ess.ts and ess-extra.ts, each citing its entry:
 * - 2.4: a signed Receipt has eContentType id-ct-receipt (never id-data), its eContent is exactly
 *   the DER Receipt (present, no MIME header before it), and its signer's content-type attribute
 *   is id-ct-receipt, with a signing time (SHOULD);
 * - 2.2 / 2.7: receiptRequest has a non-empty signedContentIdentifier, 1..16 receiptsTo entries,
 *   each holding an rfc822Name; 2.2.1: all receiptRequests of one SignedData are identical;
 * - 3.3.2: a security label with a classification names its policy;
 * - 3.4.1: labels in every SignerInfo and identical (the same statement as 3.1.1, cited again);
 * - 4.1: mlExpansionHistory in every SignerInfo when in one, and identical.
 */
import { contentOf, readDer, type DerNode } from '../../core/der/reader.ts';
import { OID } from '../../core/oids.ts';
import { where, type CheckContext } from '../context.ts';
import { at, encoding, isContext, isUniversal, UNIVERSAL, type Attribute } from '../cms/fields.ts';
import type { SignedDataView } from '../cms/signed-data.ts';
import { bytesEqual } from '../crypto/certificates.ts';
import { decodeOid } from '../../core/der/values.ts';

/** True when `bytes` is exactly one DER Receipt: SEQUENCE { INTEGER, OID, OCTET STRING, OCTET STRING }. */
function isReceipt(bytes: Uint8Array): boolean {
  // A Receipt is small; skip parsing anything that cannot be one.
  if (bytes[0] !== 0x30 || bytes.length > 65536) return false;
  const r = readDer(bytes);
  const n = r.root;
  if (!n || r.fatal || n.end !== bytes.length || !isUniversal(n, UNIVERSAL.SEQUENCE) || n.children.length !== 4) return false;
  const [v, t, id, sig] = n.children;
  return isUniversal(v, UNIVERSAL.INTEGER) && isUniversal(t, UNIVERSAL.OID) && isUniversal(id, UNIVERSAL.OCTET_STRING) && isUniversal(sig, UNIVERSAL.OCTET_STRING);
}

/** A Receipt after a MIME-style header block (CRLF CRLF or LF LF), if the content is one. */
function receiptAfterHeader(bytes: Uint8Array): boolean {
  for (let i = 0; i + 1 < bytes.length && i < 4096; i++) {
    if (bytes[i] === 10 && (bytes[i + 1] === 10 || (bytes[i + 1] === 13 && bytes[i + 2] === 10))) {
      const start = i + (bytes[i + 1] === 10 ? 2 : 3);
      return isReceipt(bytes.subarray(start));
    }
  }
  return false;
}

export function checkRfc2634Statements(ctx: CheckContext, v: SignedDataView): void {
  checkReceiptLayer(ctx, v);
  const requests: Attribute[] = [];
  for (const si of v.signerInfos) {
    for (const a of si.signedAttrs?.attrs ?? []) {
      if (a.type === OID.receiptRequest && a.values.length === 1) {
        requests.push(a);
        checkReceiptRequest(ctx, a, a.values[0]!);
      }
      if (a.type === OID.securityLabel && a.values.length === 1) checkLabel(ctx, a, a.values[0]!);
    }
  }
  const first = requests[0];
  if (first && requests.length > 1) {
    const same = requests.every((r) => bytesEqual(encoding(ctx, r.values[0]!), encoding(ctx, first.values[0]!)));
    ctx.check('rfc2634/2.2.1/identical-receipt-requests', same, same ? `${requests.length} identical receiptRequests` : 'the SignerInfos carry receiptRequests that differ', where(v.signerInfosAt));
  }
  agree(ctx, v, OID.securityLabel, 'eSSSecurityLabel', 'rfc2634/3.4.1/security-label-all-signers', 'rfc2634/3.4.1/security-label-identical');
  agree(ctx, v, OID.mlExpansionHistory, 'mlExpansionHistory', 'rfc2634/4.1/mla-history-all-signers', 'rfc2634/4.1/mla-history-identical');
}

function checkReceiptLayer(ctx: CheckContext, v: SignedDataView): void {
  const declared = v.eContentType === OID.receipt;
  const carriesReceipt = v.eContent !== null && isReceipt(v.eContent);
  if (carriesReceipt && !declared) {
    const data = v.eContentType === OID.data;
    if (data) ctx.fail('rfc2634/2.4/receipt-not-data-type', 'eContent is a DER Receipt under eContentType id-data', where(v.eContentTypeAt));
    ctx.fail('rfc2634/2.4/receipt-econtenttype', `eContent is a DER Receipt but eContentType is ${v.eContentType}, not id-ct-receipt`, where(v.eContentTypeAt));
  }
  if (!declared) return;
  ctx.check('rfc2634/2.4/receipt-econtenttype', true, 'a receipt SignedData with eContentType id-ct-receipt', where(v.eContentTypeAt));
  const w = where(v.eContentAt ?? v.eContentTypeAt);
  ctx.check('rfc2634/2.4/receipt-der-in-econtent', carriesReceipt, carriesReceipt ? 'eContent is one DER Receipt' : v.eContent ? 'eContent is not exactly one DER Receipt' : 'the receipt SignedData carries no eContent', w);
  if (v.eContent && !carriesReceipt && receiptAfterHeader(v.eContent)) ctx.fail('rfc2634/2.4/receipt-no-mime-header', 'a header block precedes the DER Receipt in eContent', w);
  for (const si of v.signerInfos) {
    const attrs = si.signedAttrs?.attrs ?? [];
    const ct = attrs.find((a) => a.type === OID.contentType)?.values[0];
    const d = ct && isUniversal(ct, UNIVERSAL.OID) ? decodeOid(contentOf(ctx.bytes, ct)) : null;
    const ok = d?.ok === true && d.value === OID.receipt;
    ctx.check('rfc2634/2.4/receipt-content-type-attr', ok, ok ? 'the receipt signer\'s content-type attribute is id-ct-receipt' : 'the receipt signer has no content-type attribute with value id-ct-receipt', where(si.at));
    const st = attrs.some((a) => a.type === OID.signingTime);
    ctx.check('rfc2634/2.4/receipt-signing-time', st, st ? 'the receipt signer gives a signing time' : 'the receipt signer gives no signingTime', where(si.at));
  }
}

/** ReceiptRequest ::= SEQUENCE { signedContentIdentifier OCTET STRING, receiptsFrom, receiptsTo SEQUENCE SIZE (1..16) OF GeneralNames }. */
function checkReceiptRequest(ctx: CheckContext, a: Attribute, rr: DerNode): void {
  const id = rr.children[0];
  const to = rr.children.length >= 3 ? rr.children[rr.children.length - 1] : undefined;
  const idOk = isUniversal(id, UNIVERSAL.OCTET_STRING) && id!.length > 0;
  ctx.check('rfc2634/2.7/signed-content-identifier-created', idOk, idOk ? 'signedContentIdentifier is a non-empty OCTET STRING' : 'signedContentIdentifier is missing, empty or not an OCTET STRING', where(at(`${a.at.path}.signedContentIdentifier`, id ?? rr)));
  if (!to || !isUniversal(to, UNIVERSAL.SEQUENCE)) return;
  const n = to.children.length;
  ctx.check('rfc2634/2.7/receipts-to-entity-names', n >= 1 && n <= 16, `receiptsTo has ${n} GeneralNames${n >= 1 && n <= 16 ? '' : '; it must have 1 to 16'}`, where(at(`${a.at.path}.receiptsTo`, to)));
  to.children.forEach((names, i) => {
    // GeneralName rfc822Name is [1] IMPLICIT IA5String.
    const mail = isUniversal(names, UNIVERSAL.SEQUENCE) && names.children.some((g) => isContext(g, 1) && !g.constructed);
    ctx.check('rfc2634/2.2/receipts-to-delivery-address', mail, mail ? 'the GeneralNames holds an rfc822Name to deliver the receipt to' : 'this receiptsTo GeneralNames holds no rfc822Name delivery address', where(at(`${a.at.path}.receiptsTo[${i}]`, names)));
  });
}

/** ESSSecurityLabel ::= SET { security-policy-identifier OID, security-classification INTEGER OPTIONAL, ... }. */
function checkLabel(ctx: CheckContext, a: Attribute, label: DerNode): void {
  const classified = label.children.some((c) => isUniversal(c, UNIVERSAL.INTEGER));
  if (!classified) return;
  const policy = label.children.some((c) => isUniversal(c, UNIVERSAL.OID));
  ctx.check('rfc2634/3.3.2/classification-with-policy-id', policy, policy ? 'the classification comes with its security-policy-identifier' : 'a security-classification without a security-policy-identifier', where(a.at));
}

function agree(ctx: CheckContext, v: SignedDataView, oid: string, name: string, allRule: string, sameRule: string): void {
  const found = v.signerInfos.map((si) => si.signedAttrs?.attrs.find((a) => a.type === oid) ?? null);
  if (!found.some((x) => x)) return;
  found.forEach((a, i) => ctx.check(allRule, !!a, a ? `SignerInfo ${i} has ${name}` : `another SignerInfo has ${name}, SignerInfo ${i} has none`, where(v.signerInfos[i]!.at)));
  const values = found.filter((a): a is Attribute => !!a && !!a.values[0]).map((a) => encoding(ctx, a.values[0]!));
  const same = values.every((x) => bytesEqual(x, values[0]!));
  ctx.check(sameRule, same, same ? `every ${name} is identical` : `the SignerInfos carry different ${name} values`, where(v.signerInfosAt));
}
