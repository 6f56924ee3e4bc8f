/**
 * SIGINT and SIGTERM during a long command (cmsi interop, cmsi run): the first signal aborts the
 * work, which then ends the stacks' processes, agents and temporary directories itself and
 * returns; a second one ends them at once (adapters/cleanup.ts) and exits. Exit code 128 + the
 * signal's number (130 for SIGINT, 143 for SIGTERM), as shells do.
 */
import { constants } from 'node:os';
import { cleanupAll } from '../adapters/cleanup.ts';

export const exitCodeOf = (signal: NodeJS.Signals): number => 128 + (constants.signals[signal] ?? 0);

export async function withInterruption<T>(command: string, fn: (signal: AbortSignal) => Promise<T>): Promise<{ readonly value: T; readonly signal: NodeJS.Signals | null }> {
  const controller = new AbortController();
  let received: NodeJS.Signals | null = null;
  const onSignal = (signal: NodeJS.Signals) => {
    if (received) {
      cleanupAll();
      process.stderr.write(`\n${command}: ${signal} again: stopped at once\n`);
      process.exit(exitCodeOf(received));
    }
    received = signal;
    process.stderr.write(`\n${command}: ${signal}: ending the stacks' processes and temporary files (${signal} again stops at once)\n`);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const value = await fn(controller.signal);
    return { value, signal: received };
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}
