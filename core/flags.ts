/**
 * Flags name the bug class an invalid sample catches, in the manner of Wycheproof: defined once in
 * data/flags.yaml with a bug type from a closed list, what a receiver that accepts the sample got
 * wrong, the effect, and where a real stack had the bug.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { repoPath } from './paths.ts';

export const BUG_TYPES = [
  'AUTH_BYPASS', 'CONFIDENTIALITY', 'BER_ENCODING', 'MALLEABILITY', 'MISSING_CHECK', 'EDGE_CASE', 'LEGACY', 'DOS', 'WRONG_PRIMITIVE',
] as const;
export type BugType = (typeof BUG_TYPES)[number];

export interface Flag {
  readonly name: string;
  readonly bugType: BugType;
  readonly description: string;
  readonly effect: string;
  readonly links?: readonly string[];
  readonly cves?: readonly string[];
  /** Per CVE named: what its advisory says, as read, or that no advisory was found (never a guess). */
  readonly advisories?: readonly Advisory[];
}

/**
 * One CVE's advisory as it was read: its title, the versions it names as affected and where it
 * was read; or, when no advisory could be found, `found: false` and where it was looked for.
 */
export interface Advisory {
  readonly cve: string;
  readonly found: boolean;
  readonly title?: string;
  readonly affected?: string;
  readonly link?: string;
  /** Where and when it was read (or searched for in vain), and anything that differs from the flag. */
  readonly note: string;
}

export interface FlagsFile {
  readonly version: 1;
  readonly flags: readonly Flag[];
}

export const FLAGS_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  additionalProperties: false,
  required: ['version', 'flags'],
  properties: {
    version: { const: 1 },
    flags: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'bugType', 'description', 'effect'],
        properties: {
          name: { type: 'string', pattern: '^[A-Z][A-Za-z0-9]+$' },
          bugType: { enum: [...BUG_TYPES] },
          description: { type: 'string', minLength: 10 },
          effect: { type: 'string', minLength: 10 },
          links: { type: 'array', items: { type: 'string', pattern: '^https://' } },
          cves: { type: 'array', items: { type: 'string', pattern: '^CVE-\\d{4}-\\d{4,}$' } },
          advisories: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['cve', 'found', 'note'],
              properties: {
                cve: { type: 'string', pattern: '^CVE-\\d{4}-\\d{4,}$' },
                found: { type: 'boolean' },
                title: { type: 'string', minLength: 5 },
                affected: { type: 'string', minLength: 3 },
                link: { type: 'string', pattern: '^https://' },
                note: { type: 'string', minLength: 10 },
              },
            },
          },
        },
      },
    },
  },
} as const;

export const FLAGS_PATH = repoPath('data', 'flags.yaml');

export function loadFlags(path = FLAGS_PATH): FlagsFile {
  return parse(readFileSync(path, 'utf8')) as FlagsFile;
}
