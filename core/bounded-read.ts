/**
 * Reading a descriptor whose size is not known before (a pipe, a device, stdin) to its end, in
 * chunks, up to a bound: /dev/zero or an endless pipe would otherwise be read until the process
 * dies. Null when the source gives more than `max` octets (nothing more is read).
 */
import { readSync } from 'node:fs';

const PAUSE = new Int32Array(new SharedArrayBuffer(4));

export function readBoundedFd(fd: number, max: number): Uint8Array | null {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const buf = Buffer.allocUnsafe(Math.min(1 << 20, max - total + 1));
    let n: number;
    try {
      n = readSync(fd, buf, 0, buf.length, null);
    } catch (e) {
      // A non-blocking pipe with nothing in it yet: wait a moment, as a blocking read would.
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      Atomics.wait(PAUSE, 0, 0, 2);
      continue;
    }
    if (n === 0) break;
    total += n;
    if (total > max) return null;
    chunks.push(n === buf.length ? buf : buf.subarray(0, n));
  }
  return new Uint8Array(Buffer.concat(chunks, total));
}
