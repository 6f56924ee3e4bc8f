/**
 * RFC 5652 SignedData statements that the first rule files left out, each citing its entry:
 * - 5.2: a SignedData without signers (degenerate, certificates only) has eContentType id-data
 *   and no eContent;
 * - 5.3 / 5.4: a countersignature's signed attributes hold no content-type attribute;
 * - 5.5: the signature field is an OCTET STRING (read from the raw SignerInfo, since the view
 *   leaves out a SignerInfo whose signature is not one);
 * - 5.6 and 11.2: with signed attributes, a content-type equal to eContentType and a
 *   message-digest are present;
 * - 5.2.1 / 5.4: the message digest covers the eContent value octets, not its tag and length: when
 *   the message-digest attribute equals the hash of the whole OCTET STRING encoding instead, the
 *   signer hashed the wrong bytes (a mismatch of any other cause is the crypto rules' finding).
 */
import { contentOf, encodingOf, type DerNode } from '../../core/der/reader.ts';
import { decodeOid } from '../../core/der/values.ts';
import { OID } from '../../core/oids.ts';
import { where, type CheckContext } from '../context.ts';
import { at, isContext, isUniversal, UNIVERSAL } from '../cms/fields.ts';
import type { SignedDataView, SignerInfoView } from '../cms/signed-data.ts';
import { digest } from '../crypto/algorithms.ts';
import { bytesEqual } from '../crypto/certificates.ts';
import type { SignedContent } from '../crypto/content-source.ts';

/** `streamed`: the digests of an attached eContent read as a stream (checkers/stream/), if it was. */
export function checkRfc5652SignedData(ctx: CheckContext, v: SignedDataView, streamed?: SignedContent): void {
  checkDegenerate(ctx, v);
  checkSignatureFields(ctx, v);
  for (const si of v.signerInfos) {
    checkSignedAttrsPresence(ctx, v, si);
    checkDigestInput(ctx, v, si, streamed);
    for (const a of si.unsignedAttrs?.attrs.filter((x) => x.type === OID.countersignature) ?? []) {
      a.values.forEach((cs, i) => checkCountersignature(ctx, at(`${a.at.path}.values[${i}]`, cs)));
    }
  }
}

function checkDegenerate(ctx: CheckContext, v: SignedDataView): void {
  if (v.signerInfos.length > 0 || v.signerInfosAt.node.children.length > 0) return;
  const data = v.eContentType === OID.data;
  ctx.check('rfc5652/5.2/no-signers-econtent-type-data', data, data ? 'a SignedData without signers has eContentType id-data' : `a SignedData without signers has eContentType ${v.eContentType}, not id-data`, where(v.eContentTypeAt));
  ctx.check('rfc5652/5.2/no-signers-econtent-absent', v.eContentAt === null, v.eContentAt ? 'a SignedData without signers carries eContent; nothing signs it' : 'a SignedData without signers omits eContent', where(v.eContentAt ?? v.eContentTypeAt));
}

/** SignerInfo ::= SEQUENCE { version, sid, digestAlgorithm, [0] signedAttrs OPTIONAL, signatureAlgorithm, signature, ... }. */
function checkSignatureFields(ctx: CheckContext, v: SignedDataView): void {
  v.signerInfosAt.node.children.forEach((si, i) => {
    if (!isUniversal(si, UNIVERSAL.SEQUENCE)) return;
    const f = si.children;
    const k = isContext(f[3], 0) && f[3]!.constructed ? 5 : 4;
    const sig = f[k];
    if (!sig || !isUniversal(f[k - 1], UNIVERSAL.SEQUENCE)) return;
    const ok = isUniversal(sig, UNIVERSAL.OCTET_STRING);
    ctx.check('rfc5652/5.5/signature-octet-string', ok, ok ? 'signature is an OCTET STRING' : `signature has tag ${sig.cls} ${sig.tag}, not OCTET STRING`, where(at(`${v.signerInfosAt.path}[${i}].signature`, sig)));
  });
}

function oidOf(ctx: CheckContext, n: DerNode | undefined): string | null {
  if (!n || !isUniversal(n, UNIVERSAL.OID)) return null;
  const d = decodeOid(contentOf(ctx.bytes, n));
  return d.ok ? d.value : null;
}

function checkSignedAttrsPresence(ctx: CheckContext, v: SignedDataView, si: SignerInfoView): void {
  if (!si.signedAttrs) return;
  const w = where(si.signedAttrs.at);
  const md = si.signedAttrs.attrs.some((a) => a.type === OID.messageDigest);
  ctx.check('rfc5652/11.2/present-in-signed-attrs', md, md ? 'message-digest is among the signed attributes' : 'signed attributes without a message-digest attribute', w);
  const ct = si.signedAttrs.attrs.find((a) => a.type === OID.contentType);
  if (!ct || ct.values.length !== 1) return;
  const value = oidOf(ctx, ct.values[0]);
  const same = value === v.eContentType;
  ctx.check('rfc5652/5.6/content-type-attribute-matches', same, same ? 'content-type attribute equals eContentType' : `content-type attribute ${value ?? '(not an OID)'} differs from eContentType ${v.eContentType}`, where(ct.at));
}

function checkDigestInput(ctx: CheckContext, v: SignedDataView, si: SignerInfoView, streamed?: SignedContent): void {
  if (!si.signedAttrs || !v.eContent || !v.eContentAt) return;
  const md = si.signedAttrs.attrs.find((a) => a.type === OID.messageDigest)?.values[0];
  if (!md || !isUniversal(md, UNIVERSAL.OCTET_STRING)) return;
  const claimed = contentOf(ctx.bytes, md);
  // A streamed eContent (checkers/stream/) is not in v.eContent: its value octets were digested
  // on the way; the whole OCTET STRING encoding was not kept, so only a match can be decided.
  const fromStream = streamed?.digest(si.digestAlgorithm.oid);
  const overValue = streamed ? (fromStream instanceof Uint8Array ? fromStream : null) : digest(si.digestAlgorithm.oid, v.eContent);
  // eContentAt is the OCTET STRING inside [0] EXPLICIT.
  const octets = v.eContentAt.node;
  if (!overValue) return;
  const overValueOk = bytesEqual(overValue, claimed);
  if (streamed && !overValueOk) return;
  // Only a mismatch is worth a second hash of the (possibly large) content.
  const overTlv = overValueOk ? null : digest(si.digestAlgorithm.oid, encodingOf(ctx.bytes, octets));
  const wrongInput = !overValueOk && !!overTlv && bytesEqual(overTlv, claimed);
  if (!overValueOk && !wrongInput) return;
  const rules = ['rfc5652/5.4/digest-econtent-value-octets', v.eContentType === OID.data ? 'rfc5652/5.2.1/data-digest-covers-octet-string-value' : 'rfc5652/5.2.1/non-data-econtent-digest-whole-encoding'];
  for (const r of rules) {
    ctx.check(r, overValueOk, overValueOk ? 'message-digest is the digest of the eContent value octets' : 'message-digest is the digest of the whole eContent OCTET STRING encoding (tag and length included), not of its value octets', where(at(`${si.signedAttrs.at.path}.messageDigest`, md)), 'crypto');
  }
}

/** A countersignature value is a SignerInfo; its signedAttrs [0] never hold content-type. */
function checkCountersignature(ctx: CheckContext, l: { path: string; node: DerNode }): void {
  const signed = l.node.children.find((c) => isContext(c, 0) && c.constructed);
  if (!signed) return;
  const ct = signed.children.find((a) => oidOf(ctx, a.children[0]) === OID.contentType);
  for (const rule of ['rfc5652/5.3/countersignature-without-content-type', 'rfc5652/5.4/countersignature-without-content-type']) {
    ctx.check(rule, !ct, ct ? 'a countersignature carries a content-type signed attribute' : 'the countersignature has no content-type attribute', where(at(`${l.path}.signedAttrs`, ct ?? signed)));
  }
}
