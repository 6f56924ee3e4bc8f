/**
 * The installed OpenSSL's version as numbers, read once from `openssl version`, so the lists of
 * what OpenSSL cannot do can say "before 3.0.22": Debian's security updates change behaviour.
 */
import { versionBefore } from '../core/version.ts';
import { runProgram } from './run.ts';

export { versionBefore };

let cached: readonly number[] | null | undefined;

export function installedOpensslVersion(): readonly number[] | null {
  if (cached === undefined) {
    const r = runProgram('openssl', ['version']);
    const m = r.kind === 'exit' ? /OpenSSL (\d+)\.(\d+)\.(\d+)/.exec(r.stdout.toString()) : null;
    cached = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
  }
  return cached;
}

/** Keeps the entries that hold for the installed version: [reason, {before}] applies to older versions only, [reason, {since}] to newer. */
export function forInstalledVersion(entries: Readonly<Record<string, string | readonly [string, { readonly before?: string; readonly since?: string }]>>): Readonly<Record<string, string>> {
  return forVersion(entries, installedOpensslVersion() ?? [0, 0, 0]);
}

/** The same filter for a given version (another generation of the stack). */
export function forVersion(entries: Readonly<Record<string, string | readonly [string, { readonly before?: string; readonly since?: string }]>>, v: readonly number[]): Readonly<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [id, e] of Object.entries(entries)) {
    if (typeof e === 'string') out[id] = e;
    else if ((!e[1].before || versionBefore(v, e[1].before)) && (!e[1].since || !versionBefore(v, e[1].since))) out[id] = e[0];
  }
  return out;
}
