/**
 * The jsonl line (checkers/format/json.ts formatJsonLine) is written by a template for speed; it
 * must be, byte for byte, what JSON.stringify makes of the same result (resultJson), which is
 * what the json format and the earlier jsonl wrote. Checked over every corpus sample with its
 * manifest inputs and on findings shaped the way the template does not write them itself.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { checkManifest } from '../cli/check.ts';
import { formatJsonLine, resultJson } from '../checkers/format/json.ts';
import type { FileResult, Finding } from '../checkers/finding.ts';
import { loadCatalog } from '../core/catalog.ts';
import { CORPUS } from './helpers/corpus.ts';

const reference = (r: FileResult): string => `${JSON.stringify(resultJson(r))}\n`;

describe('formatJsonLine', () => {
  it('is JSON.stringify(resultJson(r)) for every corpus sample (with its expectation)', () => {
    const { results } = checkManifest(join(CORPUS, 'manifest.yaml'), loadCatalog(), 'current');
    expect(results.length).toBeGreaterThan(100);
    let findings = 0;
    for (const r of results) {
      expect(formatJsonLine(r), r.file).toBe(reference(r));
      findings += r.findings.length;
    }
    expect(findings).toBeGreaterThan(1000);
  }, 120_000);

  it('is JSON.stringify(resultJson(r)) for findings the template does not write itself', () => {
    const base: Finding = { rule: 'rfc5652/5.4/x', level: 'MUST', status: 'fail', layer: 'crypto', message: 'a "quoted" \u2028 line\nbreak \ud800 lone', path: 'signedData.x', offset: 3, length: 4 };
    const odd: Finding[] = [
      base,
      { ...base, producerOnly: true },
      { ...base, file: { offset: 10, length: 20 } },
      { ...base, file: { length: 20, offset: 10 } }, // keys in the other order
      { ...base, file: { offset: 10, length: 20, extra: 1 } as unknown as { offset: number; length: number } },
      { ...base, offset: -0, length: 1.5 },
      { ...base, offset: Number.NaN, length: Number.POSITIVE_INFINITY },
      { ...base, offset: undefined as unknown as number },
      { ...base, producerOnly: 1 as unknown as true },
    ];
    const r: FileResult = { file: 'x.der', verdict: 'invalid', origin: 'der', findings: odd, layers: { encoding: 'pass', structure: 'pass', crypto: 'fail', certificate: 'none', path: 'none', policy: 'none', mime: 'none' }, reason: 'r' };
    expect(formatJsonLine(r)).toBe(reference(r));
    expect(formatJsonLine({ ...r, findings: [] })).toBe(reference({ ...r, findings: [] }));
  });
});
