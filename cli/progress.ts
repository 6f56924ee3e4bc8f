/**
 * Progress of a long run on stderr: on a terminal one live line (a bar, counts and what is being
 * done, redrawn in place); otherwise (a CI log, a pipe) a plain line every 10 %, so logs stay short.
 */
export interface Progress {
  readonly update: (done: number, total: number, label: string) => void;
  /** Ends the live line, if any. */
  readonly end: () => void;
}

export function progressOn(stream: NodeJS.WriteStream, prefix = ''): Progress {
  const tty = stream.isTTY === true;
  let lastPct = -10;
  let drawn = false;
  return {
    update(done, total, label) {
      const pct = Math.floor((100 * done) / Math.max(total, 1));
      if (tty) {
        const width = 30;
        const bar = '#'.repeat(Math.min(width, Math.round((width * done) / Math.max(total, 1)))).padEnd(width, '.');
        const columns = stream.columns || 100;
        stream.write(`\r${`${prefix}[${bar}] ${done}/${total} ${label}`.slice(0, columns - 1).padEnd(columns - 1)}`);
        drawn = true;
      } else if (pct >= lastPct + 10 || done === total) {
        lastPct = pct - (pct % 10);
        stream.write(`${prefix}progress ${done}/${total} (${pct}%)\n`);
      }
    },
    end() {
      if (drawn) stream.write('\n');
      drawn = false;
    },
  };
}
