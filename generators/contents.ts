/**
 * The contents that samples carry. "ex-content" is RFC 4134's ExContent; "message" is a small
 * MIME entity with CRLF line ends, as an S/MIME agent would sign; "large" is several kilobytes so
 * that BER samples split it into more than one constructed OCTET STRING segment.
 */
import type { ContentName } from './case.ts';

const MESSAGE = [
  'Content-Type: text/plain; charset=us-ascii',
  '',
  'This is the cms-interop sample message.',
  'Every byte of it is part of the signed or encrypted content,',
  'including the CRLF line ends.',
  '',
].join('\r\n');

function large(): string {
  const lines: string[] = [];
  for (let i = 0; i < 100; i++) lines.push(`Line ${String(i).padStart(3, '0')} of the large cms-interop sample content.`);
  return `${lines.join('\r\n')}\r\n`;
}

const TEXT: Record<ContentName, string> = {
  'ex-content': 'This is some sample content.',
  message: MESSAGE,
  large: large(),
};

export const CONTENT_NAMES = Object.keys(TEXT) as ContentName[];

export const contentBytes = (name: ContentName): Uint8Array => new TextEncoder().encode(TEXT[name]);
