/**
 * A sample's expected verdict against the one the checker gave: what `cmsi check --manifest`
 * reports per sample, and what the CI formats turn into passing or failing test cases. A sample
 * matches when valid samples are valid, invalid ones invalid or unparseable, acceptable ones
 * acceptable or valid, and an invalid or acceptable sample is caught for the reason it was made
 * (a non-pass finding for one of the requirements it violates).
 */
import type { Sample } from '../core/manifest.ts';
import type { FileResult, Verdict } from './finding.ts';

export interface Expectation {
  readonly sample: string;
  readonly expected: Sample['expected'];
  /** Valid samples: RFC sections exercised; invalid and acceptable ones: the ids they violate. */
  readonly requirements: readonly string[];
  readonly actual: Verdict;
  readonly matches: boolean;
  /** Why it does not match, in one line. */
  readonly mismatch?: string;
}

type Judged = Pick<FileResult, 'verdict' | 'reason' | 'findings' | 'limit'>;

export function judge(sample: Pick<Sample, 'id' | 'expected' | 'requirements' | 'limit'>, r: Judged): Expectation {
  const base = { sample: sample.id, expected: sample.expected, requirements: sample.requirements, actual: r.verdict };
  const why = mismatchOf(sample, r);
  return why === null ? { ...base, matches: true } : { ...base, matches: false, mismatch: why };
}

function mismatchOf(s: Pick<Sample, 'expected' | 'requirements' | 'limit'>, r: Judged): string | null {
  // A sample made to exhaust a receiver: the checker must stop at its bound and say so.
  if (s.limit) {
    if (r.verdict === 'unchecked' && r.limit?.limit === s.limit) return null;
    return `${r.verdict}${r.limit ? ` at limit ${r.limit.limit}` : ''}, expected unchecked at the ${s.limit} limit (the sample is built to exceed it)`;
  }
  const failures = () => r.findings.filter((f) => f.status === 'fail').slice(0, 3).map((f) => `${f.rule}: ${f.message}`).join('; ');
  if (s.expected === 'valid' && r.verdict !== 'valid') return `${r.verdict}, expected valid (${r.reason ?? failures()})`;
  if (s.expected === 'invalid' && r.verdict !== 'invalid' && r.verdict !== 'unparseable') {
    return `${r.verdict}, expected invalid (it violates ${s.requirements.join(', ')})`;
  }
  if (s.expected === 'acceptable' && r.verdict !== 'acceptable' && r.verdict !== 'valid') return `${r.verdict}, expected acceptable (${r.reason ?? failures()})`;
  if (s.expected !== 'valid' && !r.findings.some((f) => f.status !== 'pass' && s.requirements.includes(f.rule))) {
    const found = failures();
    return `${r.verdict}, but no finding for ${s.requirements.join(', ')}${found ? ` (found: ${found})` : ''}`;
  }
  return null;
}
