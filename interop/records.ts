/**
 * Interop results on disk: run.json and JSON lines, one record per stack x sample x role,
 * appended as they come so an interrupted run can resume. The one place records are written,
 * validated (docs/results-schema-v1.json) and read. Reading never guesses: a damaged line, a
 * record of another run or corpus, a conflicting duplicate or a missing stacks.jsonl is a
 * problem the caller must show (refuse), a torn last line or an exact duplicate a loud warning.
 */
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { repoPath } from '../core/paths.ts';
import { RECORD_FILES, recordKey, RUN_FILE, type ResultRecord, type RunHeader, type RunIdentity } from './record-types.ts';

export * from './record-types.ts';

export const RESULTS_SCHEMA_PATH = repoPath('docs', 'results-schema-v1.json');

let validators: Record<RunHeader['kind'] | ResultRecord['kind'], ValidateFunction> | null = null;
function validatorsOf(): NonNullable<typeof validators> {
  if (validators) return validators;
  const schema = JSON.parse(readFileSync(RESULTS_SCHEMA_PATH, 'utf8')) as { $id: string };
  const ajv = new Ajv({ allErrors: false });
  ajv.addSchema(schema);
  const get = (kind: string) => ajv.getSchema(`${schema.$id}#/definitions/${kind}`)!;
  validators = { run: get('run'), stack: get('stack'), consume: get('consume'), produce: get('produce'), cross: get('cross') };
  return validators;
}

export type Validation<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/** Checks one parsed value against the schema of its kind: a record, or with `run` the run header. */
export function validateRecord(value: unknown, as: 'record'): Validation<ResultRecord>;
export function validateRecord(value: unknown, as: 'run'): Validation<RunHeader>;
export function validateRecord(value: unknown, as: 'record' | 'run'): Validation<ResultRecord | RunHeader> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, error: 'not a JSON object' };
  const kind = (value as { kind?: unknown }).kind;
  const v = validatorsOf();
  if (as === 'run' ? kind !== 'run' : typeof kind !== 'string' || !(kind in RECORD_FILES)) {
    return { ok: false, error: `kind ${JSON.stringify(kind)} is not ${as === 'run' ? '"run"' : Object.keys(RECORD_FILES).join(', ')}` };
  }
  const validate = v[kind as keyof typeof v];
  if (validate(value)) return { ok: true, value: value as ResultRecord | RunHeader };
  const e = validate.errors?.[0];
  return { ok: false, error: `${e?.instancePath || '(record)'} ${e?.message ?? 'does not match the schema'}${e?.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}` };
}

/** Appends one record as one write of one line, so a killed run leaves only whole lines. */
export function appendRecord(dir: string, r: ResultRecord): void {
  mkdirSync(dir, { recursive: true });
  appendFileSync(join(dir, RECORD_FILES[r.kind]), `${JSON.stringify(r)}\n`);
}

/** Writes run.json through a rename, so a reader never sees half of it. */
export function writeRun(dir: string, run: RunHeader): void {
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `.${RUN_FILE}.tmp`);
  writeFileSync(tmp, `${JSON.stringify(run, null, 2)}\n`);
  renameSync(tmp, join(dir, RUN_FILE));
}

/** Whether `dir` holds results (a run.json or any records) that a new run would destroy. */
export function holdsResults(dir: string): boolean {
  return existsSync(dir) && readdirSync(dir).some((f) => f === RUN_FILE || f.endsWith('.jsonl'));
}

/** Cuts a torn final line (from a killed writer) so appended records start on a fresh line. */
export function repairTornLines(dir: string): void {
  if (!existsSync(dir)) return;
  for (const f of Object.values(RECORD_FILES)) {
    const path = join(dir, f);
    if (!existsSync(path)) continue;
    const text = readFileSync(path, 'utf8');
    if (text && !text.endsWith('\n')) writeFileSync(path, text.slice(0, text.lastIndexOf('\n') + 1));
  }
}

export interface Problem {
  /** refuse: the results cannot be reported as they are; warn: reported, and the warning shown with them. */
  readonly severity: 'refuse' | 'warn';
  readonly message: string;
}

export interface LoadedResults {
  readonly run: RunHeader | null;
  /** Valid records of this run, each key once, in file order. */
  readonly records: readonly ResultRecord[];
  readonly problems: readonly Problem[];
  /** Lines per file, for the inputs' identity. */
  readonly counts: Readonly<Record<string, number>>;
}

const short = (sha: string) => `${sha.slice(0, 12)}…`;
const describeIdentity = (i: RunIdentity) => `run ${i.runId}, cmsi ${i.cmsi}, corpus seed ${i.seed} manifest ${short(i.manifestSha256)}`;
const withoutTiming = (r: ResultRecord): string => JSON.stringify({ ...r, ms: undefined });

/** Reads run.json and every record file of `dir`, validating each line; see Problem. */
export function loadResults(dir: string): LoadedResults {
  const problems: Problem[] = [];
  const refuse = (message: string) => problems.push({ severity: 'refuse', message });
  const warn = (message: string) => problems.push({ severity: 'warn', message });
  const counts: Record<string, number> = {};
  if (!existsSync(dir)) return { run: null, records: [], problems: [{ severity: 'refuse', message: `no results directory ${dir} (run cmsi interop first)` }], counts };

  let run: RunHeader | null = null;
  const runPath = join(dir, RUN_FILE);
  if (!existsSync(runPath)) {
    refuse(`${RUN_FILE} is missing: without it the corpus, the run and the expected number of records are unknown (results written by an older cmsi? run cmsi interop again)`);
  } else {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(runPath, 'utf8'));
    } catch {
      parsed = undefined;
    }
    const v = validateRecord(parsed, 'run');
    if (v.ok) run = v.value;
    else refuse(`${RUN_FILE} is damaged: ${parsed === undefined ? 'not JSON' : v.error}`);
  }

  const byKey = new Map<string, { record: ResultRecord; text: string }>();
  const records: ResultRecord[] = [];
  const foreign = new Map<string, number>();
  let exactDuplicates = 0;
  const conflicts: string[] = [];
  for (const [kind, file] of Object.entries(RECORD_FILES) as [ResultRecord['kind'], string][]) {
    const path = join(dir, file);
    if (!existsSync(path)) {
      if (kind === 'stack') refuse(`${file} is missing: which stacks ran, their versions and lineages are unknown (the Draft Standard bar counts independent lineages)`);
      continue;
    }
    const text = readFileSync(path, 'utf8');
    const lines = text.split('\n');
    if (lines.at(-1) === '') lines.pop();
    counts[file] = lines.length;
    lines.forEach((line, i) => {
      const where = `${file} line ${i + 1}`;
      if (!line.trim()) return;
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        if (i === lines.length - 1 && !text.endsWith('\n')) warn(`${where} is cut off (its writer was interrupted): ignored, and the run is incomplete`);
        else refuse(`${where} is not JSON: ${JSON.stringify(line.slice(0, 60))}`);
        return;
      }
      const v = validateRecord(parsed, 'record');
      if (!v.ok) return void refuse(`${where} does not match the results schema: ${v.error}`);
      const r = v.value;
      if (r.kind !== kind) return void refuse(`${where} is a ${r.kind} record in ${file}`);
      if (run && (r.runId !== run.runId || r.manifestSha256 !== run.manifestSha256 || r.seed !== run.seed || r.cmsi !== run.cmsi)) {
        const id = describeIdentity(r);
        foreign.set(id, (foreign.get(id) ?? 0) + 1);
        return;
      }
      const key = recordKey(r);
      const seen = byKey.get(key);
      if (seen) {
        if (seen.text === withoutTiming(r)) exactDuplicates++;
        else conflicts.push(`${key} (${where})`);
        return;
      }
      byKey.set(key, { record: r, text: withoutTiming(r) });
      records.push(r);
    });
  }
  if (run) {
    for (const [id, n] of foreign) {
      const sameCorpus = id.endsWith(`corpus seed ${run.seed} manifest ${short(run.manifestSha256)}`);
      refuse(`${n} records are not of this run (${describeIdentity(run)}) but of ${id}: ${sameCorpus ? 'results of two runs mixed' : 'results of another corpus mixed in'}`);
    }
  }
  if (conflicts.length) refuse(`${conflicts.length} records appear twice with different results, e.g. ${conflicts.slice(0, 3).join(', ')}`);
  if (exactDuplicates) warn(`${exactDuplicates} records appear twice (appended twice?): each is counted once`);

  const stacks = new Map(records.filter((r) => r.kind === 'stack').map((s) => [s.stack, s]));
  const orphans = new Set<string>();
  for (const r of records) {
    const names = r.kind === 'cross' ? [r.producer, r.consumer] : r.kind === 'stack' ? [] : [r.stack];
    for (const n of names) if (!stacks.get(n)?.installed) orphans.add(n);
  }
  if (orphans.size && existsSync(join(dir, RECORD_FILES.stack))) refuse(`records of ${[...orphans].sort().join(', ')} but no stack record saying they were installed (stacks.jsonl incomplete)`);
  if (run) for (const s of stacks.keys()) if (!run.stacks.includes(s)) refuse(`stack ${s} has records but is not a stack of this run (${RUN_FILE} lists ${run.stacks.join(', ')})`);
  return { run, records, problems, counts };
}

/** The valid records of `dir` (tests and tools that have already checked the problems). */
export function readRecords(dir: string): ResultRecord[] {
  return [...loadResults(dir).records];
}

/** run.json of `dir` when it is there and valid, else null (loadResults says why). */
export function readRunHeader(dir: string): RunHeader | null {
  const path = join(dir, RUN_FILE);
  if (!existsSync(path)) return null;
  try {
    const v = validateRecord(JSON.parse(readFileSync(path, 'utf8')), 'run');
    return v.ok ? v.value : null;
  } catch {
    return null;
  }
}
