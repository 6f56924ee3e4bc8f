/**
 * Static ESS rules (RFC 2634): receiptRequest syntax (receiptsTo 1..16 entries), no
 * receiptRequest on a Receipt, the Receipt content itself, and security labels that agree across
 * the SignerInfos of one SignedData (3.1.1).
 */
import { OID } from '../../core/oids.ts';
import { where, type CheckContext } from '../context.ts';
import { at, encoding, isUniversal, UNIVERSAL } from '../cms/fields.ts';
import type { SignedDataView } from '../cms/signed-data.ts';
import { readDer } from '../../core/der/reader.ts';
import { bytesEqual } from '../crypto/certificates.ts';

export function checkEss(ctx: CheckContext, v: SignedDataView): void {
  const isReceipt = v.eContentType === OID.receipt;
  for (const si of v.signerInfos) {
    for (const a of si.signedAttrs?.attrs ?? []) {
      if (a.type !== OID.receiptRequest || !a.values[0]) continue;
      const rr = a.values[0];
      // receiptsTo is the last field; a malformed receiptsFrom before it is reported by ess-extra.ts.
      const receiptsTo = rr.children.length >= 2 ? rr.children[rr.children.length - 1] : undefined;
      const n = receiptsTo && isUniversal(receiptsTo, UNIVERSAL.SEQUENCE) ? receiptsTo.children.length : -1;
      ctx.check('rfc2634/2.2/receipts-to-entity-names', n >= 1 && n <= 16, n >= 1 && n <= 16 ? `receiptsTo has ${n} GeneralNames` : `receiptsTo has ${n < 0 ? 'no valid' : n} entries; it must have 1 to ub-receiptsTo (16)`, where(at(`${a.at.path}.receiptsTo`, receiptsTo ?? rr)));
      ctx.check('rfc2634/2.2/no-receipt-request-in-receipt', !isReceipt, isReceipt ? 'a signed Receipt carries a receiptRequest' : 'receiptRequest is not on a Receipt', where(a.at));
    }
  }
  if (isReceipt && v.eContent && v.eContentAt) checkReceiptContent(ctx, v);
  checkLabelsAgree(ctx, v);
}

function checkReceiptContent(ctx: CheckContext, v: SignedDataView): void {
  const r = readDer(v.eContent!);
  const version = r.root?.children[0];
  const w = where(v.eContentAt!);
  if (!r.root || r.fatal || !version) {
    ctx.structure('eContent of id-ct-receipt is not a DER Receipt', w);
    return;
  }
  const value = version.cls === 'universal' && version.tag === UNIVERSAL.INTEGER && version.length === 1 ? v.eContent![version.contentOffset] : -1;
  ctx.check('rfc2634/2.4/receipt-version-1', value === 1, value === 1 ? 'Receipt version 1' : `Receipt version ${value}, must be 1`, w);
  for (const si of v.signerInfos) {
    const has = si.signedAttrs?.attrs.some((a) => a.type === OID.msgSigDigest) ?? false;
    ctx.check('rfc2634/2.4/receipt-msg-sig-digest-present', has, has ? 'receipt signer includes msgSigDigest' : 'receipt SignerInfo lacks the msgSigDigest signed attribute', where(si.at));
  }
}

function checkLabelsAgree(ctx: CheckContext, v: SignedDataView): void {
  const labels = v.signerInfos.map((si) => si.signedAttrs?.attrs.filter((a) => a.type === OID.securityLabel) ?? []);
  if (!labels.some((l) => l.length)) return;
  labels.forEach((l, i) => {
    const si = v.signerInfos[i]!;
    ctx.check('rfc2634/3.1.1/security-label-at-most-one', l.length <= 1, l.length <= 1 ? 'at most one eSSSecurityLabel' : `${l.length} eSSSecurityLabel attributes in one SignerInfo`, where(si.at));
    ctx.check('rfc2634/3.1.1/security-label-all-signers', l.length >= 1, l.length >= 1 ? 'SignerInfo has a security label' : 'another SignerInfo has a security label, this one has none', where(si.at));
  });
  // Across SignerInfos (3.1.1): two labels inside one SignerInfo are at-most-one's defect, not this one's.
  const values = labels.filter((l) => l.length).map((l) => (l[0]!.values[0] ? encoding(ctx, l[0]!.values[0]) : new Uint8Array()));
  const same = values.every((x) => bytesEqual(x, values[0]!));
  ctx.check('rfc2634/3.1.1/security-label-identical', same, same ? 'all security labels are identical' : 'the SignerInfos carry different security labels', where(v.signerInfosAt));
}
