/**
 * The cmsi version, read once from the repository's package.json, so results and reports can say
 * which cmsi wrote them (a record from another version may mean other verdicts for the same bytes).
 */
import { readFileSync } from 'node:fs';
import { repoPath } from './paths.ts';

export const CMSI_VERSION: string = (JSON.parse(readFileSync(repoPath('package.json'), 'utf8')) as { version: string }).version;

/** a < b for dotted versions ([3, 0, 19] before "3.0.22"): the bounds of stack expectations. */
export function versionBefore(a: readonly number[], b: string): boolean {
  const bs = b.split('.').map(Number);
  for (let i = 0; i < Math.max(a.length, bs.length); i++) {
    const x = a[i] ?? 0;
    const y = bs[i] ?? 0;
    if (x !== y) return x < y;
  }
  return false;
}
