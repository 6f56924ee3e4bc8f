/**
 * The S/MIME MIME layer (RFC 8551 3, RFC 2633 3 for the v3 names): application/pkcs7-mime entities,
 * multipart/signed with application/pkcs7-signature, and the RFC 5322 header block that turns an
 * entity into a message. Everything is CRLF, the canonical form signatures are computed over
 * (RFC 8551 3.1.1); boundaries and Message-IDs come from the sample's seeded stream.
 */
import type { SeededRandom } from '../random.ts';

export const CRLF = '\r\n';

export type SmimeType = 'signed-data' | 'enveloped-data' | 'authEnveloped-data' | 'compressed-data' | 'certs-only' | 'signed-receipt';

/** S/MIME v3 agents (RFC 2633 3.2) also sent the x-pkcs7-* names of S/MIME v2. */
export type MediaNames = 'current' | 'x-pkcs7';

const FILE_NAME: Record<SmimeType, string> = {
  'signed-data': 'smime.p7m', 'enveloped-data': 'smime.p7m', 'authEnveloped-data': 'smime.p7m',
  'compressed-data': 'smime.p7z', 'certs-only': 'smime.p7c', 'signed-receipt': 'smime.p7m',
};

/** Base64 in 76-character lines (RFC 2045 6.8), CRLF line ends. */
export function base64Lines(der: Uint8Array): string {
  return (Buffer.from(der).toString('base64').match(/.{1,76}/g) ?? []).join(CRLF) + CRLF;
}

export function pkcs7MimeEntity(der: Uint8Array, smimeType: SmimeType, names: MediaNames = 'current'): string {
  const type = names === 'x-pkcs7' ? 'application/x-pkcs7-mime' : 'application/pkcs7-mime';
  const file = FILE_NAME[smimeType];
  return [
    `Content-Type: ${type}; smime-type=${smimeType}; name=${file}`,
    'Content-Transfer-Encoding: base64',
    `Content-Disposition: attachment; filename=${file}`,
    '',
    base64Lines(der),
  ].join(CRLF);
}

/** A text/plain entity with 7bit transfer encoding, already canonical (CRLF, no trailing spaces). */
export function textEntity(body: string): string {
  if (/(?<!\r)\n|\r(?!\n)/.test(body)) throw new Error('text entity body must use CRLF line ends');
  return ['Content-Type: text/plain; charset=us-ascii', 'Content-Transfer-Encoding: 7bit', '', body].join(CRLF);
}

/** A boundary of the seeded stream: cannot occur in base64 or in our text, per RFC 2046 5.1.1. */
export function boundary(rnd: SeededRandom): string {
  return `----=_cmsi_${Buffer.from(rnd.bytes(12)).toString('hex')}`;
}

export interface MultipartSignedParts {
  /** The signed entity exactly as signed (headers, blank line, body), CRLF. */
  readonly signedEntity: string;
  readonly signatureDer: Uint8Array;
  /** RFC 8551 3.5.3.2 (sha-256 ...), or RFC 2633 3.4.3.2 (sha1) for v3. */
  readonly micalg: string;
  readonly boundary: string;
  readonly names?: MediaNames;
}

/** multipart/signed (RFC 1847, RFC 8551 3.5.3): the signed entity, then the detached signature. */
export function multipartSigned(p: MultipartSignedParts): string {
  const sigType = p.names === 'x-pkcs7' ? 'application/x-pkcs7-signature' : 'application/pkcs7-signature';
  return [
    `Content-Type: multipart/signed; protocol="${sigType}"; micalg=${p.micalg}; boundary="${p.boundary}"`,
    '',
    'This is an S/MIME signed message.',
    '',
    `--${p.boundary}`,
    // The delimiter's CRLF belongs to the boundary (RFC 2046 5.1.1), not to the signed entity.
    `${p.signedEntity}`,
    `--${p.boundary}`,
    `Content-Type: ${sigType}; name=smime.p7s`,
    'Content-Transfer-Encoding: base64',
    'Content-Disposition: attachment; filename=smime.p7s',
    '',
    `${base64Lines(p.signatureDer)}`,
    `--${p.boundary}--`,
    '',
  ].join(CRLF);
}

export interface MessageHeaders {
  readonly from: string;
  readonly to: string;
  readonly subject: string;
  /** RFC 5322 date-time, fixed per sample: no wall clock. */
  readonly date: string;
  readonly messageId: string;
}

/** An RFC 5322 message: header block, MIME-Version, then the top-level entity's own headers. */
export function message(h: MessageHeaders, entity: string): string {
  return [
    `From: ${h.from}`,
    `To: ${h.to}`,
    `Subject: ${h.subject}`,
    `Date: ${h.date}`,
    `Message-ID: <${h.messageId}>`,
    'MIME-Version: 1.0',
    entity,
  ].join(CRLF);
}

export const MICALG: Record<string, string> = { sha1: 'sha1', sha256: 'sha-256', sha384: 'sha-384', sha512: 'sha-512' };
