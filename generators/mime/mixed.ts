/**
 * multipart/mixed (RFC 2046 5.1.3) and text/html entities, for the attack-class samples that put
 * an S/MIME entity beside unprotected parts (MIME wrapping, Efail direct exfiltration).
 */
import { CRLF } from './entity.ts';

/** The parts in order, each an entity with its headers; the CRLF before a delimiter belongs to it. */
export function multipartMixed(boundary: string, parts: readonly string[]): string {
  return [
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
    'This is a multi-part message in MIME format.',
    ...parts.flatMap((p) => [`--${boundary}`, p]),
    `--${boundary}--`,
    '',
  ].join(CRLF);
}

/** A text/html entity, 7bit, with the body exactly as given (a fragment is the point of some samples). */
export function htmlEntity(body: string): string {
  return ['Content-Type: text/html; charset=us-ascii', 'Content-Transfer-Encoding: 7bit', '', body].join(CRLF);
}
