/**
 * The requirement catalog is data: schema-validated, linted (unique ids, ids agree with file and
 * section, sections exist, summaries are our words), and checked for coverage: every section of
 * RFC 5652, 2634, 5035 and 8551 with BCP 14 keyword lines has an entry or a not-applicable reason.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { CATALOG_SCHEMA, loadCatalogFiles } from '../core/catalog.ts';
import { splitSections } from '../core/rfc-sections.ts';
import { REPO } from './helpers/corpus.ts';

const files = loadCatalogFiles();
const rfcText = (rfc: number) => readFileSync(join(REPO, 'spec', 'rfc', `rfc${rfc}.txt`), 'utf8');
const COVERED = [5652, 2634, 5035, 8551];

describe('requirement catalog', () => {
  it('has a file for each RFC the issue names', () => {
    const have = new Set(files.map((f) => f.rfc));
    for (const rfc of [5652, 8933, 2634, 5035, 8551, 8550, 2630, 2631, 2632, 2633, 3370, 5754, 4056, 3560, 5753, 8418, 8419, 5083, 5084, 3274, 3211, 6211]) {
      expect(have, `catalog/rfc${rfc}.yaml`).toContain(rfc);
    }
  });

  it('every file validates against the version 1 schema', () => {
    const validate = new Ajv({ allErrors: true }).compile(CATALOG_SCHEMA);
    for (const f of files) {
      validate(f);
      expect(validate.errors ?? [], `rfc${f.rfc}`).toEqual([]);
    }
  });

  it('ids are unique and agree with their file and section', () => {
    const seen = new Set<string>();
    for (const f of files) {
      for (const e of f.entries) {
        expect(seen.has(e.id), `duplicate ${e.id}`).toBe(false);
        seen.add(e.id);
        expect(e.id.startsWith(`rfc${f.rfc}/${e.section}/`), e.id).toBe(true);
      }
    }
  });

  it('every entry and not-applicable section names a section that exists in the RFC', () => {
    const missing: string[] = [];
    for (const f of files) {
      const sections = new Set(splitSections(rfcText(f.rfc), { lowerCase: f.rfc === 2630 }).map((s) => s.number));
      for (const s of [...f.entries.map((e) => e.section), ...f.notApplicable.map((n) => n.section)]) {
        if (!sections.has(s)) missing.push(`rfc${f.rfc} ${s}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('summaries are paraphrases: none repeats eight consecutive words of its RFC', () => {
    const copied: string[] = [];
    for (const f of files) {
      const words = rfcText(f.rfc).toLowerCase().replace(/[^a-z0-9]+/g, ' ');
      for (const e of f.entries) {
        const w = e.summary.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim().split(' ');
        for (let i = 0; i + 8 <= w.length; i++) {
          if (words.includes(` ${w.slice(i, i + 8).join(' ')} `)) {
            copied.push(`${e.id}: "${w.slice(i, i + 8).join(' ')}"`);
            break;
          }
        }
      }
    }
    expect(copied).toEqual([]);
  });

  for (const rfc of COVERED) {
    it(`covers every RFC ${rfc} section with keyword lines`, () => {
      const f = files.find((x) => x.rfc === rfc);
      expect(f).toBeDefined();
      const covered = new Set([...f!.entries.map((e) => e.section), ...f!.notApplicable.map((n) => n.section)]);
      const uncovered = splitSections(rfcText(rfc)).filter((s) => s.keywordLines > 0 && !covered.has(s.number))
        .map((s) => `${s.number} (${s.keywordLines} lines)`);
      expect(uncovered).toEqual([]);
    });
  }

  it('lists behavioral requirements for the invalid corpus and adapters to exercise', () => {
    const behavioral = files.flatMap((f) => f.entries).filter((e) => e.test === 'behavioral');
    expect(behavioral.length).toBeGreaterThan(30);
  });
});
