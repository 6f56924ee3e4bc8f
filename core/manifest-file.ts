/**
 * Reads a corpus manifest from disk and validates it against MANIFEST_SCHEMA, so that a damaged or
 * hand-edited manifest is one message naming the file, line and column ("corpus/manifest.yaml:12:5:
 * samples[3].expected must be one of valid, invalid, acceptable, got "broken"") instead of a
 * TypeError deep in a consumer. Never throws: the result says what went wrong.
 */
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { readBoundedFd } from './bounded-read.ts';
import { createRequire } from 'node:module';
import type { Ajv as AjvClass, ErrorObject, ValidateFunction } from 'ajv';
import type { Document, LineCounter } from 'yaml';
import type * as Yaml from 'yaml';
import { describeFsError } from './fs-errors.ts';
import { MANIFEST_SCHEMA, type Manifest } from './manifest.ts';

export type ManifestRead =
  | { readonly ok: true; readonly manifest: Manifest }
  | { readonly ok: false; readonly error: string };

/** For callers that stop on a bad manifest: the message is the one line a user should see. */
export class ManifestError extends Error {
  override readonly name = 'ManifestError';
}

/** readManifest, throwing ManifestError (the CLI prints it as one line, exit 2). */
export function loadManifestFile(path: string): Manifest {
  const r = readManifest(path);
  if (!r.ok) throw new ManifestError(r.error);
  return r.manifest;
}

/** A manifest of the committed corpus is about 0.5 MB; far beyond this is not a manifest. */
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

let validator: ValidateFunction | undefined;
/** Loaded on first use: ajv and the schema compile cost about 60 ms, which a `cmsi check FILE` need not pay. */
function validate(): ValidateFunction {
  if (!validator) {
    const { Ajv } = createRequire(import.meta.url)('ajv') as { Ajv: typeof AjvClass };
    validator = new Ajv({ allErrors: true, strict: false, verbose: true }).compile(MANIFEST_SCHEMA);
  }
  return validator;
}

export function readManifest(path: string): ManifestRead {
  let text: string;
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const st = fstatSync(fd);
    if (st.isDirectory()) return { ok: false, error: `${path}: is a directory, not a manifest file (try ${path.replace(/\/$/, '')}/manifest.yaml)` };
    if (st.size > MAX_MANIFEST_BYTES) return { ok: false, error: `${path}: ${st.size} bytes is too large for a manifest (limit ${MAX_MANIFEST_BYTES})` };
    // A pipe or a device has no size to check first: read up to the bound.
    const bytes = st.isFile() ? readFileSync(fd) : readBoundedFd(fd, MAX_MANIFEST_BYTES);
    if (bytes === null) return { ok: false, error: `${path}: more than ${MAX_MANIFEST_BYTES} bytes is too large for a manifest` };
    text = Buffer.from(bytes).toString('utf8');
  } catch (e) {
    return { ok: false, error: `${path}: ${describeFsError(e)}` };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  return parseManifest(path, text);
}

/** Parses and validates manifest text; `name` is what messages call it (a path, or "stdin"). */
export function parseManifest(name: string, text: string): ManifestRead {
  if (!text.trim()) return { ok: false, error: `${name}: empty file, not a manifest` };
  // yaml is loaded here, when a manifest is read, not whenever this module is imported (issue 9).
  const yaml = createRequire(import.meta.url)('yaml') as typeof Yaml;
  const lines = new yaml.LineCounter();
  const doc = yaml.parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const syntax = doc.errors[0];
  if (syntax) {
    const pos = lines.linePos(syntax.pos[0]);
    return { ok: false, error: `${name}:${pos.line}:${pos.col}: not valid YAML: ${firstLine(syntax.message)}` };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return { ok: false, error: `${name}: ${firstLine((e as Error).message)}` };
  }
  const v = validate();
  if (!v(value)) {
    const err = mostSpecific(v.errors ?? []);
    const where = err ? locate(doc, lines, err.instancePath) : '';
    const more = (v.errors?.length ?? 0) > 1 ? ` (and ${v.errors!.length - 1} more schema errors)` : '';
    return { ok: false, error: `${name}${where}: not a version 1 manifest: ${err ? describe(err) : 'schema validation failed'}${more}` };
  }
  return { ok: true, manifest: value as Manifest };
}

/** The deepest error is the one that names the field the user has to fix. */
function mostSpecific(errors: readonly ErrorObject[]): ErrorObject | undefined {
  return [...errors].sort((a, b) => b.instancePath.split('/').length - a.instancePath.split('/').length)[0];
}

/** `samples[3].inputs.kek` from the JSON pointer `/samples/3/inputs/kek`. */
function fieldName(pointer: string): string {
  const parts = pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  return parts.reduce((s, p) => (/^\d+$/.test(p) ? `${s}[${p}]` : s ? `${s}.${p}` : p), '') || 'the document';
}

function describe(e: ErrorObject): string {
  const field = fieldName(e.instancePath);
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required': return `${field} lacks the required field "${String(p.missingProperty)}"`;
    case 'additionalProperties': return `${field} has a field "${String(p.additionalProperty)}" the schema does not define`;
    case 'enum': return `${field} must be one of ${(p.allowedValues as unknown[]).map(String).join(', ')}, got ${JSON.stringify(e.data)}`;
    case 'const': return `${field} must be ${JSON.stringify(p.allowedValue)}, got ${JSON.stringify(e.data)}`;
    default: return `${field} ${e.message ?? 'is invalid'}${typeof e.data === 'string' || typeof e.data === 'number' ? `, got ${JSON.stringify(e.data)}` : ''}`;
  }
}

/** `:line:col` of the YAML node at a JSON pointer (or of its nearest ancestor that exists). */
function locate(doc: Document, lines: LineCounter, pointer: string): string {
  const path: (string | number)[] = pointer.split('/').slice(1).map((p) => (/^\d+$/.test(p) ? Number(p) : p.replace(/~1/g, '/').replace(/~0/g, '~')));
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    if (range) {
      const pos = lines.linePos(range[0]);
      return `:${pos.line}:${pos.col}`;
    }
  }
  return '';
}

const firstLine = (s: string): string => s.split('\n')[0]!.trim();
