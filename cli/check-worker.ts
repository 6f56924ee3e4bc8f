/**
 * A `cmsi check --jobs N` worker thread, run by the tinypool pool of cli/check-tasks.ts: loads the
 * catalog once (when tinypool first imports this module), then reads and checks each batch of
 * files it is sent (judging each against its manifest sample, and making its jsonl line, here,
 * off the main thread). The caches of checkers/x509/cache.ts live here per worker, so a signer
 * certificate is read once per worker, not once per message.
 */
import { kTransferable, kValue, markMovable } from 'tinypool';
import { loadCatalog } from '../core/catalog.ts';
import { checkBatch, type WorkerReply, type WorkerRequest } from './check-tasks.ts';

const catalog = loadCatalog();

/**
 * One batch; its lines' buffer moves to the main thread, not copied (tinypool's movable value: the
 * reply with a transfer list, which tinypool unwraps before the main thread sees it).
 */
export default function checkInWorker(m: WorkerRequest): WorkerReply | object {
  const { reply, transfer } = checkBatch(m, catalog);
  if (!transfer.length) return reply;
  const movable = { [kTransferable]: transfer, [kValue]: reply };
  markMovable(movable);
  return movable;
}
