/**
 * ESS crypto rules: the signingCertificate / signingCertificateV2 hash of the first ESSCertID
 * against the certificate that verified the signature (RFC 2634 5.4, RFC 5035 3), and a signed
 * Receipt's msgSigDigest against the original message's signed attributes (RFC 2634 2.6).
 */
import { createHash } from 'node:crypto';
import { contentOf, readDer, type DerNode } from '../../core/der/reader.ts';
import { decodeOid } from '../../core/der/values.ts';
import { OID } from '../../core/oids.ts';
import { where, type CheckContext } from '../context.ts';
import { at, content } from '../cms/fields.ts';
import type { SignedDataView } from '../cms/signed-data.ts';
import { digest, hashName } from './algorithms.ts';
import { bytesEqual, type CertInfo } from './certificates.ts';

export function checkSigningCertificates(ctx: CheckContext, v: SignedDataView, signerCerts: readonly (CertInfo | null)[]): void {
  v.signerInfos.forEach((si, i) => {
    const cert = signerCerts[i];
    for (const a of si.signedAttrs?.attrs ?? []) {
      const v2 = a.type === OID.signingCertificateV2;
      if ((!v2 && a.type !== OID.signingCertificate) || !a.values[0]) continue;
      const first = a.values[0].children[0]?.children[0];
      if (!first) {
        ctx.structure('signingCertificate has no ESSCertID', where(a.at));
        continue;
      }
      let hash = v2 ? 'sha256' : 'sha1';
      let k = 0;
      if (v2 && first.children[0]?.tag === 16) {
        const oidNode = first.children[0].children[0];
        const d = oidNode ? decodeOid(content(ctx, oidNode)) : null;
        hash = (d?.ok ? hashName(d.value) : null) ?? '';
        k = 1;
      }
      const certHash = first.children[k];
      const rule = v2 ? 'rfc5035/3/v2-cert-hash-mismatch-invalid' : 'rfc2634/5.4/cert-hash-mismatch-invalid';
      const w = where(at(`${a.at.path}.certs[0].certHash`, certHash ?? first));
      if (!cert) {
        ctx.unchecked('cmsi/crypto-unverifiable', 'signingCertificate cannot be checked: the signer certificate was not found or did not verify', w);
        continue;
      }
      if (!hash || !certHash) {
        ctx.unchecked('cmsi/crypto-unverifiable', 'signingCertificate hash algorithm not supported', w);
        continue;
      }
      const same = bytesEqual(new Uint8Array(createHash(hash).update(cert.der).digest()), content(ctx, certHash));
      ctx.check(rule, same, same ? `certHash (${hash}) matches the signer certificate` : `certHash (${hash}) does not match the certificate that verifies the signature`, w);
    }
  });
}

/** Receipt (RFC 2634 2.6): msgSigDigest equals the digest of the original signer's DER signed attributes. */
export function checkReceiptAgainstOriginal(ctx: CheckContext, v: SignedDataView, original: Uint8Array): void {
  if (v.eContentType !== OID.receipt || !v.eContent) return;
  const receipt = readDer(v.eContent);
  const sigValue = receipt.root?.children[3];
  if (!receipt.root || !sigValue) return;
  const originatorSignature = contentOf(v.eContent, sigValue);
  const o = readDer(original);
  const sd = o.root?.children[1]?.children[0];
  const signerInfos = sd?.children[sd.children.length - 1];
  const origSigner = signerInfos?.children.find((si) => si.children.some((c) => c.cls === 'universal' && c.tag === 4 && bytesEqual(contentOf(original, c), originatorSignature)));
  const w = where(v.eContentAt!);
  if (!origSigner) {
    ctx.fail('rfc2634/2.6/msg-sig-digest-mismatch-fails', 'no SignerInfo of the original carries the Receipt\'s originatorSignatureValue', w);
    return;
  }
  const signedAttrs = origSigner.children.find((c) => c.cls === 'context' && c.tag === 0 && c.constructed);
  if (!signedAttrs) return;
  checkReceiptFields(ctx, v, receipt.root, sd!, signedAttrs, original);
  const set = Uint8Array.from(original.subarray(signedAttrs.offset, signedAttrs.end));
  set[0] = 0x31;
  for (const si of v.signerInfos) {
    const msd = si.signedAttrs?.attrs.find((a) => a.type === OID.msgSigDigest)?.values[0];
    if (!msd) continue;
    const expected = digest(si.digestAlgorithm.oid, set);
    const same = !!expected && bytesEqual(expected, content(ctx, msd));
    ctx.check('rfc2634/2.6/msg-sig-digest-mismatch-fails', same, same ? 'msgSigDigest matches the original\'s signed attributes' : 'msgSigDigest differs from the digest of the original signer\'s signed attributes', where(at(`${si.at.path}.msgSigDigest`, msd)));
  }
}

const oidIn = (bytes: Uint8Array, n: DerNode | undefined): string | null => {
  if (!n || n.cls !== 'universal' || n.tag !== 6) return null;
  const d = decodeOid(contentOf(bytes, n));
  return d.ok ? d.value : null;
};

/**
 * RFC 2634 2.6 steps 3-5: the Receipt is rebuilt from the original (its eContentType, the
 * signedContentIdentifier of its receiptRequest, its signature value) and its digest compared with
 * the receipt's messageDigest. The messageDigest already covers eContent, so the rebuilt Receipt
 * differs exactly when one of these fields (or the version) differs from the original's.
 */
function checkReceiptFields(ctx: CheckContext, v: SignedDataView, receipt: DerNode, sd: DerNode, signedAttrs: DerNode, original: Uint8Array): void {
  const originalType = oidIn(original, sd.children[2]?.children[0]);
  const rr = signedAttrs.children.find((a) => oidIn(original, a.children[0]) === OID.receiptRequest)?.children[1]?.children[0];
  const requestedId = rr?.children[0] ? contentOf(original, rr.children[0]) : null;
  const [, typeNode, idNode] = receipt.children;
  const receiptType = oidIn(v.eContent!, typeNode);
  const receiptId = idNode ? contentOf(v.eContent!, idNode) : null;
  const problems: string[] = [];
  if (receiptType !== originalType) problems.push(`Receipt.contentType ${receiptType ?? '(not an OID)'} is not the original eContentType ${originalType}`);
  if (!requestedId) problems.push('the original SignerInfo carries no receiptRequest');
  else if (!receiptId || !bytesEqual(receiptId, requestedId)) problems.push('Receipt.signedContentIdentifier differs from the one in the original receiptRequest');
  ctx.check('rfc2634/2.6/receipt-digest-mismatch-fails', problems.length === 0,
    problems.length === 0 ? 'the Receipt matches the one rebuilt from the original' : `the Receipt rebuilt from the original differs: ${problems.join('; ')}`, where(v.eContentAt!));
}
