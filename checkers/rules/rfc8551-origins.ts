/**
 * RFC 8551 6 on an S/MIME entity that is one part of a multipart/mixed (checkers/input.ts
 * loadMixed), the shapes of two attacks on mail clients:
 * - MIME wrapping (Mueller et al., "Johnny, you are fired", USENIX Security 2019): a valid signed
 *   part beside unsigned text, shown by a careless client as one signed message. The RFC's words
 *   bind the client ("Clients SHOULD treat each of the different pieces of the multipart/mixed
 *   construct as being of different origins"); what a message shows is the shape, so the finding
 *   is the SHOULD's warning, naming the unprotected parts: never a MUST failure of the message.
 * - Efail direct exfiltration (Poddebniak et al., USENIX Security 2018): unencrypted text/html
 *   parts around an encrypted one, the first opening an <img src=" that the decrypted plaintext
 *   completes. "Clients MUST require that a text/html content type be a complete HTML document":
 *   a fragment is what a client must refuse, so each unprotected text/html part is checked for
 *   being a whole document (optional doctype, then <html> ... </html>).
 * Only the parts beside the S/MIME entity are read here; the protected content is the CMS rules'.
 */
import type { CheckContext } from '../context.ts';
import type { MimeInfo } from '../input.ts';

const top = { path: 'mime', offset: 0, length: 0 };

/** RFC 1866 3.1's document shape: an optional DOCTYPE (and comments), then one HTML element. */
const COMPLETE_HTML = /^\s*(<!--[\s\S]*?-->\s*)*(<!doctype\s[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<html(\s[^>]*)?>[\s\S]*<\/html\s*>\s*(<!--[\s\S]*?-->\s*)*$/i;

export function checkMixedOrigins(ctx: CheckContext, mime: MimeInfo): void {
  const m = mime.mixed;
  if (!m) return;
  const others = m.unprotected.map((u) => u.type);
  const alone = others.length === 0 && m.protectedParts === 1;
  ctx.check('rfc8551/6/multipart-mixed-separate-origins', alone, alone
    ? 'the multipart/mixed holds the S/MIME part only'
    : `the S/MIME part is one of ${m.parts} parts of a multipart/mixed${others.length ? `; ${others.length} unprotected (${others.join(', ')}) that no signature or encryption here covers` : ''}${m.protectedParts > 1 ? `; ${m.protectedParts} S/MIME parts` : ''}: a client treats each part as its own origin and never shows them as one protected message (RFC 8551 6; MIME wrapping, Efail)`, top);
  if (m.protectedParts > 1) {
    ctx.unchecked('cmsi/mime-part-unchecked', `the multipart/mixed holds ${m.protectedParts} S/MIME parts; only the first is checked`, top);
  }
  m.unprotected.forEach((u, i) => {
    if (u.type !== 'text/html') return;
    const text = Buffer.from(u.body).toString('latin1');
    const complete = COMPLETE_HTML.test(text);
    const start = JSON.stringify(text.trim().slice(0, 40));
    ctx.check('rfc8551/6/html-complete-document', complete, complete
      ? `unprotected part ${i + 1} (text/html) is a complete HTML document`
      : `unprotected part ${i + 1} (text/html) is not a complete HTML document (it starts ${start}): a client must refuse it, since a fragment can wrap the decrypted part into a URL (Efail direct exfiltration)`, top);
  });
}
