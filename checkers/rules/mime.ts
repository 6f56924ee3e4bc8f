/**
 * MIME-level rules of RFC 8551 section 3 on S/MIME input: smime-type present and matching the CMS
 * it labels, the file name extension, multipart/signed's protocol and micalg parameters, and a
 * detached signature without eContent. The CMS facts come from a light, separate read.
 */
import { contentOf, readDer, type DerNode } from '../../core/der/reader.ts';
import { decodeOid } from '../../core/der/values.ts';
import { OID } from '../../core/oids.ts';
import type { CheckContext } from '../context.ts';
import type { MimeInfo } from '../input.ts';

interface CmsFacts {
  readonly type: string | null;
  readonly signers: number;
  readonly hasEContent: boolean;
  readonly eContentType: string | null;
  readonly digestOids: readonly string[];
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
  if (type !== OID.signedData || !body) return { type, signers: 0, hasEContent: false, eContentType: null, digestOids: [] };
  const encap = body.children[2];
  const signerInfos = body.children[body.children.length - 1];
  return {
    type,
    signers: signerInfos?.children.length ?? 0,
    hasEContent: (encap?.children.length ?? 0) > 1,
    eContentType: oidAt(cms, encap?.children[0]),
    digestOids: (signerInfos?.children ?? []).map((si) => oidAt(cms, si.children[2]?.children[0])).filter((o): o is string => o !== null),
  };
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
    if (micalg && f.digestOids.length) {
      const given = micalg.toLowerCase().split(',').map((s) => s.trim());
      const missing = f.digestOids.filter((o) => !(MICALG[o] ?? []).some((n) => given.includes(n)));
      ctx.check('rfc8551/3.5.3.2/micalg-matches-digest', missing.length === 0,
        missing.length === 0 ? `micalg=${micalg} names the signers' digest algorithms` : `micalg=${micalg} does not name digest algorithm ${missing.join(', ')}`, top);
    }
    ctx.check('rfc8551/3.5.3.1/detached-no-econtent', !f.hasEContent, f.hasEContent ? 'the multipart/signed signature carries eContent; it must be detached' : 'signature is detached', top);
    return;
  }
  const smimeType = mime.params['smime-type'];
  const expected = expectedSmimeType(f);
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
