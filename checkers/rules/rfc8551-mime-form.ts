/**
 * The MIME form of an S/MIME entity (RFC 8551 3.1-3.2, 3.5.3.2), each statement citing its entry:
 * - 3.2 / 3.2.1 (SHOULD): an application/pkcs7-mime part says what it holds (smime-type), has a
 *   name parameter and a Content-Disposition filename, in 8.3 form with the base "smime";
 * - 3.5.3.2 (SHOULD): micalg values come from the table (or "unknown");
 * - 3.1.3: a multipart/signed signed part is 7-bit; 3.1.2 (SHOULD): so is the protected entity;
 * - 3.1.4: the canonical protected entity ends every line in CRLF; 3.1.1: a text entity does,
 *   and a UTF-8 charset is well-formed UTF-8; (SHOULD) its charset is an IANA-registered one.
 * The protected entity is the signed part of multipart/signed or the eContent of signed-data.
 */
import type { CheckContext } from '../context.ts';
import type { MimeInfo } from '../input.ts';

type At = { path: string; offset: number; length: number };

/** RFC 8551 3.5.3.2's table, plus the values of RFC 8419 3.3 (EdDSA) and RFC 5754 3. */
const MICALG = new Set(['md5', 'sha-1', 'sha-224', 'sha-256', 'sha-384', 'sha-512', 'shake256', 'unknown']);

/**
 * Charsets of the IANA registry that mail uses; a charset outside it is reported as a warning
 * (the statement is a SHOULD), so a rarer registered charset costs a warning, never a verdict.
 */
const REGISTERED = new Set(['us-ascii', 'utf-8', 'utf-16', 'utf-16be', 'utf-16le', 'utf-7', 'iso-2022-jp', 'iso-2022-kr', 'shift_jis', 'euc-jp', 'euc-kr', 'gb2312', 'gbk', 'gb18030', 'big5', 'koi8-r', 'koi8-u', 'tis-620',
  ...Array.from({ length: 16 }, (_, i) => `iso-8859-${i + 1}`), ...Array.from({ length: 9 }, (_, i) => `windows-125${i}`)]);

/** The header block of an entity (lower-case names, folded lines joined) and where its body starts. */
function headersOf(bytes: Uint8Array): { headers: Map<string, string>; body: number } | null {
  const text = new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(bytes.length, 65536)));
  const m = /\r?\n\r?\n/.exec(text);
  if (!m) return null;
  const headers = new Map<string, string>();
  for (const line of text.slice(0, m.index).replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const c = line.indexOf(':');
    if (c > 0) headers.set(line.slice(0, c).trim().toLowerCase(), line.slice(c + 1).trim());
  }
  return { headers, body: m.index + m[0].length };
}

const param = (value: string | undefined, name: string): string | undefined =>
  value ? new RegExp(`;\\s*${name}\\s*=\\s*"?([^";]+)"?`, 'i').exec(value)?.[1]?.trim() : undefined;

const eightBit = (b: Uint8Array): boolean => b.some((x) => x > 127);
const bareLineEnd = (b: Uint8Array): boolean => b.some((x, i) => (x === 10 && b[i - 1] !== 13) || (x === 13 && b[i + 1] !== 10));

export function checkMimeForm(ctx: CheckContext, mime: MimeInfo, file: Uint8Array, protectedEntity: Uint8Array | null): void {
  const top: At = { path: 'mime', offset: 0, length: 0 };
  const pkcs7mime = mime.contentType === 'application/pkcs7-mime' || mime.contentType === 'application/x-pkcs7-mime';
  if (pkcs7mime) checkNames(ctx, mime, file, top);
  if (mime.contentType === 'multipart/signed' && mime.params.micalg) {
    const bad = mime.params.micalg.toLowerCase().split(',').map((x) => x.trim()).filter((x) => !MICALG.has(x));
    ctx.check('rfc8551/3.5.3.2/micalg-from-table', bad.length === 0, bad.length ? `micalg value(s) ${bad.join(', ')} not from the table` : 'micalg values from the table', top);
  }
  if (mime.contentType === 'multipart/signed') {
    const part = mime.rawSignedPart ?? mime.signedPart;
    if (part) ctx.check('rfc8551/3.1.3/multipart-signed-7bit', !eightBit(part), eightBit(part) ? 'the signed part of multipart/signed holds 8-bit octets; encode them as quoted-printable or base64' : 'the signed part is 7-bit', top);
  }
  if (!protectedEntity) return;
  ctx.check('rfc8551/3.1.2/use-7bit-transfer-encoding', !eightBit(protectedEntity), eightBit(protectedEntity) ? 'the protected entity holds 8-bit octets' : 'the protected entity is 7-bit', top);
  const h = headersOf(protectedEntity);
  // Content without a header block is no MIME entity: the line rules below are about MIME text.
  if (!h) return;
  // A body in binary transfer encoding is not lines (RFC 2045 2.9); then only the headers are.
  const binary = /^\s*binary\b/i.test(h?.headers.get('content-transfer-encoding') ?? '');
  const bare = bareLineEnd(binary ? protectedEntity.subarray(0, h.body) : protectedEntity);
  ctx.check('rfc8551/3.1.4/crlf-headers-text-encoded', !bare, bare ? 'the protected entity has a line that does not end in CRLF' : 'every line of the protected entity ends in CRLF', top);
  const type = h.headers.get('content-type') ?? 'text/plain';
  if (!/^\s*text\//i.test(type)) return;
  const charset = (param(type, 'charset') ?? 'us-ascii').toLowerCase();
  let wellFormed = true;
  if (charset === 'utf-8') {
    try { new TextDecoder('utf-8', { fatal: true }).decode(protectedEntity); } catch { wellFormed = false; }
  }
  if (charset === 'us-ascii') wellFormed = !eightBit(protectedEntity.subarray(h.body)) || /base64|quoted-printable/i.test(h.headers.get('content-transfer-encoding') ?? '');
  const ok = !bare && wellFormed;
  ctx.check('rfc8551/3.1.1/text-canonical-eol-and-charset', ok, ok ? `the text entity is canonical (CRLF lines, ${charset})` : bare ? 'the text entity has lines that do not end in CRLF' : `the text entity is not well-formed ${charset}`, top);
  ctx.check('rfc8551/3.1.1/registered-charset', REGISTERED.has(charset), REGISTERED.has(charset) ? `charset ${charset} is registered` : `charset ${charset} is not one of the IANA-registered charsets this checker knows`, top);
}

function checkNames(ctx: CheckContext, mime: MimeInfo, file: Uint8Array, top: At): void {
  const smimeType = mime.params['smime-type'];
  ctx.check('rfc8551/3.2/label-content-for-receiver', !!smimeType, smimeType ? `the headers say smime-type=${smimeType}` : 'the headers do not say what the application/pkcs7-mime part holds (no smime-type)', top);
  const name = mime.params.name;
  ctx.check('rfc8551/3.2.1/emit-name-parameter', !!name, name ? `name=${name}` : 'the Content-Type has no name parameter', top);
  const disposition = headersOf(file)?.headers.get('content-disposition');
  const filename = param(disposition, 'filename');
  ctx.check('rfc8551/3.2.1/emit-disposition-filename', !!filename, filename ? `Content-Disposition filename=${filename}` : 'no Content-Disposition with a filename parameter', top);
  for (const n of [name, filename].filter((x): x is string => !!x)) {
    const m = /^([^.]*)\.([^.]*)$/.exec(n);
    const eightDotThree = !!m && m[1]!.length >= 1 && m[1]!.length <= 8 && m[2]!.length === 3;
    ctx.check('rfc8551/3.2.1/filename-eight-dot-three', eightDotThree, eightDotThree ? `${n} is in 8.3 form` : `${n} is not in 8.3 form`, top);
    const base = m?.[1]?.toLowerCase() === 'smime';
    ctx.check('rfc8551/3.2.1/filename-base-smime', base, base ? `${n} has the base smime` : `${n} does not have the base "smime"`, top);
  }
}
