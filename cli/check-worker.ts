/**
 * A `cmsi check --jobs N` worker thread (cli/check-tasks.ts): loads the catalog once, then checks
 * each file it is sent (judging it against its manifest sample, and making its jsonl line, here,
 * off the main thread) and posts the outcome back. The caches of checkers/x509/cache.ts live here
 * per worker, so a signer certificate is read once per worker, not once per message.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadCatalog } from '../core/catalog.ts';
import { checkTask, type CheckTask } from './check-tasks.ts';

const catalog = loadCatalog();
const lines = (workerData as { lines: boolean }).lines;

parentPort!.on('message', (m: { task: CheckTask; bytes: Uint8Array | 'stream' }) => {
  try {
    parentPort!.postMessage({ outcome: checkTask(m.task, m.bytes, catalog, lines) });
  } catch (e) {
    parentPort!.postMessage({ error: e instanceof Error ? e.message : String(e) });
  }
});
