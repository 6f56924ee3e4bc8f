/**
 * A conformance run on third-party messages: checks every file an expectations table names (a
 * folder of real-world messages, e.g. those Thunderbird's test suite ships) with the keys and
 * certificates found beside them, and prints, case by case, whether `cmsi check` agrees with the
 * outcome the third party asserts. Agreement: `valid` expected and the verdict valid or acceptable
 * (receivers must accept an acceptable message); `invalid` expected and the verdict invalid or
 * unparseable. An `unchecked` verdict never agrees: something could not be decided. Rows expected
 * `unknown` are checked and listed but not counted; rows whose file is absent are listed apart.
 *
 * Keys: each PKCS #12 file (.p12, .pfx) in the folder is opened with OpenSSL's `pkcs12` command
 * (a real stack; the checker itself reads PKCS #8 and certificates only), with the password of
 * --p12-password, passed through the environment rather than the command line.
 */
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { loadCatalog, type Catalog } from '../core/catalog.ts';
import type { Profile } from '../core/vocabulary.ts';
import { checkBytes, type CheckOptions } from '../checkers/engine.ts';
import type { Verdict } from '../checkers/finding.ts';
import { pairKeysWithCertificates } from '../checkers/crypto/recipient-keys.ts';
import { readCertificate } from '../checkers/x509/certificate.ts';
import { parseAt } from '../checkers/x509/validation-time.ts';
import { InputError } from './io.ts';
import { UsageError } from './usage.ts';

export type Expected = 'valid' | 'invalid' | 'unknown';

export interface ExpectationRow {
  readonly path: string;
  readonly expected: Expected;
  readonly reason: string;
}

export type CaseOutcome =
  | { readonly kind: 'agree' | 'disagree' | 'not-counted'; readonly row: ExpectationRow; readonly verdict: Verdict; readonly detail: string }
  | { readonly kind: 'absent'; readonly row: ExpectationRow };

export interface ConformanceResult {
  readonly cases: readonly CaseOutcome[];
  readonly counted: number;
  readonly agreeing: number;
}

export interface ConformanceOptions {
  readonly dir: string;
  readonly expectations: string;
  /** Trust anchors (PEM or DER certificate files). */
  readonly ca?: readonly string[];
  /** Path validation time, as `cmsi check --at` takes it. */
  readonly at?: string;
  readonly p12Password?: string;
  readonly profile?: Profile;
  readonly catalog?: Catalog;
}

/** Reads a tab-separated table with a header line `path<TAB>expected<TAB>reason`. */
export function parseExpectations(text: string): ExpectationRow[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = lines.shift()?.split('\t') ?? [];
  if (header[0] !== 'path' || header[1] !== 'expected') throw new Error('expectations: the first line must be "path<TAB>expected<TAB>reason"');
  return lines.map((l, i) => {
    const [path, expected, ...reason] = l.split('\t');
    if (!path || !['valid', 'invalid', 'unknown'].includes(expected ?? '')) throw new Error(`expectations line ${i + 2}: expected must be valid, invalid or unknown, got "${expected ?? ''}"`);
    return { path, expected: expected as Expected, reason: reason.join('\t') };
  });
}

const pemBlocks = (text: string, label: string): Uint8Array[] =>
  [...text.matchAll(new RegExp(`-----BEGIN ${label}-----[\\s\\S]*?-----END ${label}-----`, 'g'))].map((m) => new Uint8Array(Buffer.from(m[0], 'latin1')));

const derOfPem = (pem: Uint8Array): Uint8Array => {
  const body = Buffer.from(pem).toString('latin1').replace(/-----(BEGIN|END) [^-]+-----/g, '').replace(/\s+/g, '');
  return new Uint8Array(Buffer.from(body, 'base64'));
};

/** Every PKCS #12 file under `dir` (depth-bounded), opened with `openssl pkcs12`. */
function keysOf(dir: string, password: string): { keys: Uint8Array[]; certs: Uint8Array[] } {
  const keys: Uint8Array[] = [];
  const certs: Uint8Array[] = [];
  const walk = (d: string, depth: number): void => {
    if (depth > 8) return;
    let names: string[];
    try {
      names = readdirSync(d).sort();
    } catch {
      throw new InputError(`${d}: cannot be read as a directory`);
    }
    for (const name of names) {
      const p = join(d, name);
      // lstat: symbolic links are not followed (no loops, nothing outside the folder).
      const st = lstatSync(p);
      if (st.isDirectory()) walk(p, depth + 1);
      else if (['.p12', '.pfx'].includes(extname(name).toLowerCase())) {
        const run = (args: string[]): string => {
          try {
            return execFileSync('openssl', ['pkcs12', '-in', p, '-passin', 'env:CMSI_P12_PASSWORD', ...args], { env: { ...process.env, CMSI_P12_PASSWORD: password }, stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 }).toString('latin1');
          } catch {
            throw new InputError(`${p}: openssl pkcs12 cannot open it (wrong --p12-password, or not PKCS #12)`);
          }
        };
        keys.push(...pemBlocks(run(['-nodes', '-nocerts']), 'PRIVATE KEY'));
        certs.push(...pemBlocks(run(['-nokeys', '-clcerts']), 'CERTIFICATE').map(derOfPem));
      }
    }
  };
  walk(dir, 0);
  return { keys, certs };
}

const agrees = (expected: Expected, v: Verdict): boolean =>
  expected === 'valid' ? v === 'valid' || v === 'acceptable' : expected === 'invalid' ? v === 'invalid' || v === 'unparseable' : false;

export function runConformance(o: ConformanceOptions): ConformanceResult {
  let table: string;
  try {
    table = readFileSync(o.expectations, 'utf8');
  } catch {
    throw new InputError(`--expectations ${o.expectations}: cannot be read`);
  }
  let rows: ExpectationRow[];
  try {
    rows = parseExpectations(table);
  } catch (e) {
    throw new InputError(`--expectations ${o.expectations}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const catalog = o.catalog ?? loadCatalog();
  const anchors = (o.ca ?? []).map((f) => {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(readFileSync(f));
    } catch {
      throw new InputError(`--ca ${f}: cannot be read`);
    }
    const pem = pemBlocks(Buffer.from(bytes).toString('latin1'), 'CERTIFICATE')[0];
    const der = pem ? derOfPem(pem) : bytes;
    if (!readCertificate(der).ok) throw new InputError(`--ca ${f} is not a parseable X.509 certificate`);
    return { der, label: `--ca ${relative(o.dir, f)}` };
  });
  let at: CheckOptions['at'];
  if (o.at !== undefined) {
    const ms = parseAt(o.at);
    if (ms === null) throw new UsageError(`--at must be a date or an ISO 8601 instant, got "${o.at}"`);
    at = { ms, source: 'at' };
  }
  const material = keysOf(o.dir, o.p12Password ?? '');
  const options: CheckOptions = {
    catalog, profile: o.profile ?? 'current', certs: material.certs, content: null,
    keys: pairKeysWithCertificates(material.keys, material.certs),
    ...(anchors.length ? { anchors } : {}), ...(at ? { at } : {}),
  };
  const cases: CaseOutcome[] = rows.map((row) => {
    const file = join(o.dir, row.path);
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(readFileSync(file));
    } catch {
      return { kind: 'absent', row };
    }
    const r = checkBytes(row.path, bytes, options);
    const detail = r.reason ?? `${r.findings.filter((f) => f.status === 'pass').length} rules passed`;
    const kind = row.expected === 'unknown' ? 'not-counted' : agrees(row.expected, r.verdict) ? 'agree' : 'disagree';
    return { kind, row, verdict: r.verdict, detail };
  });
  const counted = cases.filter((c) => c.kind === 'agree' || c.kind === 'disagree').length;
  return { cases, counted, agreeing: cases.filter((c) => c.kind === 'agree').length };
}

/** One line per case, disagreements first, then the agreement. */
export function formatConformance(r: ConformanceResult): string {
  const order = { disagree: 0, agree: 1, 'not-counted': 2, absent: 3 } as const;
  const label = { disagree: 'DISAGREE', agree: 'agree', 'not-counted': 'no expectation', absent: 'absent' } as const;
  const lines = [...r.cases].sort((a, b) => order[a.kind] - order[b.kind]).map((c) =>
    c.kind === 'absent' ? `${label.absent}: ${c.row.path} (expected ${c.row.expected}; the file is not in the folder)`
      : `${label[c.kind]}: ${c.row.path}: expected ${c.row.expected}, cmsi check says ${c.verdict}${c.kind === 'disagree' || c.verdict !== 'valid' ? ` (${c.detail})` : ''}`);
  const pct = r.counted ? ((100 * r.agreeing) / r.counted).toFixed(1) : '0.0';
  const absent = r.cases.filter((c) => c.kind === 'absent').length;
  const uncounted = r.cases.filter((c) => c.kind === 'not-counted').length;
  lines.push(`agreement: ${r.agreeing}/${r.counted} (${pct} %) of the cases with an expectation; ${uncounted} without one, ${absent} absent`);
  return lines.join('\n');
}

export const CONFORMANCE_HELP = `usage: cmsi conformance DIR --expectations FILE [options]

Checks every file of a folder of third-party messages that FILE names (tab-separated: path,
expected valid|invalid|unknown, reason; paths relative to DIR) with the keys of the folder's
PKCS #12 files (opened with openssl pkcs12), and prints, case by case, whether cmsi check
agrees: valid with valid or acceptable, invalid with invalid or unparseable; unchecked never
agrees. Rows expected unknown are listed, not counted; absent files are listed apart.

  --expectations FILE        the table of expected outcomes
  --ca FILE                  a trust anchor certificate (PEM or DER); repeatable
  --at TIME                  validate paths at TIME (2026-06-01 or 2026-06-01T12:00:00Z)
  --p12-password P           the password of the PKCS #12 files
  --profile current|v3       which profile's requirements apply (default current)
  --min-agreement PERCENT    exit 1 when the agreement is below PERCENT (default 0)

Exit codes: 0 done (agreement at least --min-agreement); 1 below it; 2 usage or I/O error.`;

export function conformanceCommand(argv: readonly string[]): number {
  const { values, positionals } = parseArgs({
    args: [...argv], allowPositionals: true, strict: true,
    options: {
      expectations: { type: 'string' }, ca: { type: 'string', multiple: true }, at: { type: 'string' },
      'p12-password': { type: 'string' }, profile: { type: 'string', default: 'current' }, 'min-agreement': { type: 'string', default: '0' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(CONFORMANCE_HELP);
    return 0;
  }
  const dir = positionals[0];
  if (!dir || positionals.length > 1 || !values.expectations) throw new UsageError('give one DIR and --expectations FILE (see cmsi conformance --help)');
  if (values.profile !== 'current' && values.profile !== 'v3') throw new UsageError(`--profile must be current or v3, got "${values.profile}"`);
  const min = Number(values['min-agreement']);
  if (!Number.isFinite(min) || min < 0 || min > 100) throw new UsageError('--min-agreement takes a percentage from 0 to 100');
  const r = runConformance({
    dir, expectations: values.expectations, profile: values.profile,
    ...(values.ca ? { ca: values.ca } : {}), ...(values.at !== undefined ? { at: values.at } : {}),
    ...(values['p12-password'] !== undefined ? { p12Password: values['p12-password'] } : {}),
  });
  console.log(formatConformance(r));
  return r.counted && (100 * r.agreeing) / r.counted < min ? 1 : 0;
}
