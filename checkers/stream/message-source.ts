/**
 * A message read by position in bounded pieces (checkers/stream/walk.ts reads it once, front to
 * back): a file through one file descriptor, or any other source a caller provides (the tests
 * use one that fails when a byte is read twice or too much at once).
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

export interface MessageSource {
  readonly size: number;
  /** Reads up to `buf.length` octets at `position` into `buf`; returns how many (0 at the end). */
  read(buf: Uint8Array, position: number): number;
  close(): void;
}

export function fileMessage(path: string): MessageSource {
  const fd = openSync(path, 'r');
  const size = fstatSync(fd).size;
  return {
    size,
    read: (buf, position) => readSync(fd, buf, 0, buf.length, position),
    close: () => closeSync(fd),
  };
}
