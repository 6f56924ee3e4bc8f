/**
 * Progress on stderr (cmsi interop, and cmsi run's interop phase): on a terminal one line redrawn
 * in place (carriage returns, no newline until the end); in a log, a plain line every 10 %.
 */
import { describe, expect, it } from 'vitest';
import { progressOn } from '../cli/progress.ts';

function stream(tty: boolean) {
  const writes: string[] = [];
  const s = { isTTY: tty, columns: 80, write: (t: string) => (writes.push(t), true) } as unknown as NodeJS.WriteStream;
  return { s, writes };
}

describe('progress', () => {
  it('on a terminal: one live line, redrawn in place, ended with one newline', () => {
    const { s, writes } = stream(true);
    const p = progressOn(s, 'interop ');
    for (let i = 1; i <= 50; i++) p.update(i, 50, `openssl sample-${i}`);
    p.end();
    expect(writes).toHaveLength(51);
    expect(writes.slice(0, 50).every((w) => w.startsWith('\r') && !w.includes('\n') && w.length === 80)).toBe(true);
    expect(writes[49]).toContain('[##############################] 50/50 openssl sample-50');
    expect(writes[50]).toBe('\n');
  });

  it('in a log: a first line with the total, then plain lines at each 10 %, the last at 100 %', () => {
    const { s, writes } = stream(false);
    const p = progressOn(s, 'interop ');
    for (let i = 1; i <= 200; i++) p.update(i, 200, 'x');
    p.end();
    expect(writes).toEqual(['interop progress 1/200 (0%)\n', ...[10, 20, 30, 40, 50, 60, 70, 80, 90, 100].map((pct) => `interop progress ${pct * 2}/200 (${pct}%)\n`)]);
  });
});
