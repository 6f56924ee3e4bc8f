/** JUnit XML: one testsuite per file, one testcase per rule that ran on it (failures and warnings). */
import type { FileResult } from '../finding.ts';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function formatJunit(results: readonly FileResult[]): string {
  const suites = results.map((r) => {
    const byRule = new Map<string, typeof r.findings[number][]>();
    for (const f of r.findings) byRule.set(f.rule, [...(byRule.get(f.rule) ?? []), f]);
    const cases = [...byRule.entries()].map(([rule, fs]) => {
      const failed = fs.filter((f) => f.status === 'fail');
      const warned = fs.filter((f) => f.status === 'warn');
      const unchecked = fs.filter((f) => f.status === 'unchecked');
      const body = failed.length
        ? `<failure message="${esc(failed[0]!.message)}" type="${esc(failed[0]!.level)}">${esc(failed.map((f) => `${f.offset}: ${f.message} [${f.path}]`).join('\n'))}</failure>`
        : unchecked.length ? `<skipped message="${esc(unchecked[0]!.message)}"/>`
        : warned.length ? `<system-out>${esc(warned.map((f) => `WARN ${f.offset}: ${f.message}`).join('\n'))}</system-out>` : '';
      return `    <testcase classname="${esc(r.file)}" name="${esc(rule)}">${body}</testcase>`;
    });
    const failures = [...byRule.values()].filter((fs) => fs.some((f) => f.status === 'fail')).length;
    return `  <testsuite name="${esc(r.file)}" tests="${byRule.size}" failures="${failures}" errors="0">\n${cases.join('\n')}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="cmsi check">\n${suites.join('\n')}\n</testsuites>\n`;
}
