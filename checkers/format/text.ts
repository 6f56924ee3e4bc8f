/**
 * Text report. Per file, one line first: `FILE: verdict: layer (what decided it) (counts)`, e.g.
 * `a.der: invalid: crypto (message-digest does not match the content) (1 failed, ...)`, then one
 * line `FILE:offset: LEVEL rule-id: message [field]` per failure, warning and undecided rule
 * (and per pass with --passes).
 */
import type { FileResult } from '../finding.ts';

const TIME_SOURCES = { at: '--at', manifest: 'the manifest\'s validationTime', now: 'now: no --at given' } as const;

export function formatText(results: readonly FileResult[], options: { passes?: boolean } = {}): string {
  return results.map((r) => formatOne(r, options)).join('');
}

export function formatOne(r: FileResult, options: { passes?: boolean } = {}): string {
  const count = (s: string) => r.findings.filter((f) => f.status === s).length;
  const unchecked = count('unchecked');
  const counts = `${count('fail')} failed, ${count('warn')} warnings${unchecked ? `, ${unchecked} unchecked` : ''}, ${count('pass')} passed`;
  const where = r.origin === 'der' || r.origin === 'ber' ? '' : `; offsets are in the CMS decoded from ${r.source ? `${r.source.container}, file bytes ${r.source.start}-${r.source.end}` : r.origin}`;
  const path = r.validation ? `; path at ${r.validation.time} (${TIME_SOURCES[r.validation.source]}${r.validation.claimed ? `; the signer claims signing-time ${r.validation.claimed}, not used` : ''})${r.validation.anchors ? '' : ', no trust anchor given (--ca): trust not checked'}` : '';
  const out = [`${r.file}: ${r.verdict}${r.reason ? `: ${r.reason}` : ''} (${counts}${where}${path})`];
  for (const f of r.findings) {
    if (f.status === 'pass' && !options.passes) continue;
    const level = f.status === 'pass' ? 'PASS' : f.status === 'unchecked' ? 'UNCHECKED' : f.producerOnly ? `${f.level} (producer; receivers must accept)` : f.level;
    out.push(`${r.file}:${f.offset}: ${level} ${f.rule}: ${f.message}${f.path ? ` [${f.path}]` : ''}`);
  }
  return `${out.join('\n')}\n`;
}
