/** JSON report, version 1: {version, results:[{file, verdict, findings:[...]}]}. */
import type { FileResult } from '../finding.ts';

export function formatJson(results: readonly FileResult[]): string {
  return `${JSON.stringify({
    version: 1,
    results: results.map((r) => ({
      file: r.file, verdict: r.verdict, origin: r.origin,
      findings: r.findings.map((f) => ({ rule: f.rule, level: f.level, status: f.status, message: f.message, path: f.path, offset: f.offset, length: f.length })),
    })),
  }, null, 2)}\n`;
}
