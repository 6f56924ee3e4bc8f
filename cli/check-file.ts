/**
 * One file of `cmsi check`: read whole and checked, or, above --stream-above, walked as a stream
 * (checkers/stream/), so that a 1 GiB attached SignedData is checked in flat memory. A large file
 * the streaming path does not apply to (another content type, a shape it does not follow) is read
 * whole after all, where the strict reader reports it precisely.
 */
import type { Catalog } from '../core/catalog.ts';
import { checkBytes } from '../checkers/engine.ts';
import type { FileResult } from '../checkers/finding.ts';
import { checkStreamed } from '../checkers/stream/check-stream.ts';
import { fileMessage } from '../checkers/stream/message-source.ts';
import { describeFsError } from '../core/fs-errors.ts';
import { InputError, readInput } from './io.ts';
import type { PortableOptions } from './check-tasks.ts';

/** Default of --stream-above: messages and detached contents larger than this are streamed. */
export const DEFAULT_STREAM_ABOVE = 64 * 1024 * 1024;

/** Checks the large file at `path` by streaming, or whole when streaming does not apply. */
export function checkLargeFile(name: string, path: string, what: string, catalog: Catalog, options: PortableOptions): FileResult {
  let source;
  try {
    source = fileMessage(path);
  } catch (e) {
    throw new InputError(`${path}: ${describeFsError(e)}`);
  }
  try {
    const s = checkStreamed(name, source, { catalog, ...options });
    if (s.ok) return s.result;
  } finally {
    source.close();
  }
  return checkBytes(name, readInput(path, what), { catalog, ...options });
}
