/**
 * How long a stack gets to answer one message. Most samples get MESSAGE_TIMEOUT_MS. A sample built
 * to exhaust a receiver (its manifest names the `limit` it exercises, e.g. a PBKDF2 iteration count
 * of 2^31) gets LIMIT_SAMPLE_TIMEOUT_MS: a stack that bounds the work refuses it at once, and one
 * that does the work runs for many minutes (OpenSSL, gpgsm and Bouncy Castle 1.72 here), so a
 * longer wait would change no outcome, only cost every interop run the difference per stack. The
 * outcome is still `hang`. These are the adapters' own timers for the programs and processes they
 * drive (openssl, gpgsm, the Bouncy Castle JVM, which adds its start-up when a request starts it);
 * in-process stacks (pkijs, forge) answer to the interop harness's timer (interop/run.ts), and
 * none of them hangs on these samples.
 */
import type { Sample } from '../core/manifest.ts';

export const MESSAGE_TIMEOUT_MS = 20_000;
export const LIMIT_SAMPLE_TIMEOUT_MS = 5_000;

export const consumeTimeoutMs = (s: Pick<Sample, 'limit'>): number => (s.limit ? LIMIT_SAMPLE_TIMEOUT_MS : MESSAGE_TIMEOUT_MS);
