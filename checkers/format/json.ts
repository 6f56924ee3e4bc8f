/**
 * JSON report, version 2: {version, results: [{file, verdict, reason, origin, layers, limit?,
 * findings: [{rule, level, status, layer, message, path, offset, length, producerOnly?}]}]}.
 * `formatJsonLine` is one result as one line, for the streaming jsonl format.
 */
import type { FileResult } from '../finding.ts';

export const resultJson = (r: FileResult) => ({
  file: r.file, verdict: r.verdict, reason: r.reason, origin: r.origin, layers: r.layers,
  ...(r.limit ? { limit: r.limit } : {}),
  findings: r.findings.map((f) => ({
    rule: f.rule, level: f.level, status: f.status, layer: f.layer, message: f.message, path: f.path, offset: f.offset, length: f.length,
    ...(f.producerOnly ? { producerOnly: true } : {}),
  })),
});

export function formatJson(results: readonly FileResult[]): string {
  return `${JSON.stringify({ version: 2, results: results.map(resultJson) }, null, 2)}\n`;
}

export const formatJsonLine = (r: FileResult): string => `${JSON.stringify(resultJson(r))}\n`;
