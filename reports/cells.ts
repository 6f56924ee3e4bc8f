/**
 * A matrix cell, shared by every format: its counts, its text (`ok/total`, `(N!)` for the samples
 * rejected, crashed or recovered with the wrong content, `n/s` when none is supported), its kind
 * for colour and tests, and a colour graded by rate, so 2/157 and 77/157 do not look the same.
 */
export interface Cell {
  readonly ok: number;
  readonly total: number;
  readonly unsupported: number;
  readonly bad: number;
}

export const emptyCell = (): { ok: number; total: number; unsupported: number; bad: number } => ({ ok: 0, total: 0, unsupported: 0, bad: 0 });

export function cellText(c: Cell | undefined): string {
  if (!c || c.total === 0) return '';
  if (c.ok === c.total) return `${c.ok}/${c.total}`;
  if (c.unsupported === c.total) return 'n/s';
  return `${c.ok}/${c.total}${c.bad ? ` (${c.bad}!)` : ''}`;
}

export type CellKind = 'empty' | 'unsupported' | 'ok' | 'partial' | 'bad';

export function cellKind(c: Cell | undefined): CellKind {
  if (!c || c.total === 0) return 'empty';
  if (c.unsupported === c.total) return 'unsupported';
  return c.bad ? 'bad' : c.ok === c.total ? 'ok' : 'partial';
}

export const cellTitle = (c: Cell | undefined): string =>
  !c || !c.total ? '' : `${c.ok} as expected, ${c.unsupported} not supported, ${c.bad} rejected, crashed or wrong (of ${c.total})`;

const mix = (a: readonly number[], b: readonly number[], t: number) => a.map((x, i) => Math.round(x + ((b[i] ?? x) - x) * t));
const RED = [240, 150, 150];
const YELLOW = [255, 236, 160];
const LIGHT_GREEN = [222, 242, 196];
/** The colour of a full cell (every sample as expected). */
export const OK_RGB = [200, 239, 200];

/** rgb() for a cell's rate ok/total: red at 0, yellow at one half, light green just below 1, green at 1. */
export function rateColour(c: Cell): string {
  const rate = c.total ? c.ok / c.total : 0;
  const rgb = rate >= 1 ? OK_RGB : rate < 0.5 ? mix(RED, YELLOW, rate / 0.5) : mix(YELLOW, LIGHT_GREEN, (rate - 0.5) / 0.5);
  return `rgb(${rgb.join(', ')})`;
}
