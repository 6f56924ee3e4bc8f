/**
 * A `cmsi check --jobs N` worker thread (cli/check-tasks.ts): loads the catalog once, then checks
 * each file it is sent and posts the FileResult back. The caches of checkers/x509/cache.ts live
 * here per worker, so a signer certificate is read once per worker, not once per message.
 */
import { parentPort } from 'node:worker_threads';
import { loadCatalog } from '../core/catalog.ts';
import { checkBytes } from '../checkers/engine.ts';
import type { PortableOptions } from './check-tasks.ts';
import { checkLargeFile } from './check-file.ts';

const catalog = loadCatalog();

parentPort!.on('message', (m: { name: string; bytes?: Uint8Array; path?: string; what?: string; options: PortableOptions }) => {
  try {
    const result = m.bytes ? checkBytes(m.name, m.bytes, { catalog, ...m.options }) : checkLargeFile(m.name, m.path!, m.what ?? 'file', catalog, m.options);
    parentPort!.postMessage({ result });
  } catch (e) {
    parentPort!.postMessage({ error: e instanceof Error ? e.message : String(e) });
  }
});
