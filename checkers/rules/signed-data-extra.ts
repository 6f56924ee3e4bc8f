/**
 * Rules added for the invalid corpus (signed-data-extra): each cites the catalog entry a mutation violates.
 * Called for every SignedData from checkers/content-types.ts.
 *
 * - RFC 8933 3.1/3.2: with signed attributes, the hash the signature algorithm applies to them is
 *   the SignerInfo digestAlgorithm (for algorithms that name their hash: sha*WithRSAEncryption,
 *   ecdsa-with-*, dsa-with-*, and the RSASSA-PSS hashAlgorithm).
 * - RFC 6211 2: CMSAlgorithmProtection only among signed attributes, once, with one value, holding
 *   [1] signatureAlgorithm and no [2] macAlgorithm in a SignerInfo.
 * - RFC 8550 2.3: the signer's own certificate is carried, i.e. the sid names a certificate in
 *   SignedData.certificates.
 */
import { contentOf, type DerNode } from '../../core/der/reader.ts';
import { decodeOid } from '../../core/der/values.ts';
import { OID } from '../../core/oids.ts';
import { where, type CheckContext } from '../context.ts';
import { at, encoding, identifierDer, isContext, type Attribute } from '../cms/fields.ts';
import type { SignedDataView, SignerInfoView } from '../cms/signed-data.ts';
import { CertIndex, certInfo, type CertInfo } from '../crypto/certificates.ts';

export function checkSignedDataExtra(ctx: CheckContext, v: SignedDataView): void {
  // Indexed: a hostile message may pair thousands of SignerInfos with thousands of certificates.
  const certs = new CertIndex(v.certificates.map((c) => certInfo(encoding(ctx, c))).filter((c): c is CertInfo => c !== null));
  for (const si of v.signerInfos) {
    checkOwnCertificate(ctx, v, si, certs);
    checkSameDigest(ctx, si);
    checkAlgorithmProtection(ctx, si);
  }
}

/** The hash each signature algorithm applies to what it signs, where its identifier names one. */
const SIGNATURE_HASH: Readonly<Record<string, string>> = {
  [OID.sha1WithRSAEncryption]: OID.sha1, [OID.sha256WithRSAEncryption]: OID.sha256,
  [OID.sha384WithRSAEncryption]: OID.sha384, [OID.sha512WithRSAEncryption]: OID.sha512,
  [OID.ecdsaWithSha1]: OID.sha1, [OID.ecdsaWithSha256]: OID.sha256, [OID.ecdsaWithSha384]: OID.sha384, [OID.ecdsaWithSha512]: OID.sha512,
  [OID.dsaWithSha1]: OID.sha1, [OID.dsaWithSha256]: OID.sha256,
};

function oidAt(ctx: CheckContext, n: DerNode | undefined): string | null {
  if (!n || n.cls !== 'universal' || n.tag !== 6) return null;
  const d = decodeOid(contentOf(ctx.bytes, n));
  return d.ok ? d.value : null;
}

/** RFC 4055 3.1: RSASSA-PSS-params hashAlgorithm [0], SHA-1 when absent. */
function pssHash(ctx: CheckContext, si: SignerInfoView): string | null {
  const f = si.signatureAlgorithm.params?.children.find((c) => isContext(c, 0));
  return f ? oidAt(ctx, f.children[0]?.children[0]) : OID.sha1;
}

function checkSameDigest(ctx: CheckContext, si: SignerInfoView): void {
  if (!si.signedAttrs) return;
  const s = si.signatureAlgorithm;
  const attrsHash = s.oid === OID.rsassaPss ? pssHash(ctx, si) : SIGNATURE_HASH[s.oid];
  if (!attrsHash) return;
  const d = si.digestAlgorithm.oid;
  const same = attrsHash === d;
  ctx.check('rfc8933/3.1/same-digest-content-and-signed-attrs', same,
    same ? 'one digest algorithm for the content and the signed attributes' : `message-digest uses ${d} but the signature algorithm hashes the signed attributes with ${attrsHash}`, where(s.at));
}

function checkAlgorithmProtection(ctx: CheckContext, si: SignerInfoView): void {
  const signed = si.signedAttrs?.attrs.filter((a) => a.type === OID.cmsAlgorithmProtection) ?? [];
  const unsigned = si.unsignedAttrs?.attrs.filter((a) => a.type === OID.cmsAlgorithmProtection) ?? [];
  for (const a of unsigned) ctx.fail('rfc6211/2/not-unprotected', 'CMSAlgorithmProtection appears among the unsigned attributes', where(a.at));
  if (signed.length === 0) return;
  ctx.check('rfc6211/2/once-in-signed-attrs', signed.length === 1, `${signed.length} CMSAlgorithmProtection attribute(s) in signedAttrs`, where(signed[1]?.at ?? signed[0]!.at));
  for (const a of signed) checkProtectionValue(ctx, a);
}

function checkProtectionValue(ctx: CheckContext, a: Attribute): void {
  ctx.check('rfc6211/2/single-attribute-value', a.values.length === 1, `CMSAlgorithmProtection has ${a.values.length} value(s)`, where(a.at));
  const value = a.values[0];
  if (!value) return;
  const sig = value.children.filter((c) => c.cls === 'context' && c.tag === 1).length;
  const mac = value.children.filter((c) => c.cls === 'context' && c.tag === 2).length;
  const ok = sig === 1 && mac === 0;
  ctx.check('rfc6211/2/exactly-one-of-sig-or-mac', ok,
    ok ? 'CMSAlgorithmProtection in a SignerInfo holds signatureAlgorithm only' : `CMSAlgorithmProtection in a SignerInfo holds ${sig} [1] signatureAlgorithm and ${mac} [2] macAlgorithm; it must hold signatureAlgorithm alone`, where(a.at));
}

function checkOwnCertificate(ctx: CheckContext, v: SignedDataView, si: SignerInfoView, certs: CertIndex): void {
  const found = si.sid.kind === 'ski' ? !!certs.ski(contentOf(ctx.bytes, si.sid.node)) : !!certs.issuerSerial(identifierDer(ctx, si.sid.node));
  ctx.check('rfc8550/2.3/include-own-and-issuer-certificates', found,
    found ? 'the certificate the sid names is carried in certificates' : `no certificate in SignedData.certificates matches the signer identifier (${si.sid.kind})${v.certificatesAt ? '' : '; the message carries no certificates'}`,
    where(at(`${si.at.path}.sid`, si.sid.node)));
}
