/**
 * Reading a submission (a directory or a .zip from a stranger) into memory, contained: every entry
 * is inspected before a byte is inflated, and the whole submission is refused, with one message,
 * on zip-slip or absolute paths, symlinks, hard links, device files and other non-regular entries,
 * names that are not UTF-8, too many files, an entry over the message cap, a total over the total
 * cap, or a compression ratio of a zip bomb. Nothing is written to disk and nothing is executed:
 * the caller gets path -> bytes. The zip's central directory is read here (fflate's unzip does not
 * expose the external attributes that carry the Unix file type) and each entry is inflated by
 * node:zlib with maxOutputLength, so a lying size field cannot make it inflate more than the cap.
 */
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';

export const LIMITS = {
  files: 2_000,
  /** One message, certificate or content file. */
  entryBytes: 16 * 1024 * 1024,
  totalBytes: 128 * 1024 * 1024,
  /** Inflated / compressed, for entries over 1 MiB inflated. */
  ratio: 200,
  archiveBytes: 64 * 1024 * 1024,
  depth: 16,
} as const;

export type Archive = { readonly ok: true; readonly files: ReadonlyMap<string, Uint8Array> } | { readonly ok: false; readonly error: string };

class Refused extends Error {}
const refuse = (msg: string): never => { throw new Refused(msg); };
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A relative POSIX path of ordinary names, or a refusal saying what is wrong with it. */
export function safeName(raw: string): string {
  if (/[\u0000-\u001f\u007f\\]/.test(raw)) refuse(`entry name ${JSON.stringify(raw)} holds a control character or a backslash`);
  if (raw.startsWith('/') || /^[A-Za-z]:/.test(raw)) refuse(`entry ${JSON.stringify(raw)} has an absolute path`);
  const parts = raw.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.some((p) => p === '..')) refuse(`entry ${JSON.stringify(raw)} climbs out of the submission (zip-slip)`);
  if (parts.length > LIMITS.depth) refuse(`entry ${JSON.stringify(raw)} is nested deeper than ${LIMITS.depth} folders`);
  return parts.join('/');
}

function decodeName(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return refuse(`an entry name is not UTF-8 (${Buffer.from(bytes.slice(0, 40)).toString('hex')})`);
  }
}

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;

function readZip(buf: Buffer): Map<string, Uint8Array> {
  if (buf.length > LIMITS.archiveBytes) refuse(`the archive is ${buf.length} bytes, over the ${LIMITS.archiveBytes} cap`);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65_535); i--) if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  if (eocd < 0) refuse('not a zip archive (no end of central directory)');
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) refuse('zip64 archives are not accepted');
  if (count > LIMITS.files) refuse(`the archive holds ${count} entries, over the ${LIMITS.files} cap`);
  if (cdOffset + cdSize > buf.length) refuse('the zip central directory lies outside the file');
  const files = new Map<string, Uint8Array>();
  let total = 0;
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) refuse('damaged zip central directory');
    const madeBy = buf.readUInt8(p + 5);
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const csize = buf.readUInt32LE(p + 20);
    const usize = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const external = buf.readUInt32LE(p + 38);
    const local = buf.readUInt32LE(p + 42);
    const name = decodeName(buf.subarray(p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
    const mode = external >>> 16;
    const isDir = name.endsWith('/');
    // Host 3 (Unix) carries st_mode in the high half: anything but a regular file or folder is refused.
    if (madeBy === 3 && mode !== 0) {
      const type = mode & S_IFMT;
      if (type === 0o120000) refuse(`entry ${JSON.stringify(name)} is a symbolic link`);
      if (type !== S_IFREG && type !== S_IFDIR) refuse(`entry ${JSON.stringify(name)} is not a regular file (mode ${mode.toString(8)}: a device, FIFO or socket)`);
    }
    const path = safeName(name);
    if (isDir || path === '') continue;
    if (flags & 1) refuse(`entry ${JSON.stringify(name)} is encrypted`);
    if (usize > LIMITS.entryBytes) refuse(`entry ${JSON.stringify(name)} is ${usize} bytes, over the ${LIMITS.entryBytes} cap of one file`);
    if (total + usize > LIMITS.totalBytes) refuse(`the submission inflates past the ${LIMITS.totalBytes}-byte total cap (a zip bomb)`);
    if (files.has(path)) refuse(`entry ${JSON.stringify(name)} appears twice`);
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50) refuse(`entry ${JSON.stringify(name)}: damaged local header`);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    if (start + csize > buf.length) refuse(`entry ${JSON.stringify(name)} lies outside the archive`);
    const raw = buf.subarray(start, start + csize);
    let data: Buffer;
    if (method === 0) data = Buffer.from(raw);
    else if (method === 8) {
      // One byte more than declared is enough to catch a header that lies about the size.
      const cap = Math.min(usize + 1, LIMITS.entryBytes, LIMITS.totalBytes - total);
      try {
        data = inflateRawSync(raw, { maxOutputLength: Math.max(1, cap) });
      } catch (e) {
        return refuse(`entry ${JSON.stringify(name)} inflates past the size caps or is damaged (${(e as Error).message.slice(0, 80)}): a zip bomb?`);
      }
    } else return refuse(`entry ${JSON.stringify(name)} uses compression method ${method} (only stored and deflate)`);
    if (data.length !== usize) refuse(`entry ${JSON.stringify(name)} inflates to ${data.length} bytes, not the ${usize} it declares`);
    if (data.length > 1024 * 1024 && data.length > csize * LIMITS.ratio) refuse(`entry ${JSON.stringify(name)} has a compression ratio over ${LIMITS.ratio}:1 (a zip bomb)`);
    total += data.length;
    if (total > LIMITS.totalBytes) refuse(`the submission inflates past the ${LIMITS.totalBytes}-byte total cap (a zip bomb)`);
    files.set(path, new Uint8Array(data));
  }
  return files;
}

function readDir(root: string): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  let total = 0;
  const walk = (rel: string, depth: number) => {
    if (depth > LIMITS.depth) refuse(`${rel} is nested deeper than ${LIMITS.depth} folders`);
    for (const entry of readdirSync(join(root, rel))) {
      const path = rel ? `${rel}/${entry}` : entry;
      safeName(path);
      const st = lstatSync(join(root, path));
      if (st.isSymbolicLink()) refuse(`${path} is a symbolic link`);
      if (st.isDirectory()) { walk(path, depth + 1); continue; }
      if (!st.isFile()) refuse(`${path} is not a regular file (a device, FIFO or socket)`);
      if (st.nlink > 1) refuse(`${path} is a hard link (${st.nlink} names)`);
      if (st.size > LIMITS.entryBytes) refuse(`${path} is ${st.size} bytes, over the ${LIMITS.entryBytes} cap of one file`);
      total += st.size;
      if (total > LIMITS.totalBytes) refuse(`the submission is over the ${LIMITS.totalBytes}-byte total cap`);
      if (files.size >= LIMITS.files) refuse(`the submission holds more than ${LIMITS.files} files`);
      files.set(path, new Uint8Array(readFileSync(join(root, path))));
    }
  };
  walk('', 0);
  return files;
}

/** The files of the submission at `path` (a folder, or a .zip file), or why it is refused. */
export function readSubmission(path: string): Archive {
  try {
    const st = lstatSync(path);
    if (st.isSymbolicLink()) return { ok: false, error: `${path} is a symbolic link` };
    if (st.isDirectory()) return { ok: true, files: readDir(path) };
    if (!st.isFile()) return { ok: false, error: `${path} is neither a folder nor a .zip file` };
    if (st.size > LIMITS.archiveBytes) return { ok: false, error: `the archive is ${st.size} bytes, over the ${LIMITS.archiveBytes} cap` };
    return { ok: true, files: readZip(readFileSync(path)) };
  } catch (e) {
    if (e instanceof Refused) return { ok: false, error: e.message };
    const code = (e as NodeJS.ErrnoException).code;
    if (code) return { ok: false, error: `cannot read ${path} (${code})` };
    return { ok: false, error: `damaged archive (${(e as Error).message.slice(0, 100)})` };
  }
}
