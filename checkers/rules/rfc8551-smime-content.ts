/**
 * What an S/MIME entity's CMS holds (RFC 8551 2.4-2.5, RFC 2634 1.1.2), each statement citing its
 * entry. Runs only when the input was an S/MIME entity (checkers/engine.ts), since these bind
 * S/MIME sending agents, not every CMS producer; reads the outer CMS from its bytes, as
 * checkers/rules/mime.ts does.
 * - 2.4.2: application/pkcs7-mime signed-data and certs-only carry SignedData;
 * - 2.4.1 / 1.1.2: signed MIME content has eContentType id-data, inside eContent for
 *   application/pkcs7-mime and detached for multipart/signed; encrypted MIME content has
 *   encryptedContentInfo.contentType id-data (signed receipts, id-ct-receipt, are not MIME);
 * - 2.5 (SHOULD): each SignerInfo sends signingTime, SMIMECapabilities,
 *   SMIMEEncryptionKeyPreference, messageDigest, contentType and a signingCertificate(V2) once.
 */
import { contentOf, readDer, type DerNode } from '../../core/der/reader.ts';
import { decodeOid } from '../../core/der/values.ts';
import { OID } from '../../core/oids.ts';
import type { CheckContext } from '../context.ts';
import type { MimeInfo } from '../input.ts';
import { checkMimeForm } from './rfc8551-mime-form.ts';

function oidAt(bytes: Uint8Array, n: DerNode | undefined): string | null {
  if (!n || n.cls !== 'universal' || n.tag !== 6) return null;
  const d = decodeOid(contentOf(bytes, n));
  return d.ok ? d.value : null;
}

const isContext = (n: DerNode | undefined, tag: number): boolean => !!n && n.cls === 'context' && n.tag === tag;

/** encryptedContentInfo.contentType of an EnvelopedData or AuthEnvelopedData body. */
function encryptedContentType(bytes: Uint8Array, body: DerNode): string | null {
  const f = body.children;
  const eci = isContext(f[1], 0) ? f[3] : f[2];
  return oidAt(bytes, eci?.children[0]);
}

const SEND_ONCE: readonly { readonly rule: string; readonly name: string; readonly oids: readonly string[] }[] = [
  { rule: 'rfc8551/2.5/send-signing-time', name: 'signingTime', oids: [OID.signingTime] },
  { rule: 'rfc8551/2.5/send-smime-capabilities', name: 'SMIMECapabilities', oids: [OID.smimeCapabilities] },
  { rule: 'rfc8551/2.5/send-encryption-key-preference', name: 'SMIMEEncryptionKeyPreference', oids: [OID.encrypKeyPref] },
  { rule: 'rfc8551/2.5/send-message-digest', name: 'messageDigest', oids: [OID.messageDigest] },
  { rule: 'rfc8551/2.5/send-content-type', name: 'contentType', oids: [OID.contentType] },
  { rule: 'rfc8551/2.5/send-signing-certificate', name: 'signingCertificate or signingCertificateV2', oids: [OID.signingCertificate, OID.signingCertificateV2] },
];

export function checkSmimeContent(ctx: CheckContext, mime: MimeInfo, file: Uint8Array): void {
  const top = { path: 'mime', offset: 0, length: 0 };
  const r = readDer(ctx.bytes);
  const type = oidAt(ctx.bytes, r.root?.children[0]);
  const body = r.root?.children[1]?.children[0];
  checkMimeForm(ctx, mime, file, mime.signedPart ?? (type === OID.signedData && body ? signedEntity(ctx.bytes, body) : null));
  if (!type || !body) return;
  const pkcs7mime = mime.contentType === 'application/pkcs7-mime' || mime.contentType === 'application/x-pkcs7-mime';
  // smime-type=signed-data or certs-only on another CMS type is a wrong label, RFC 8551 3.2's SHOULD
  // (checkers/rules/mime.ts), as its mirror (enveloped-data on a SignedData) is; not RFC 8551
  // 2.4.2's MUST, which is about how a signature is applied, and none was.
  if (type === OID.signedData) checkSigned(ctx, body, pkcs7mime, mime.contentType === 'multipart/signed', top);
  if (type === OID.envelopedData || type === OID.authEnvelopedData) {
    const inner = encryptedContentType(ctx.bytes, body);
    if (!inner) return;
    const ok = inner === OID.data || inner === OID.receipt;
    for (const rule of ['rfc8551/2.4.1/enveloped-contenttype-id-data', 'rfc8551/2.4.1/inner-content-id-data', 'rfc2634/1.1.2/enveloped-content-type-data']) {
      if (rule.startsWith('rfc2634') && type !== OID.envelopedData) continue;
      ctx.check(rule, ok, ok ? 'the encrypted MIME entity has contentType id-data' : `encryptedContentInfo.contentType is ${inner}, not id-data`, top);
    }
  }
}

function checkSigned(ctx: CheckContext, body: DerNode, pkcs7mime: boolean, multipart: boolean, top: { path: string; offset: number; length: number }): void {
  const encap = body.children[2];
  const signerInfos = body.children[body.children.length - 1];
  const eContentType = oidAt(ctx.bytes, encap?.children[0]);
  const signers = signerInfos?.children ?? [];
  // Receipts are not MIME (RFC 2634 2.4); a signed CompressedData (RFC 3274 2) is left to its RFC.
  if (!eContentType || eContentType === OID.receipt || eContentType === OID.compressedData || signers.length === 0) return;
  const data = eContentType === OID.data;
  for (const rule of ['rfc8551/2.4.1/signed-econtenttype-id-data', 'rfc8551/2.4.1/inner-content-id-data', 'rfc2634/1.1.2/signed-layer-econtenttype-data']) {
    ctx.check(rule, data, data ? 'the signed MIME entity has eContentType id-data' : `eContentType is ${eContentType}, not id-data`, top);
  }
  const hasEContent = (encap?.children.length ?? 0) > 1;
  if (pkcs7mime) {
    for (const rule of ['rfc8551/2.4.1/signed-mime-in-econtent', 'rfc2634/1.1.2/pkcs7-mime-econtent-present']) {
      ctx.check(rule, hasEContent, hasEContent ? 'application/pkcs7-mime signed-data carries the MIME entity in eContent' : 'application/pkcs7-mime signed-data without eContent; only multipart/signed is detached', top);
    }
  }
  if (multipart) ctx.check('rfc2634/1.1.2/multipart-signed-econtent-absent', !hasEContent, hasEContent ? 'multipart/signed whose SignedData carries eContent' : 'multipart/signed with a detached SignedData', top);
  signers.forEach((si, i) => {
    const signed = si.children.find((c) => isContext(c, 0) && c.constructed);
    const types = (signed?.children ?? []).map((a) => oidAt(ctx.bytes, a.children[0]));
    for (const s of SEND_ONCE) {
      const n = types.filter((t) => t !== null && s.oids.includes(t)).length;
      ctx.check(s.rule, n === 1, n === 1 ? `SignerInfo ${i} sends one ${s.name}` : `SignerInfo ${i} sends ${n} ${s.name} attribute(s); one is recommended`, top);
    }
  });
}

/** The eContent of a SignedData whose eContentType is id-data (primitive OCTET STRING only). */
function signedEntity(bytes: Uint8Array, body: DerNode): Uint8Array | null {
  const encap = body.children[2];
  if (oidAt(bytes, encap?.children[0]) !== OID.data) return null;
  const os = encap?.children[1]?.children[0];
  return os && os.cls === 'universal' && os.tag === 4 && !os.constructed ? contentOf(bytes, os) : null;
}
