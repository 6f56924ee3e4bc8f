/** Text report: `FILE:offset: LEVEL rule-id: message` per failure or warning, then a verdict line. */
import type { FileResult } from '../finding.ts';

export function formatText(results: readonly FileResult[], options: { passes?: boolean } = {}): string {
  const out: string[] = [];
  for (const r of results) {
    for (const f of r.findings) {
      if (f.status === 'pass' && !options.passes) continue;
      const level = f.status === 'pass' ? 'PASS' : f.level;
      out.push(`${r.file}:${f.offset}: ${level} ${f.rule}: ${f.message}${f.path ? ` [${f.path}]` : ''}`);
    }
    const fails = r.findings.filter((f) => f.status === 'fail').length;
    const warns = r.findings.filter((f) => f.status === 'warn').length;
    const passes = r.findings.filter((f) => f.status === 'pass').length;
    out.push(`${r.file}: ${r.verdict} (${fails} failed, ${warns} warnings, ${passes} passed${r.origin === 'der' ? '' : `; offsets are in the CMS decoded from ${r.origin}`})`);
  }
  return `${out.join('\n')}\n`;
}
