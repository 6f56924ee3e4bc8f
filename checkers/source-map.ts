/**
 * Maps a byte range of the decoded CMS back to the file it came from (checkers/input.ts records
 * where that is): the same bytes for DER and binary MIME bodies, the base64 characters that encode
 * them for PEM, base64 and base64 MIME bodies (whitespace and line breaks skipped, whole 4-character
 * groups), and the entity headers for findings about the MIME layer (path `mime...`). So a SARIF
 * viewer highlights the characters that hold the offending octets, not unrelated text.
 */
import type { CmsSource } from './input.ts';

export interface FileRegion {
  readonly offset: number;
  readonly length: number;
}

export type SourceMapper = (offset: number, length: number, path: string) => FileRegion;

const isBase64Char = (c: number): boolean =>
  (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2f || c === 0x3d || c === 0x2d || c === 0x5f;

export function sourceMapper(file: Uint8Array, source: CmsSource): SourceMapper {
  const headers = source.headers;
  const mime = (path: string): FileRegion | null =>
    headers && (path === 'mime' || path.startsWith('mime.')) ? { offset: headers.start, length: headers.end - headers.start } : null;
  if (source.encoding === 'binary') {
    return (offset, length, path) => mime(path) ?? { offset: source.start + offset, length };
  }
  // File offset of each base64 character, in order (the decoder ignores everything else).
  const positions = new Int32Array(source.end - source.start);
  let n = 0;
  for (let i = source.start; i < source.end; i++) if (isBase64Char(file[i]!)) positions[n++] = i;
  const at = (char: number): number => (n === 0 ? source.start : positions[Math.min(char, n - 1)]!);
  return (offset, length, path) => {
    const m = mime(path);
    if (m) return m;
    const first = Math.floor(offset / 3) * 4;
    if (length <= 0) return { offset: at(first), length: 0 };
    const last = Math.floor((offset + length - 1) / 3) * 4 + 3;
    const start = at(first);
    return { offset: start, length: at(last) + 1 - start };
  };
}
