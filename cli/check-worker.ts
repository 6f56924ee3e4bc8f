/**
 * A `cmsi check --jobs N` worker thread, run by the tinypool pool of cli/check-tasks.ts: loads the
 * catalog once (when tinypool first imports this module), then checks each file it is sent
 * (judging it against its manifest sample, and making its jsonl line, here, off the main thread).
 * The caches of checkers/x509/cache.ts live here per worker, so a signer certificate is read once
 * per worker, not once per message.
 */
import { loadCatalog } from '../core/catalog.ts';
import { InputError } from './io.ts';
import { checkTask, type WorkerReply, type WorkerRequest } from './check-tasks.ts';

const catalog = loadCatalog();

/**
 * One file. An input error (a large file that cannot be read when it is streamed) comes back as a
 * value, so that the main thread reports it as the I/O error it is (exit 2) and not as a crash:
 * an Error thrown across the thread boundary arrives without its class.
 */
export default function checkInWorker(m: WorkerRequest): WorkerReply {
  try {
    return { outcome: checkTask(m.task, m.bytes, catalog, m.lines) };
  } catch (e) {
    if (e instanceof InputError) return { inputError: e.message };
    throw e;
  }
}
