/**
 * MIME-level rules of RFC 8551 section 3 on S/MIME input: smime-type present and matching the CMS
 * it labels, the file name extension, multipart/signed's protocol and micalg parameters, and a
 * detached signature without eContent. The CMS facts come from a light, separate read.
 */
import { contentOf, readDer, stringContent, type DerNode } from '../../core/der/reader.ts';
import { decodeOid } from '../../core/der/values.ts';
import { OID } from '../../core/oids.ts';
import type { CheckContext } from '../context.ts';
import { parseContentType, type MimeInfo } from '../input.ts';
import { digest } from '../crypto/algorithms.ts';
import { bytesEqual } from '../crypto/certificates.ts';

interface CmsFacts {
  readonly type: string | null;
  readonly signers: number;
  readonly hasEContent: boolean;
  readonly eContentType: string | null;
  readonly digestOids: readonly string[];
  /** The eContent octets (segments joined), when present. */
  readonly eContent: Uint8Array | null;
  /** Each SignerInfo's digest algorithm and message-digest attribute value (null without one). */
  readonly messageDigests: readonly { readonly digestOid: string | null; readonly value: Uint8Array | null }[];
}

function oidAt(bytes: Uint8Array, n: DerNode | undefined): string | null {
  if (!n || n.cls !== 'universal' || n.tag !== 6) return null;
  const d = decodeOid(contentOf(bytes, n));
  return d.ok ? d.value : null;
}

function facts(cms: Uint8Array): CmsFacts {
  const r = readDer(cms);
  const type = oidAt(cms, r.root?.children[0]);
  const body = r.root?.children[1]?.children[0];
  if (type !== OID.signedData || !body) return { type, signers: 0, hasEContent: false, eContentType: null, digestOids: [], eContent: null, messageDigests: [] };
  const encap = body.children[2];
  const signerInfos = body.children[body.children.length - 1];
  const octetString = encap?.children[1]?.children[0];
  return {
    type,
    signers: signerInfos?.children.length ?? 0,
    hasEContent: (encap?.children.length ?? 0) > 1,
    eContentType: oidAt(cms, encap?.children[0]),
    digestOids: (signerInfos?.children ?? []).map((si) => oidAt(cms, si.children[2]?.children[0])).filter((o): o is string => o !== null),
    eContent: octetString && octetString.cls === 'universal' && octetString.tag === 4 ? stringContent(cms, octetString) : null,
    messageDigests: (signerInfos?.children ?? []).map((si) => {
      const signed = si.children.find((c) => c.cls === 'context' && c.tag === 0 && c.constructed);
      const md = signed?.children.find((a) => oidAt(cms, a.children[0]) === OID.messageDigest)?.children[1]?.children[0];
      return { digestOid: oidAt(cms, si.children[2]?.children[0]), value: md && md.tag === 4 ? contentOf(cms, md) : null };
    }),
  };
}

/** The header block of a MIME entity (lower-case names, folded lines joined), or null if it has none. */
function entityHeaders(bytes: Uint8Array): Map<string, string> | null {
  const text = Buffer.from(bytes.subarray(0, Math.min(bytes.length, 8192))).toString('latin1');
  const end = /\r?\n\r?\n/.exec(text);
  if (!end || !/^[\x21-\x39\x3b-\x7e]+:/.test(text)) return null;
  const headers = new Map<string, string>();
  for (const line of text.slice(0, end.index).replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const c = line.indexOf(':');
    if (c <= 0) return null;
    headers.set(line.slice(0, c).trim().toLowerCase(), line.slice(c + 1).trim());
  }
  return headers;
}

/** RFC 8551 3.1.1: a text entity (MIME default text/plain) ends every line in CRLF, with no bare CR or LF. */
function checkCanonicalText(ctx: CheckContext, entity: Uint8Array, what: string, at: { path: string; offset: number; length: number }): void {
  const headers = entityHeaders(entity);
  if (!headers) return;
  const type = parseContentType(headers.get('content-type') ?? 'text/plain').type;
  if (!type.startsWith('text/')) return;
  const text = Buffer.from(entity).toString('latin1');
  const bare = /\r(?!\n)|(?<!\r)\n/.exec(text);
  ctx.check('rfc8551/3.1.1/text-crlf-line-endings', !bare, bare
    ? `${what} (${type}) has a bare ${bare[0] === '\r' ? 'CR' : 'LF'} at octet ${bare.index}: not canonical CRLF text`
    : `${what} (${type}) has CRLF line ends only`, at);
}

/** RFC 8551 3.5.3.2 micalg names (and RFC 2633's "sha1"/"md5" for SHA-1 and MD5). */
const MICALG: Readonly<Record<string, readonly string[]>> = {
  [OID.md5]: ['md5'], [OID.sha1]: ['sha-1', 'sha1'], '2.16.840.1.101.3.4.2.4': ['sha-224'],
  [OID.sha256]: ['sha-256'], [OID.sha384]: ['sha-384'], [OID.sha512]: ['sha-512'],
};

function expectedSmimeType(f: CmsFacts): string | null {
  switch (f.type) {
    case OID.signedData:
      if (f.eContentType === OID.receipt) return 'signed-receipt';
      return f.signers === 0 && !f.hasEContent ? 'certs-only' : 'signed-data';
    case OID.envelopedData: return 'enveloped-data';
    case OID.authEnvelopedData: return 'authEnveloped-data';
    case OID.compressedData: return 'compressed-data';
    default: return null;
  }
}

const EXTENSION: Readonly<Record<string, string>> = {
  'signed-data': '.p7m', 'enveloped-data': '.p7m', 'authEnveloped-data': '.p7m', 'signed-receipt': '.p7m', 'compressed-data': '.p7z', 'certs-only': '.p7c',
};

export function checkMime(ctx: CheckContext, mime: MimeInfo): void {
  const top = { path: 'mime', offset: 0, length: 0 };
  const f = facts(ctx.bytes);
  if (mime.contentType === 'multipart/signed') {
    const protocol = mime.params.protocol;
    const micalg = mime.params.micalg;
    ctx.check('rfc8551/3.5.3.2/protocol-and-micalg-present', !!protocol && !!micalg, protocol && micalg ? 'protocol and micalg parameters present' : `multipart/signed lacks ${!protocol ? 'protocol' : 'micalg'}`, top);
    if (protocol) {
      const ok = protocol.toLowerCase() === 'application/pkcs7-signature' || (ctx.profile === 'v3' && protocol.toLowerCase() === 'application/x-pkcs7-signature');
      ctx.check('rfc8551/3.5.3.2/protocol-is-pkcs7-signature', ok, ok ? `protocol ${protocol}` : `protocol is "${protocol}", not application/pkcs7-signature`, top);
    }
    if (protocol && mime.rawContentType) {
      const quoted = /;\s*protocol\s*=\s*"/i.test(mime.rawContentType);
      ctx.check('rfc8551/3.5.3.2/protocol-quoted', quoted, quoted ? 'protocol is a quoted string' : 'protocol contains "/" but is not a quoted string', top);
    }
    const distinct = new Set(f.digestOids);
    if (micalg && distinct.size > 1) {
      const items = micalg.split(',').map((x) => x.trim());
      const ok = items.length >= distinct.size && items.every((x) => /^[^\s;]+$/.test(x));
      ctx.check('rfc8551/3.5.3.2/micalg-comma-separated', ok, ok ? `micalg lists ${items.length} algorithms separated by commas` : `the signers use ${distinct.size} digest algorithms but micalg "${micalg}" does not list them separated by commas`, top);
    }
    if (mime.signedPart) checkSignedPart(ctx, mime, f, top);
    if (micalg && f.digestOids.length) {
      const given = micalg.toLowerCase().split(',').map((s) => s.trim());
      const missing = f.digestOids.filter((o) => !(MICALG[o] ?? []).some((n) => given.includes(n)));
      ctx.check('rfc8551/3.5.3.2/micalg-matches-digest', missing.length === 0,
        missing.length === 0 ? `micalg=${micalg} names the signers' digest algorithms` : `micalg=${micalg} does not name digest algorithm ${missing.join(', ')}`, top);
    }
    ctx.check('rfc8551/3.5.3.1/detached-no-econtent', !f.hasEContent, f.hasEContent ? 'the multipart/signed signature carries eContent beside the signed part; it must be detached (its digest and signature are checked against the signed part, which is what a receiver shows)' : 'signature is detached', top);
    return;
  }
  if (mime.contentType === 'application/pkcs7-signature' || mime.contentType === 'application/x-pkcs7-signature') {
    // RFC 8551 3.5.3.1: this type only ever holds a detached signature (the second part of multipart/signed).
    ctx.check('rfc8551/3.5.3.1/detached-no-econtent', !f.hasEContent, f.hasEContent ? `${mime.contentType} carries a SignedData with eContent; that type holds detached signatures only (use application/pkcs7-mime)` : 'signature is detached', top);
    return;
  }
  const smimeType = mime.params['smime-type'];
  const expected = expectedSmimeType(f);
  if (smimeType === 'certs-only') {
    // RFC 8551 3.8: what is labelled a certificate management message has neither signers nor eContent.
    ctx.check('rfc8551/3.8/certs-only-no-signers', f.signers === 0, f.signers === 0 ? 'certs-only without signers' : `smime-type=certs-only but the SignedData has ${f.signers} SignerInfo(s)`, top);
    ctx.check('rfc8551/3.8/certs-only-no-econtent', !f.hasEContent, f.hasEContent ? 'smime-type=certs-only but the SignedData carries eContent' : 'certs-only without eContent', top);
  }
  if (f.type === OID.signedData && f.eContent) checkCanonicalText(ctx, f.eContent, 'the encapsulated entity', top);
  ctx.check('rfc8551/3.2/smime-type-present', !!smimeType, smimeType ? `smime-type=${smimeType}` : 'application/pkcs7-mime without an smime-type parameter', top);
  if (smimeType && expected) {
    ctx.check('rfc8551/3.2/smime-type-matches-content', smimeType === expected, smimeType === expected ? `smime-type matches the ${expected} content` : `smime-type=${smimeType} but the CMS is ${expected}`, top);
  }
  const name = mime.params.name;
  if (name && expected) {
    const ext = EXTENSION[expected]!;
    ctx.check('rfc8551/3.2.1/extension-matches-content', name.toLowerCase().endsWith(ext), name.toLowerCase().endsWith(ext) ? `name ${name}` : `name=${name} does not end with ${ext} for ${expected}`, top);
  }
}

/**
 * RFC 8551 3.1.1: the signed part is canonical. A file in a local LF form is canonicalized before
 * verifying; if the signature verifies only over the bytes as written, the signer hashed a
 * non-canonical form. A bare CR survives canonicalization and is never canonical text.
 */
function checkSignedPart(ctx: CheckContext, mime: MimeInfo, f: CmsFacts, at: { path: string; offset: number; length: number }): void {
  const canonical = mime.signedPart!;
  const raw = mime.rawSignedPart;
  if (raw && !bytesEqual(raw, canonical)) {
    for (const m of f.messageDigests) {
      if (!m.value || !m.digestOid) continue;
      const overRaw = digest(m.digestOid, raw);
      const overCanonical = digest(m.digestOid, canonical);
      if (!overRaw || !overCanonical) continue;
      const rawOnly = bytesEqual(overRaw, m.value) && !bytesEqual(overCanonical, m.value);
      ctx.check('rfc8551/3.1.1/canonical-before-signing', !rawOnly, rawOnly
        ? 'the signature covers the signed part in its local (bare LF) form, not the canonical CRLF form'
        : 'the signed part verifies in canonical form', at);
    }
  }
  checkCanonicalText(ctx, canonical, 'the signed part', at);
}
