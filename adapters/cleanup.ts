/**
 * What the stacks leave running or on disk, and how to end it: every temporary directory, agent
 * and helper process an adapter starts registers a synchronous cleanup here and releases it when it
 * ends the thing itself. An interrupted run (SIGINT, SIGTERM) calls cleanupAll(), so no gpg-agent,
 * JVM, Python worker or /tmp/cmsi-* directory outlives it; a process that exits without closing
 * its adapters runs it too (on 'exit'). A run killed with SIGKILL cannot clean up: nothing can.
 */
const pending = new Map<number, { readonly what: string; readonly end: () => void }>();
let next = 1;
let exitHook = false;

/** Registers how to end `what`; the returned function releases it (call it once the thing has ended). */
export function onCleanup(what: string, end: () => void): () => void {
  if (!exitHook) {
    process.once('exit', () => cleanupAll());
    exitHook = true;
  }
  const id = next++;
  pending.set(id, { what, end });
  return () => void pending.delete(id);
}

/** Ends everything still registered, newest first (a process before the directory it works in). */
export function cleanupAll(): string[] {
  const ended: string[] = [];
  for (const [id, c] of [...pending.entries()].reverse()) {
    pending.delete(id);
    try {
      c.end();
      ended.push(c.what);
    } catch {
      // best effort: one failing cleanup must not keep the others from running
    }
  }
  return ended;
}

/** What is registered now (tests, and the message of an interrupted run). */
export const pendingCleanups = (): string[] => [...pending.values()].map((c) => c.what);
