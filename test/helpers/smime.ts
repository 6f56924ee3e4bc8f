/**
 * A small MIME reader of the tests' own (independent of checkers/input.ts): the outermost CMS of a
 * sample, that is the file itself, or the base64 body of an .eml's application/pkcs7-mime entity
 * or of its multipart/signed application/pkcs7-signature part (RFC 8551 3.2 / 3.5, RFC 2046 5.1.1).
 */
import type { Sample } from '../../core/manifest.ts';
import { CORPUS, readBytes } from './corpus.ts';

interface Entity { headers: Map<string, string>; body: string }

function parseEntity(text: string): Entity {
  let split = text.indexOf('\r\n\r\n');
  let sep = 4;
  if (split < 0) { split = text.indexOf('\n\n'); sep = 2; }
  if (split < 0) throw new Error('entity without a header/body separator');
  const headers = new Map<string, string>();
  for (const line of text.slice(0, split).replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body: text.slice(split + sep) };
}

function decodeBody(e: Entity): Uint8Array {
  const cte = (e.headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  if (cte === 'base64') return new Uint8Array(Buffer.from(e.body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64'));
  return new Uint8Array(Buffer.from(e.body, 'latin1'));
}

export function cmsOfEml(raw: Uint8Array): Uint8Array {
  const top = parseEntity(Buffer.from(raw).toString('latin1'));
  const ct = top.headers.get('content-type') ?? '';
  if (/^application\/(x-)?pkcs7-mime\b/i.test(ct)) return decodeBody(top);
  if (/^multipart\/signed\b/i.test(ct)) {
    const boundary = /boundary="?([^";]+)"?/i.exec(ct)?.[1];
    if (!boundary) throw new Error('multipart/signed without a boundary');
    for (const p of `\r\n${top.body}`.split(`\r\n--${boundary}`).slice(1)) {
      if (p.startsWith('--')) break;
      const part = parseEntity(p.replace(/^[ \t]*\r\n/, ''));
      if (/^application\/(x-)?pkcs7-signature\b/i.test(part.headers.get('content-type') ?? '')) return decodeBody(part);
    }
    throw new Error('multipart/signed without an application/pkcs7-signature part');
  }
  throw new Error(`not an S/MIME CMS entity: ${ct}`);
}

export const cmsBytes = (s: Sample): Uint8Array => {
  const raw = readBytes(CORPUS, s.file);
  return s.format === 'smime' ? cmsOfEml(raw) : raw;
};
