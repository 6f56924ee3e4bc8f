/**
 * Finds the CMS in a file: DER/BER as is, PEM (CMS, PKCS7), bare base64, or an S/MIME entity
 * (application/pkcs7-mime, or multipart/signed whose first part is the signed content). Offsets in
 * findings then refer to the decoded CMS; `origin` says which. Never throws: what it cannot read is
 * an input-format finding.
 */
export interface MimeInfo {
  readonly contentType: string;
  readonly params: Readonly<Record<string, string>>;
  /** multipart/signed: the exact bytes of the signed first part (RFC 1847 2.1). */
  readonly signedPart?: Uint8Array;
  /** multipart/signed: the first part as it is in the file, before LF line ends become CRLF. */
  readonly rawSignedPart?: Uint8Array;
  /** The Content-Type header value as written (parameters still quoted or not). */
  readonly rawContentType?: string;
  readonly signatureType?: string;
  /** The From and Sender header values of the outer entity, when present (RFC 8550 3). */
  readonly from?: string;
  readonly sender?: string;
  /**
   * The S/MIME entity was a part of a multipart/mixed (loadMixed below): what else that
   * multipart held, which no signature or encryption of this entity covers (RFC 8551 6).
   */
  readonly mixed?: MixedWrapper;
}

export interface MixedWrapper {
  /** Parts of the multipart/mixed, the S/MIME one included. */
  readonly parts: number;
  /** Parts that are S/MIME entities themselves (application/pkcs7-mime, multipart/signed). */
  readonly protectedParts: number;
  /** The other parts, in order: media type and decoded body. */
  readonly unprotected: readonly { readonly type: string; readonly body: Uint8Array }[];
  /** The S/MIME part's bytes (its own headers first): what the entity-form rules read. */
  readonly entity: Uint8Array;
}

/**
 * Where the CMS is in the file, so that an offset in the decoded CMS can be mapped back to the
 * file's bytes (checkers/source-map.ts): the byte range of its encoding there (base64 text, or the
 * binary bytes themselves), what holds it, and for MIME the headers that MIME findings are about.
 */
export interface CmsSource {
  readonly start: number;
  readonly end: number;
  readonly encoding: 'binary' | 'base64';
  /** e.g. "the file", "PEM block CMS", "body of the application/pkcs7-signature part". */
  readonly container: string;
  readonly headers?: { readonly start: number; readonly end: number };
}

export type LoadedInput =
  | { readonly ok: true; readonly cms: Uint8Array; readonly origin: 'der' | 'pem' | 'base64' | 'smime'; readonly mime?: MimeInfo; readonly source?: CmsSource }
  | { readonly ok: false; readonly error: string };

const B64 = /^[A-Za-z0-9+/=\s]+$/;

export function loadInput(bytes: Uint8Array): LoadedInput {
  if (bytes.length === 0) return { ok: false, error: 'empty file' };
  const first = bytes[0]!;
  if (first === 0x30) return { ok: true, cms: bytes, origin: 'der', source: { start: 0, end: bytes.length, encoding: 'binary', container: 'the file' } };
  const head = Buffer.from(bytes.subarray(0, Math.min(bytes.length, 4096))).toString('latin1');
  // MIME first: an S/MIME entity may carry a PEM or PGP armour block in its text (a quoted key, a
  // PGP-signed reply); that block is body, never the message. Headers open the file, and one of
  // them is Content-Type.
  if (looksLikeMime(head)) return loadMime(bytes);
  if (head.includes('-----BEGIN ')) {
    // Linear scan: the first BEGIN line, then its END line with indexOf (a regex with a
    // back-reference rescans the file from every BEGIN: quadratic on hostile input).
    const text = Buffer.from(bytes).toString('latin1');
    const begin = text.indexOf('-----BEGIN ');
    const labelEnd = text.indexOf('-----', begin + 11);
    const label = labelEnd > 0 ? text.slice(begin + 11, labelEnd) : '';
    if (!/^[A-Z0-9 #]{1,40}$/.test(label)) return { ok: false, error: 'PEM BEGIN line without a label' };
    const end = text.indexOf(`-----END ${label}-----`, labelEnd + 5);
    if (end < 0) return { ok: false, error: `PEM armour "${label}" without a matching END line` };
    if (!['CMS', 'PKCS7', 'PKCS #7 SIGNED DATA'].includes(label)) return { ok: false, error: `PEM label "${label}" is not CMS or PKCS7` };
    const source: CmsSource = { start: labelEnd + 5, end, encoding: 'base64', container: `the PEM block ${label}` };
    return { ok: true, cms: base64(text.slice(labelEnd + 5, end)), origin: 'pem', source };
  }
  const text = Buffer.from(bytes).toString('latin1');
  if (B64.test(text)) return { ok: true, cms: base64(text), origin: 'base64', source: { start: 0, end: bytes.length, encoding: 'base64', container: 'the file, as base64' } };
  return { ok: false, error: 'not DER/BER (first octet is not SEQUENCE), PEM, base64 or a MIME entity' };
}

/**
 * The file opens with a header field (RFC 5322 2.2: printable name, colon), after an mbox
 * "From " separator line if there is one, and its header block (up to the first blank line, or
 * all of `head` when that is longer) has a Content-Type field.
 */
function looksLikeMime(text: string): boolean {
  const head = text.startsWith('From ') ? text.slice(text.indexOf('\n') + 1) : text;
  if (!/^[\x21-\x39\x3b-\x7e]+:/.test(head)) return false;
  const block = head.split(/\r?\n\r?\n/)[0] ?? '';
  return /(^|\n)content-type:/i.test(block);
}

const PKCS7_SIGNATURE_TYPES: readonly string[] = ['application/pkcs7-signature', 'application/x-pkcs7-signature'];

/**
 * multipart/signed whose signature is not CMS (RFC 3156 OpenPGP/MIME: application/pgp-signature):
 * that signature is not ours to check, but a first part that is itself an S/MIME entity (a PGP
 * signature around an S/MIME encrypted message) is read as the S/MIME it is, its offsets those of
 * the file. Else the file carries no CMS.
 */
function notCmsSignature(bytes: Uint8Array, partOffset: number, rawPart: string, sigType: string, outer: { from?: string; sender?: string }): LoadedInput {
  const part = bytes.subarray(partOffset, partOffset + Buffer.byteLength(rawPart, 'latin1'));
  const inner = looksLikeMime(Buffer.from(part.subarray(0, 4096)).toString('latin1')) ? loadMime(part) : null;
  if (!inner?.ok || inner.origin !== 'smime' || inner.mime?.contentType === 'multipart/signed') {
    return { ok: false, error: `multipart/signed whose signature part is ${sigType || 'untyped'}, not application/pkcs7-signature (an OpenPGP/MIME signature?), and whose first part is not an S/MIME entity` };
  }
  const shift = (r: { start: number; end: number }) => ({ start: r.start + partOffset, end: r.end + partOffset });
  const src = inner.source!;
  return { ...inner, mime: { ...outer, ...inner.mime! }, source: { ...src, ...shift(src), container: `${src.container} inside the first part of a ${sigType} multipart/signed`, ...(src.headers ? { headers: shift(src.headers) } : {}) } };
}

const base64 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s.replace(/\s+/g, ''), 'base64'));

interface Entity {
  readonly headers: Map<string, string>;
  readonly body: Uint8Array;
  readonly bodyOffset: number;
}

/** Splits an entity into unfolded headers (lower-case names) and body; CRLF or LF line ends. */
function parseEntity(bytes: Uint8Array): Entity | null {
  const text = Buffer.from(bytes).toString('latin1');
  const m = /\r?\n\r?\n/.exec(text);
  if (!m) return null;
  const headers = new Map<string, string>();
  const unfolded = text.slice(0, m.index).replace(/\r?\n[ \t]+/g, ' ');
  for (const line of unfolded.split(/\r?\n/)) {
    const c = line.indexOf(':');
    if (c > 0) headers.set(line.slice(0, c).trim().toLowerCase(), line.slice(c + 1).trim());
  }
  const bodyOffset = m.index + m[0].length;
  return { headers, body: bytes.subarray(bodyOffset), bodyOffset };
}

const senders = (e: Entity): { from?: string; sender?: string } => {
  const from = e.headers.get('from');
  const sender = e.headers.get('sender');
  return { ...(from !== undefined ? { from } : {}), ...(sender !== undefined ? { sender } : {}) };
};

export function parseContentType(value: string): { type: string; params: Record<string, string> } {
  const [type, ...rest] = value.split(';');
  const params: Record<string, string> = {};
  for (const p of rest) {
    const e = p.indexOf('=');
    if (e > 0) params[p.slice(0, e).trim().toLowerCase()] = p.slice(e + 1).trim().replace(/^"(.*)"$/, '$1');
  }
  return { type: (type ?? '').trim().toLowerCase(), params };
}

function loadMime(bytes: Uint8Array, options: { insideMixed?: boolean } = {}): LoadedInput {
  const e = parseEntity(bytes);
  if (!e) return { ok: false, error: 'MIME entity without a blank line after its headers' };
  const rawContentType = e.headers.get('content-type') ?? 'text/plain';
  const ct = parseContentType(rawContentType);
  // A lone application/pkcs7-signature is read too, so that the MIME rules can say why it is wrong.
  if (['application/pkcs7-mime', 'application/x-pkcs7-mime', 'application/pkcs7-signature', 'application/x-pkcs7-signature'].includes(ct.type)) {
    const cte = (e.headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
    const cms = cte === 'base64' ? base64(Buffer.from(e.body).toString('latin1')) : e.body;
    const source: CmsSource = { start: e.bodyOffset, end: bytes.length, encoding: cte === 'base64' ? 'base64' : 'binary', container: `the body of the ${ct.type} entity`, headers: { start: 0, end: e.bodyOffset } };
    return { ok: true, cms, origin: 'smime', mime: { contentType: ct.type, params: ct.params, rawContentType, ...senders(e) }, source };
  }
  if (ct.type === 'multipart/signed') {
    const boundary = ct.params.boundary;
    if (!boundary) return { ok: false, error: 'multipart/signed without a boundary parameter' };
    const text = Buffer.from(e.body).toString('latin1');
    const delim = `--${boundary}`;
    const first = text.indexOf(`${delim}\r\n`) >= 0 ? text.indexOf(`${delim}\r\n`) : text.indexOf(`${delim}\n`);
    if (first < 0) return { ok: false, error: 'multipart/signed: no first boundary' };
    const partStart = text.indexOf('\n', first) + 1;
    const next = text.indexOf(`\n${delim}`, partStart);
    if (next < 0) return { ok: false, error: 'multipart/signed: no second boundary' };
    // RFC 2046 5.1.1: the CRLF before the delimiter belongs to the delimiter.
    const partEnd = text[next - 1] === '\r' ? next - 1 : next;
    // RFC 8551 3.1.1: the signature covers the canonical form (CRLF line ends). A file in a local
    // LF form (as RFC 4134's Appendix B prints its messages) is canonicalized before verifying.
    const rawPart = text.slice(partStart, partEnd);
    const signedPart = new Uint8Array(Buffer.from(rawPart.replace(/\r?\n/g, '\r\n'), 'latin1'));
    const sigStart = text.indexOf('\n', next + 1) + 1;
    const sigEnd = text.indexOf(`\n${delim}`, sigStart);
    const sigEntity = parseEntity(e.body.subarray(sigStart, sigEnd < 0 ? undefined : sigEnd));
    if (!sigEntity) return { ok: false, error: 'multipart/signed: signature part has no headers' };
    const sigType = parseContentType(sigEntity.headers.get('content-type') ?? '').type;
    if (!PKCS7_SIGNATURE_TYPES.includes(sigType)) return notCmsSignature(bytes, e.bodyOffset + partStart, rawPart, sigType, senders(e));
    // AS2 (RFC 4130) and others send the signature part in binary: take its bytes as they are
    // (without the CRLF that belongs to the next delimiter, RFC 2046 5.1.1), else decode base64.
    const sigCte = (sigEntity.headers.get('content-transfer-encoding') ?? '').toLowerCase();
    const binary = sigCte === 'binary' || (sigCte !== 'base64' && sigEntity.body[0] === 0x30);
    const sigBytes = binary && sigEnd >= 0 && sigEntity.body[sigEntity.body.length - 1] === 0x0d ? sigEntity.body.subarray(0, -1) : sigEntity.body;
    const cms = binary ? sigBytes : base64(Buffer.from(sigEntity.body).toString('latin1'));
    const rawSignedPart = new Uint8Array(Buffer.from(rawPart, 'latin1'));
    const sigBody = e.bodyOffset + sigStart + sigEntity.bodyOffset;
    const source: CmsSource = { start: sigBody, end: sigBody + (binary ? sigBytes.length : sigEntity.body.length), encoding: binary ? 'binary' : 'base64', container: `the body of the ${sigType || 'signature'} part`, headers: { start: 0, end: e.bodyOffset } };
    return { ok: true, cms, origin: 'smime', mime: { contentType: ct.type, params: ct.params, signedPart, rawSignedPart, signatureType: sigType, rawContentType, ...senders(e) }, source };
  }
  if (ct.type === 'multipart/mixed' && !options.insideMixed) return loadMixed(bytes, e.bodyOffset, ct.params.boundary, senders(e));
  return { ok: false, error: `MIME type ${ct.type} carries no CMS (expected application/pkcs7-mime or multipart/signed${options.insideMixed ? '' : ', or a multipart/mixed holding one'})` };
}

/**
 * multipart/mixed (RFC 2046 5.1.3) with an S/MIME part beside others: the first S/MIME part is
 * read as the message (its offsets those of the file), and what else the multipart holds is kept
 * for the RFC 8551 6 rules: a signature covers its own part only, so text beside it is unsigned
 * (the MIME wrapping of Mueller et al., "Johnny, you are fired", USENIX Security 2019), and HTML
 * parts around an encrypted one can exfiltrate its plaintext (Efail direct exfiltration). One
 * level only: a multipart/mixed inside it is an unprotected part like any other.
 */
function loadMixed(bytes: Uint8Array, bodyOffset: number, boundary: string | undefined, outer: { from?: string; sender?: string }): LoadedInput {
  if (!boundary) return { ok: false, error: 'multipart/mixed without a boundary parameter' };
  const parts = multipartParts(bytes.subarray(bodyOffset), boundary);
  if (!parts) return { ok: false, error: `multipart/mixed with more than ${MAX_MIXED_PARTS} parts, or no part between its boundaries` };
  const typed = parts.map((p) => {
    const e = parseEntity(p.bytes);
    return { ...p, entity: e, type: parseContentType(e?.headers.get('content-type') ?? 'text/plain').type };
  });
  const isSmime = (t: string) => t === 'multipart/signed' || SMIME_TYPES.includes(t);
  const first = typed.find((p) => isSmime(p.type));
  if (!first) return { ok: false, error: `multipart/mixed with ${parts.length} parts, none of them an S/MIME entity (application/pkcs7-mime or multipart/signed)` };
  const inner = loadMime(first.bytes, { insideMixed: true });
  if (!inner.ok) return { ok: false, error: `the S/MIME part of a multipart/mixed: ${inner.error}` };
  const unprotected = typed.filter((p) => !isSmime(p.type)).map((p) => ({ type: p.type, body: p.entity ? decodedBody(p.entity) : p.bytes }));
  const mixed: MixedWrapper = { parts: parts.length, protectedParts: typed.filter((p) => isSmime(p.type)).length, unprotected, entity: first.bytes };
  const at = bodyOffset + first.offset;
  const shift = (r: { start: number; end: number }) => ({ start: r.start + at, end: r.end + at });
  const src = inner.source!;
  return { ...inner, mime: { ...outer, ...inner.mime!, mixed }, source: { ...src, ...shift(src), container: `${src.container} inside part ${typed.indexOf(first) + 1} of a multipart/mixed`, ...(src.headers ? { headers: shift(src.headers) } : {}) } };
}

/** Bound on the parts of a multipart/mixed: a hostile message cannot make the reader split without end. */
const MAX_MIXED_PARTS = 64;
const SMIME_TYPES: readonly string[] = ['application/pkcs7-mime', 'application/x-pkcs7-mime'];

/**
 * The body parts of a multipart body (RFC 2046 5.1.1): between delimiter lines "--boundary" at the
 * start of a line, up to the close delimiter "--boundary--"; the CRLF before a delimiter belongs
 * to it. Null when there is no part or more than MAX_MIXED_PARTS.
 */
function multipartParts(body: Uint8Array, boundary: string): { offset: number; bytes: Uint8Array }[] | null {
  const text = Buffer.from(body).toString('latin1');
  const delim = `--${boundary}`;
  const parts: { offset: number; bytes: Uint8Array }[] = [];
  let start = -1;
  for (let pos = text.indexOf(delim); pos >= 0; pos = text.indexOf(delim, pos + delim.length)) {
    if (pos > 0 && text[pos - 1] !== '\n') continue;
    if (start >= 0) {
      const end = pos === 0 ? 0 : text[pos - 2] === '\r' ? pos - 2 : pos - 1;
      parts.push({ offset: start, bytes: body.subarray(start, Math.max(start, end)) });
      if (parts.length > MAX_MIXED_PARTS) return null;
    }
    if (text.startsWith('--', pos + delim.length)) break;
    const lineEnd = text.indexOf('\n', pos);
    if (lineEnd < 0) break;
    start = lineEnd + 1;
  }
  return parts.length ? parts : null;
}

/** A part's body without its transfer encoding (base64, quoted-printable), for rules on its text. */
function decodedBody(e: Entity): Uint8Array {
  const cte = (e.headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  if (cte === 'base64') return base64(Buffer.from(e.body).toString('latin1'));
  if (cte === 'quoted-printable') {
    const t = Buffer.from(e.body).toString('latin1').replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    return new Uint8Array(Buffer.from(t, 'latin1'));
  }
  return e.body;
}
