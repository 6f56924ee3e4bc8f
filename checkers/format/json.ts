/**
 * JSON report, version 2: {version, summary, results: [{file, verdict, reason, origin, cms,
 * layers, limit?, expectation?, findings: [{rule, level, status, layer, message, path, offset,
 * length, file, producerOnly?}]}]}. `offset`/`length` index the decoded CMS; `cms` says where that
 * is in the file (the PEM block, base64 text or MIME part), and each finding's `file` is the same
 * place in the file's own bytes. With a manifest, `expectation` gives the expected and actual
 * verdict per sample and `summary` counts matches. `formatJsonLine` is one result as one line,
 * for the streaming jsonl format.
 */
import type { FileResult, Finding, Verdict } from '../finding.ts';

const fileRegion = (f: Finding) => f.file ?? { offset: f.offset, length: f.length };

export const resultJson = (r: FileResult) => ({
  file: r.file, verdict: r.verdict, reason: r.reason, origin: r.origin,
  ...(r.source ? { cms: { container: r.source.container, encoding: r.source.encoding, fileOffset: r.source.start, fileLength: r.source.end - r.source.start } } : {}),
  layers: r.layers,
  ...(r.limit ? { limit: r.limit } : {}),
  ...(r.expectation ? { expectation: r.expectation } : {}),
  findings: r.findings.map((f) => ({
    rule: f.rule, level: f.level, status: f.status, layer: f.layer, message: f.message, path: f.path, offset: f.offset, length: f.length, file: fileRegion(f),
    ...(f.producerOnly ? { producerOnly: true } : {}),
  })),
});

const VERDICTS: readonly Verdict[] = ['valid', 'acceptable', 'invalid', 'unchecked', 'unparseable'];

/** Files per verdict (acceptable apart from invalid), and with a manifest, matches per expectation. */
export function summaryJson(results: readonly FileResult[]) {
  const verdicts = Object.fromEntries(VERDICTS.map((v) => [v, results.filter((r) => r.verdict === v).length]));
  const judged = results.filter((r) => r.expectation);
  if (!judged.length) return { files: results.length, verdicts };
  const expected = Object.fromEntries((['valid', 'invalid', 'acceptable'] as const).map((e) => {
    const of = judged.filter((r) => r.expectation!.expected === e);
    return [e, { samples: of.length, matching: of.filter((r) => r.expectation!.matches).length }];
  }));
  return { files: results.length, verdicts, expected, mismatches: judged.filter((r) => !r.expectation!.matches).length };
}

export function formatJson(results: readonly FileResult[]): string {
  return `${JSON.stringify({ version: 2, summary: summaryJson(results), results: results.map(resultJson) }, null, 2)}\n`;
}

export const formatJsonLine = (r: FileResult): string => `${JSON.stringify(resultJson(r))}\n`;
