/**
 * `checkBytes` for a message too large to hold (checkers/stream/walk.ts): the static and
 * certificate rules run on the skeleton, the signature rules on the digests computed during the
 * walk, and every offset in the result is mapped back to the file. When the walk does not apply
 * (not an attached id-data SignedData, or a shape it does not follow), null and the reason: the
 * caller reads the message whole instead.
 */
import { checkBytes, DEFAULT_MAX_DEPTH, type CheckOptions } from '../engine.ts';
import type { FileResult } from '../finding.ts';
import { precomputed } from '../crypto/content-source.ts';
import type { MessageSource } from './message-source.ts';
import { walkSignedData } from './walk.ts';

export function checkStreamed(file: string, source: MessageSource, options: CheckOptions): { ok: true; result: FileResult; segments: number } | { ok: false; reason: string } {
  const w = walkSignedData(source, { maxDepth: options.maxDepth ?? DEFAULT_MAX_DEPTH });
  if (!w.ok) return w;
  const { skeleton, digests, contentSize, toFile, segments, head } = w.walked;
  // An eContent that is an S/MIME entity wrapping another CMS layer (triple wrapping) is read by
  // the RFC 2634 1.3.4 placement rules (checkers/rules/ess-extra.ts): those need it whole.
  if (wrapsAnotherLayer(head)) return { ok: false, reason: 'the eContent is an S/MIME entity wrapping another CMS layer' };
  // The eContent's digests stand for it; detached --content does not apply to an attached one.
  const r = checkBytes(file, skeleton, { ...options, content: null, streamed: precomputed(contentSize, digests) });
  const findings = r.findings.map((f) => {
    const m = toFile(f.offset, f.length);
    return { ...f, offset: m.offset, length: m.length, ...(f.file ? { file: m } : {}) };
  });
  const result: FileResult = {
    ...r, findings,
    ...(r.limit ? { limit: { ...r.limit, offset: toFile(r.limit.offset, 0).offset } } : {}),
    ...(r.source ? { source: { ...r.source, end: source.size } } : {}),
  };
  return { ok: true, result, segments };
}

/** Whether content starting with `head` is a MIME entity of a CMS type (pkcs7-mime, multipart/signed). */
export function wrapsAnotherLayer(head: Uint8Array): boolean {
  const text = Buffer.from(head).toString('latin1');
  if (!/^[\x21-\x39\x3b-\x7e]+:/.test(text)) return false;
  const end = /\r?\n\r?\n/.exec(text);
  // Headers running past the kept octets: they may still name a CMS type further on.
  if (!end) return true;
  const headers = text.slice(0, end.index);
  return /^content-type:\s*(application\/(x-)?pkcs7-mime|multipart\/signed)/im.test(headers.replace(/\r?\n[ \t]+/g, ' '));
}
