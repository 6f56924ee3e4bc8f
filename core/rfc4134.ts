/**
 * Extractor for the binaries embedded in RFC 4134 ("Examples of S/MIME Messages"), Appendix A.
 *
 * The RFC carries each example file as base64 lines between markers; this module follows the
 * Perl program of Appendix A.2 line for line:
 *
 * - leading whitespace is removed from every line, then lines not starting with `|` are ignored
 *   (prose, ASN.1 dumps and the page footers/form feeds/headers that interrupt a file);
 * - `|*` is a comment, `|>NAME` opens NAME, `|<NAME` closes it (NAME must match the open file),
 *   and any other `|...` line is base64 for the open file.
 *
 * It is stricter than the Perl program wherever that program would silently produce wrong bytes:
 * a file left open at the end of the text, a duplicate or empty file name, base64 outside a
 * file, data after `=` padding, a group that ends with a single stray character, and non-zero
 * leftover bits are all errors here. One tolerance is added: a trailing CR is removed from each
 * line, which is what the Perl comment ("Get rid of CR or CRLF") intends but `chomp` does not do.
 */

import { readFileSync } from 'node:fs';
import { repoPath } from './paths.ts';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The vendored RFC text, resolved relative to this module (core/ -> ../spec/rfc/). */
export const RFC4134_PATH = repoPath('spec', 'rfc', 'rfc4134.txt');

/** Decoder state for one open file: 6-bit groups accumulate into whole bytes. */
interface OpenFile {
  readonly name: string;
  readonly startLine: number;
  readonly bytes: number[];
  /** Bits collected towards the next byte, and how many of them (0, 2, 4 or 6). */
  acc: number;
  accBits: number;
  /** Base64 characters seen since the last complete 4-character group (0..3). */
  groupChars: number;
  /** Set once `=` padding is seen: only further `=` on that line, then `|<`, may follow. */
  padded: boolean;
  padChars: number;
}

function fail(lineNo: number, message: string): never {
  throw new Error(`RFC 4134 extraction, line ${lineNo}: ${message}`);
}

function decodeLine(file: OpenFile, data: string, lineNo: number): void {
  for (const ch of data) {
    if (ch === '=') {
      // Padding may only complete a group of 2 or 3 characters (one or two `=`).
      if (!file.padded) {
        if (file.groupChars < 2) fail(lineNo, `misplaced '=' padding in ${file.name}`);
        file.padded = true;
      }
      file.padChars++;
      if (file.groupChars + file.padChars > 4) fail(lineNo, `too much '=' padding in ${file.name}`);
      continue;
    }
    if (file.padded) fail(lineNo, `base64 data after '=' padding in ${file.name}`);
    const value = BASE64.indexOf(ch);
    if (value < 0) {
      const shown = JSON.stringify(ch);
      fail(lineNo, `found the character ${shown}, which is not a Base64 character (in ${file.name})`);
    }
    file.acc = (file.acc << 6) | value;
    file.accBits += 6;
    if (file.accBits >= 8) {
      file.accBits -= 8;
      file.bytes.push((file.acc >> file.accBits) & 0xff);
      file.acc &= (1 << file.accBits) - 1;
    }
    file.groupChars = (file.groupChars + 1) % 4;
  }
}

function finish(file: OpenFile, lineNo: number): Uint8Array {
  if (file.padded && file.groupChars + file.padChars !== 4) {
    fail(lineNo, `incomplete '=' padding at the end of ${file.name}`);
  }
  if (file.groupChars === 1) fail(lineNo, `truncated base64 (one stray character) at the end of ${file.name}`);
  if (file.acc !== 0) fail(lineNo, `non-zero unused bits at the end of the base64 of ${file.name}`);
  return Uint8Array.from(file.bytes);
}

/**
 * Extracts every `|>NAME` ... `|<NAME` file from the RFC text.
 * Returns file name (as written in the RFC) -> decoded bytes, in order of appearance.
 */
export function extractRfc4134(text: string): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  let current: OpenFile | undefined;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    // Perl: s/^\s*// then chomp. \s is ASCII whitespace here (no unicode_strings in the script).
    let line = (lines[i] as string).replace(/^[\t\n\v\f\r ]+/, '');
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (!line.startsWith('|')) continue;
    const kind = line.charAt(1);
    if (kind === '*') continue;
    if (kind === '>') {
      const name = line.slice(2);
      if (current) fail(lineNo, `was about to start ${name}, but the old file ${current.name} was open`);
      if (name === '') fail(lineNo, 'empty file name after |>');
      if (out.has(name)) fail(lineNo, `file ${name} appears twice`);
      current = { name, startLine: lineNo, bytes: [], acc: 0, accBits: 0, groupChars: 0, padded: false, padChars: 0 };
    } else if (kind === '<') {
      const name = line.slice(2);
      if (!current) fail(lineNo, `was about to close ${name}, but no file is open`);
      if (current.name !== name) {
        fail(lineNo, `was about to close ${name}, but that name doesn't match the open file ${current.name}`);
      }
      out.set(name, finish(current, lineNo));
      current = undefined;
    } else {
      if (!current) fail(lineNo, 'got some Base64 but no file is open');
      decodeLine(current, line.slice(1), lineNo);
    }
  }
  if (current) {
    throw new Error(
      `RFC 4134 extraction: file ${current.name} opened at line ${current.startLine} is never closed (no |<${current.name})`,
    );
  }
  return out;
}

/** Reads the vendored RFC 4134 text (or `path`) and extracts its files. */
export function loadRfc4134(path: string = RFC4134_PATH): Map<string, Uint8Array> {
  return extractRfc4134(readFileSync(path, 'latin1'));
}
