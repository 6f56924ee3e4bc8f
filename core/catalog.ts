/**
 * The requirement catalog: one entry per normative statement of the RFCs, stored as one YAML file
 * per RFC under catalog/. Shared by the checker (which cites entries by id), the invalid corpus
 * (which names the entries a broken message violates) and reports (per-requirement readiness).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

// The YAML parser is loaded only when the catalog is read from its YAML files, not when the
// precompiled index (dist/catalog-index.json) serves, so `cmsi check` starts without it.
const parse = (text: string): unknown => (createRequire(import.meta.url)('yaml') as typeof Yaml).parse(text);
import { PROFILES, type Profile } from './vocabulary.ts';
import { repoPath } from './paths.ts';
import { LAYERS, type Layer } from './layers.ts';

export const LEVELS = ['MUST', 'MUST NOT', 'REQUIRED', 'SHALL', 'SHALL NOT', 'SHOULD', 'SHOULD NOT', 'RECOMMENDED', 'NOT RECOMMENDED'] as const;
export type Level = (typeof LEVELS)[number];

/** Levels whose failure makes a message invalid; the rest are warnings. */
export const MANDATORY_LEVELS: ReadonlySet<Level> = new Set(['MUST', 'MUST NOT', 'REQUIRED', 'SHALL', 'SHALL NOT']);

export const PARTIES = [
  'sending-agent', 'receiving-agent', 'signer', 'verifier', 'originator', 'recipient', 'ca',
  'mail-list-agent', 'implementation',
] as const;
export type Party = (typeof PARTIES)[number];

/**
 * static: decidable from the message bytes; crypto: needs keys or content; behavioral: only by
 * feeding messages to an implementation and watching what it does; untestable: with a reason.
 */
export const TEST_KINDS = ['static', 'crypto', 'behavioral', 'untestable'] as const;
export type TestKind = (typeof TEST_KINDS)[number];

export interface CatalogEntry {
  readonly id: string;
  readonly section: string;
  readonly level: Level;
  readonly binds: readonly Party[];
  readonly summary: string;
  readonly test: TestKind;
  /** Why it cannot be tested (untestable), or how a behavioral test would observe it. */
  readonly reason?: string;
  readonly profiles: readonly Profile[];
  /**
   * The checker layer a rule citing this entry reports in (checkers/layers.ts derives it when
   * absent: crypto for crypto entries, mime for the MIME sections, certificate for RFC 8550/5280,
   * structure otherwise).
   */
  readonly layer?: Layer;
  /**
   * For a statement that binds a producer: what receivers must do with a message that breaks it.
   * must-accept (the RFCs oblige receivers to accept it anyway, e.g. RFC 5754 2 on NULL SHA-2
   * parameters): the checker's verdict is `acceptable`, not `invalid`; must-reject or absent: a
   * MUST failure makes the message invalid; may: receivers may do either.
   */
  readonly receivers?: Receivers;
  /** Why `receivers` was decided so, from the RFC text (required with must-accept or may). */
  readonly receiversReason?: string;
}

export const RECEIVERS = ['must-accept', 'must-reject', 'may'] as const;
export type Receivers = (typeof RECEIVERS)[number];

export interface CatalogFile {
  readonly version: 1;
  readonly rfc: number;
  readonly title: string;
  /** Sections with keyword lines but no requirement on messages or agents (boilerplate, IANA...). */
  readonly notApplicable: readonly { readonly section: string; readonly reason: string }[];
  readonly entries: readonly CatalogEntry[];
}

export const CATALOG_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://cms-interop.invalid/schema/catalog-v1.json',
  type: 'object',
  additionalProperties: false,
  required: ['version', 'rfc', 'title', 'notApplicable', 'entries'],
  properties: {
    version: { const: 1 },
    rfc: { type: 'integer', minimum: 1000, maximum: 9999 },
    title: { type: 'string', minLength: 3 },
    notApplicable: {
      type: 'array',
      items: {
        type: 'object', additionalProperties: false, required: ['section', 'reason'],
        properties: { section: { type: 'string', pattern: '^[0-9A-Z]+(\\.[0-9]+)*$' }, reason: { type: 'string', minLength: 5 } },
      },
    },
    entries: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'section', 'level', 'binds', 'summary', 'test', 'profiles'],
        properties: {
          id: { type: 'string', pattern: '^rfc\\d{4}/[0-9A-Z]+(\\.[0-9]+)*/[a-z0-9]+(-[a-z0-9]+)*$' },
          section: { type: 'string', pattern: '^[0-9A-Z]+(\\.[0-9]+)*$' },
          level: { enum: [...LEVELS] },
          binds: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: [...PARTIES] } },
          summary: { type: 'string', minLength: 10, maxLength: 200, pattern: '^[^\\n]+$' },
          test: { enum: [...TEST_KINDS] },
          reason: { type: 'string', minLength: 5 },
          profiles: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: [...PROFILES] } },
          layer: { enum: [...LAYERS] },
          receivers: { enum: [...RECEIVERS] },
          receiversReason: { type: 'string', minLength: 10 },
        },
        allOf: [
          { if: { properties: { test: { const: 'untestable' } } }, then: { required: ['reason'] } },
          { if: { required: ['receivers'], properties: { receivers: { enum: ['must-accept', 'may'] } } }, then: { required: ['receiversReason'] } },
        ],
      },
    },
  },
} as const;

export const CATALOG_DIR = repoPath('catalog') + '/';

export function loadCatalogFiles(dir = CATALOG_DIR): CatalogFile[] {
  const names = readdirSync(dir).filter((f) => /^rfc\d{4}\.yaml$/.test(f)).sort();
  return (dir === CATALOG_DIR ? fromIndex(dir, names) : null)
    ?? names.map((f) => parse(readFileSync(join(dir, f), 'utf8')) as CatalogFile);
}

/**
 * The catalog as scripts/build.mjs parsed it into dist/catalog-index.json, when every YAML file
 * still has the size and modification time recorded there; else null (parse the YAML). Parsing
 * the YAML costs about 300 ms, the JSON about 3 ms: this is what lets `cmsi check` start fast.
 */
function fromIndex(dir: string, names: readonly string[]): CatalogFile[] | null {
  const path = repoPath('dist', 'catalog-index.json');
  if (!existsSync(path)) return null;
  try {
    const index = JSON.parse(readFileSync(path, 'utf8')) as { version: number; sources: { file: string; size: number; mtimeMs: number }[]; files: CatalogFile[] };
    if (index.version !== 1 || index.sources.length !== names.length) return null;
    const fresh = index.sources.every((s, i) => {
      if (s.file !== names[i]) return false;
      const st = statSync(join(dir, s.file));
      return st.size === s.size && st.mtimeMs === s.mtimeMs;
    });
    return fresh ? index.files : null;
  } catch {
    return null;
  }
}

export interface Catalog {
  readonly files: readonly CatalogFile[];
  readonly entries: readonly CatalogEntry[];
  get(id: string): CatalogEntry | undefined;
}

export function loadCatalog(dir = CATALOG_DIR): Catalog {
  const files = loadCatalogFiles(dir);
  const entries = files.flatMap((f) => f.entries);
  const byId = new Map(entries.map((e) => [e.id, e]));
  return { files, entries, get: (id) => byId.get(id) };
}
