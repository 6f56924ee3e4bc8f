/**
 * Expected divergences per stack, as data a user edits (expectations/<stack>.yaml, schema
 * docs/expectations-schema-v1.json): a sample id (or a flag) with the outcome the stack is known
 * to give, the reason and a link, optionally bounded to versions (before / since). Adapters read
 * their lists from here instead of from code; reports and cmsi diff tell known divergences from
 * new ones. A damaged file is an error naming it, never an empty list (which would hide nothing).
 */
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Ajv as AjvClass } from 'ajv';
import { parse } from 'yaml';
import { repoPath } from './paths.ts';

export interface Expectation {
  readonly sample?: string;
  readonly flag?: string;
  /**
   * hang: the stack runs until the adapter's timeout (a denial of service it has, e.g. no PBKDF2
   * work bound); wrong-content: it accepts a valid sample but recovers other content than the
   * sample carries.
   */
  readonly outcome: 'accept' | 'reject' | 'unsupported' | 'hang' | 'wrong-content';
  readonly reason: string;
  readonly link?: string;
  readonly before?: string;
  readonly since?: string;
}

export const EXPECTATIONS_DIR = repoPath('expectations');
export const EXPECTATIONS_SCHEMA_PATH = repoPath('docs', 'expectations-schema-v1.json');

/** The entries of expectations/<stack>.yaml (none when there is no file), schema-validated. */
export function loadExpectations(stack: string, dir = EXPECTATIONS_DIR): readonly Expectation[] {
  const path = join(dir, `${stack}.yaml`);
  if (!existsSync(path)) return [];
  const value: unknown = parse(readFileSync(path, 'utf8'), { maxAliasCount: 0 });
  const { Ajv } = createRequire(import.meta.url)('ajv') as { Ajv: typeof AjvClass };
  const validate = new Ajv({ strict: false }).compile(JSON.parse(readFileSync(EXPECTATIONS_SCHEMA_PATH, 'utf8')) as object);
  if (!validate(value)) throw new Error(`${path}: ${validate.errors?.[0]?.instancePath ?? ''} ${validate.errors?.[0]?.message ?? 'does not match the schema'}`);
  const doc = value as { stack: string; entries: Expectation[] };
  if (doc.stack !== stack) throw new Error(`${path} says it is for stack ${doc.stack}, not ${stack}`);
  return doc.entries;
}

/** The sample entries with one outcome, in the shape version filters take: id -> reason or [reason, bounds]. */
export function sampleExpectations(stack: string, outcome: Expectation['outcome']): Record<string, string | readonly [string, { readonly before?: string; readonly since?: string }]> {
  const out: Record<string, string | readonly [string, { before?: string; since?: string }]> = {};
  for (const e of loadExpectations(stack)) {
    if (e.outcome !== outcome || !e.sample) continue;
    out[e.sample] = e.before || e.since ? [e.reason, { ...(e.before ? { before: e.before } : {}), ...(e.since ? { since: e.since } : {}) }] : e.reason;
  }
  return out;
}
