/**
 * Known divergences: which consume records a stack's expectations file (expectations/<stack>.yaml,
 * core/expectations.ts) explains. A record is known when an entry names its sample (or one of its
 * flags), says the outcome the stack gave (accept, reject, unsupported, hang, or wrong-content: accepted
 * with other content) and holds for the record's
 * stack version (before / since). A stack generation (`openssl@3.6`) reads its family's file
 * (openssl.yaml): the version bounds tell the generations apart. The report lists known ones
 * apart from new ones, and `cmsi diff --ignore-known` leaves them out; neither changes a verdict.
 */
import { loadExpectations, type Expectation } from '../core/expectations.ts';
import { versionBefore } from '../core/version.ts';
import type { ConsumeRecord } from '../interop/records.ts';

/** The file a stack's expectations live in: its family name, without the generation. */
export const expectationsFileOf = (stack: string): string => stack.replace(/@.*$/, '');

/** Dotted version numbers from a stack's version text ("OpenSSL 3.0.19 27 Jan 2026" -> [3, 0, 19]). */
export function versionNumbers(text: string): readonly number[] | null {
  const m = /(\d+(?:\.\d+)+)/.exec(text);
  return m ? m[1]!.split('.').map(Number) : null;
}

/** Whether an entry's version bounds hold; an unknown version satisfies only unbounded entries. */
export function holdsFor(e: Expectation, version: readonly number[] | null): boolean {
  if (!e.before && !e.since) return true;
  if (!version) return false;
  return (!e.before || versionBefore(version, e.before)) && (!e.since || !versionBefore(version, e.since));
}

export type KnownOf = (r: Pick<ConsumeRecord, 'stack' | 'version' | 'sample' | 'flags' | 'verdict'> & { readonly contentMatch?: boolean | null }) => Expectation | null;

/**
 * Whether an entry's outcome is the record's: its verdict, or wrong-content for an accept whose
 * content differed (an accept entry also matches that record, as it did before wrong-content).
 */
export const outcomeFits = (outcome: Expectation['outcome'], r: { readonly verdict: string; readonly contentMatch?: boolean | null }): boolean =>
  outcome === 'wrong-content' ? r.verdict === 'accept' && r.contentMatch === false : outcome === r.verdict;

/**
 * A matcher over the expectation files of `dir` (each file read once). Sample entries win over
 * flag entries, so the reason shown is the most specific one.
 */
export function knownDivergences(load: (file: string) => readonly Expectation[] = (f) => loadExpectations(f)): KnownOf {
  const files = new Map<string, readonly Expectation[]>();
  const entriesOf = (stack: string) => {
    const f = expectationsFileOf(stack);
    let es = files.get(f);
    if (!es) files.set(f, (es = load(f)));
    return es;
  };
  return (r) => {
    const version = versionNumbers(r.version);
    const fits = (e: Expectation) => outcomeFits(e.outcome, r) && holdsFor(e, version);
    const es = entriesOf(r.stack);
    return es.find((e) => e.sample === r.sample && fits(e)) ?? es.find((e) => e.flag !== undefined && r.flags.includes(e.flag) && fits(e)) ?? null;
  };
}
