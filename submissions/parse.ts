/**
 * submission.yaml and consumed.jsonl, parsed defensively: a size cap before parsing, the yaml
 * package's alias cap (an alias bomb expands to nothing), a cap on scalar length and on nesting
 * depth, then the JSON Schema (docs/submission-schema-v1.json), each error named by file and line.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Ajv as AjvClass, ValidateFunction } from 'ajv';
import { LineCounter, parseDocument } from 'yaml';
import { repoPath } from '../core/paths.ts';

export const SUBMISSION_SCHEMA_PATH = repoPath('docs', 'submission-schema-v1.json');
export const PARSE_LIMITS = { yamlBytes: 1024 * 1024, aliases: 50, scalarChars: 10_000, depth: 12, lineChars: 8_192, lines: 100_000 } as const;

export interface ProducedEntry {
  readonly file: string;
  readonly feature: string;
  readonly content?: string;
  readonly detached?: boolean;
  readonly trust_anchors?: readonly string[];
  readonly certs?: readonly string[];
  readonly recipient?: { readonly cert: string; readonly key: string };
  readonly password?: string;
  readonly kek?: { readonly key_id?: string; readonly key: string };
}

export interface SubmissionYaml {
  readonly format: 1;
  readonly implementation: { readonly name: string; readonly version: string; readonly vendor?: string; readonly lineage: string; readonly contact?: string };
  readonly date: string;
  readonly corpus: { readonly manifest_sha256: string };
  readonly consumed?: string;
  readonly produced?: readonly ProducedEntry[];
}

export interface ConsumedLine {
  readonly id: string;
  readonly actual: 'accept' | 'reject' | 'unsupported' | 'crash' | 'hang';
  readonly content_sha256?: string;
  readonly error?: string;
}

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

let validators: { yaml: ValidateFunction; line: ValidateFunction } | null = null;
function schema() {
  if (!validators) {
    const { Ajv } = createRequire(import.meta.url)('ajv') as { Ajv: typeof AjvClass };
    const s = JSON.parse(readFileSync(SUBMISSION_SCHEMA_PATH, 'utf8')) as Record<string, unknown>;
    const ajv = new Ajv({ allErrors: false, strict: false });
    ajv.addSchema(s, 'submission');
    validators = { yaml: ajv.getSchema('submission')!, line: ajv.getSchema('submission#/definitions/consumedLine')! };
  }
  return validators;
}

/** The deepest nesting and the longest string of a parsed value (iterative: no stack to blow). */
function shape(v: unknown): { depth: number; longest: number } {
  let depth = 0, longest = 0;
  const stack: [unknown, number][] = [[v, 0]];
  while (stack.length) {
    const [x, d] = stack.pop()!;
    depth = Math.max(depth, d);
    if (typeof x === 'string') longest = Math.max(longest, x.length);
    else if (x && typeof x === 'object' && d <= PARSE_LIMITS.depth) for (const [k, y] of Object.entries(x)) { longest = Math.max(longest, k.length); stack.push([y, d + 1]); }
  }
  return { depth, longest };
}

const bounded = (value: unknown, where: string): string | null => {
  const s = shape(value);
  if (s.depth > PARSE_LIMITS.depth) return `${where} is nested deeper than ${PARSE_LIMITS.depth} levels`;
  if (s.longest > PARSE_LIMITS.scalarChars) return `${where} holds a ${s.longest}-character value, over the ${PARSE_LIMITS.scalarChars} cap`;
  return null;
};

/** The deepest flow nesting ([ and {) and block nesting (indentation in steps of two) of a text. */
function nestingOf(text: string): number {
  let depth = 0, max = 0;
  for (const c of text) {
    if (c === '[' || c === '{') max = Math.max(max, ++depth);
    else if (c === ']' || c === '}') depth = Math.max(0, depth - 1);
  }
  for (const line of text.split('\n')) max = Math.max(max, Math.floor((/^[ -]*/.exec(line)![0].length) / 2));
  return max;
}

export function parseSubmissionYaml(bytes: Uint8Array, file = 'submission.yaml'): Parsed<SubmissionYaml> {
  if (bytes.length > PARSE_LIMITS.yamlBytes) return { ok: false, error: `${file} is ${bytes.length} bytes, over the ${PARSE_LIMITS.yamlBytes} cap` };
  let text: string;
  try { text = new TextDecoder('utf-8', { fatal: true }).decode(bytes); } catch { return { ok: false, error: `${file} is not UTF-8` }; }
  // Counted before parsing: the yaml parser recurses per level, and a deep enough nesting would
  // end in a stack overflow mid-parse. Brackets inside quoted strings count too (harmlessly strict).
  const nested = nestingOf(text);
  if (nested > PARSE_LIMITS.depth) return { ok: false, error: `${file} is nested deeper than ${PARSE_LIMITS.depth} levels` };
  const lines = new LineCounter();
  let value: unknown;
  let doc;
  try {
    doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
    if (doc.errors.length) {
      const e = doc.errors[0]!;
      return { ok: false, error: `${file}:${lines.linePos(e.pos[0]).line}: ${e.message.split('\n')[0]}` };
    }
    value = doc.toJS({ maxAliasCount: PARSE_LIMITS.aliases });
  } catch (e) {
    const msg = (e as Error).message;
    if (/alias/i.test(msg)) return { ok: false, error: `${file}: too many aliases (an alias bomb? the cap is ${PARSE_LIMITS.aliases}): ${msg.slice(0, 120)}` };
    return { ok: false, error: `${file}: cannot be parsed (${e instanceof RangeError ? 'nested too deeply' : msg.slice(0, 120)})` };
  }
  const b = bounded(value, file);
  if (b) return { ok: false, error: b };
  const v = schema().yaml;
  if (!v(value)) {
    const e = v.errors![0]!;
    const path = e.instancePath.split('/').filter(Boolean).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
    const line = node?.range ? lines.linePos(node.range[0]).line : 1;
    const extra = e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : '';
    return { ok: false, error: `${file}:${line}: ${e.instancePath || '(top level)'} ${e.message ?? 'does not match the schema'}${extra}` };
  }
  return { ok: true, value: value as SubmissionYaml };
}

/** consumed.jsonl: every line a schema-valid object, or the first bad line's number and why. */
export function parseConsumed(bytes: Uint8Array, file = 'consumed.jsonl'): Parsed<ConsumedLine[]> {
  let text: string;
  try { text = new TextDecoder('utf-8', { fatal: true }).decode(bytes); } catch { return { ok: false, error: `${file} is not UTF-8` }; }
  const rows = text.split('\n');
  if (rows.length > PARSE_LIMITS.lines) return { ok: false, error: `${file} has ${rows.length} lines, over the ${PARSE_LIMITS.lines} cap` };
  const out: ConsumedLine[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!.trim();
    if (!row) continue;
    const at = `${file}:${i + 1}`;
    if (row.length > PARSE_LIMITS.lineChars) return { ok: false, error: `${at}: a ${row.length}-character line, over the ${PARSE_LIMITS.lineChars} cap` };
    // A deeply nested line would be refused by the schema anyway; counting brackets first keeps JSON.parse shallow.
    let depth = 0, max = 0;
    for (const c of row) { if (c === '{' || c === '[') max = Math.max(max, ++depth); else if (c === '}' || c === ']') depth--; }
    if (max > PARSE_LIMITS.depth) return { ok: false, error: `${at}: nested deeper than ${PARSE_LIMITS.depth} levels` };
    let value: unknown;
    try { value = JSON.parse(row); } catch (e) { return { ok: false, error: `${at}: not JSON (${(e as Error).message.slice(0, 80)})` }; }
    const v = schema().line;
    if (!v(value)) {
      const e = v.errors![0]!;
      const extra = e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : '';
      return { ok: false, error: `${at}: ${e.instancePath || '(line)'} ${e.message ?? 'does not match the schema'}${extra}` };
    }
    out.push(value as ConsumedLine);
  }
  return { ok: true, value: out };
}
