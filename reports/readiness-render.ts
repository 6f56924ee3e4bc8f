/**
 * Readiness in Markdown and HTML: the per-RFC summary (how many MUSTs and SHOULDs are ready) a
 * chair reads first, then one row per catalog entry with its status and evidence (sample ids,
 * producing and consuming stacks, interoperating pairs of different lineage).
 */
import type { ReadinessRow, RfcSummary } from './readiness.ts';
import { READINESS, summarize } from './readiness.ts';

const mdEsc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const htmlEsc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const frac = (x: { ready: number; total: number }) => `${x.ready}/${x.total}`;

export function readinessSummaryMarkdown(rows: readonly ReadinessRow[]): string[] {
  const sums: RfcSummary[] = summarize(rows);
  const out = ['## Readiness per RFC (two independent interoperable implementations, RFC 2026 4.1.2)', '', `| RFC | MUST ready | SHOULD ready | ${READINESS.join(' | ')} |`, `|---|---|---|${READINESS.map(() => '---').join('|')}|`];
  for (const s of sums) out.push(`| ${s.rfc} | ${frac(s.must)} | ${frac(s.should)} | ${READINESS.map((r) => s.counts[r]).join(' | ')} |`);
  const all = rows.length;
  out.push('', `${all} catalog entries; ready: ${rows.filter((r) => r.status === 'ready').length}. Same-lineage pairs never count.`, '');
  return out;
}

export function readinessTableMarkdown(rows: readonly ReadinessRow[]): string[] {
  const out = ['## Readiness per requirement', '', '| requirement | level | status | producers | consumers | interoperating pairs | samples | note |', '|---|---|---|---|---|---|---|---|'];
  for (const r of rows) out.push(`| \`${r.id}\` | ${r.level} | ${r.status} | ${r.producers.join(', ')} | ${r.consumers.join(', ')} | ${mdEsc(r.pairs.join('; '))} | ${r.samples.length ? mdEsc(r.samples.slice(0, 5).join(', ')) + (r.samples.length > 5 ? `, ... (${r.samples.length})` : '') : ''} | ${mdEsc(r.note)} |`);
  return out;
}

export function readinessSummaryHtml(rows: readonly ReadinessRow[]): string {
  const sums = summarize(rows);
  return `<section class="block" id="readiness-summary"><h2>Readiness per RFC</h2><table id="readiness-rfc"><thead><tr><th>RFC</th><th>MUST ready</th><th>SHOULD ready</th>${READINESS.map((r) => `<th>${r}</th>`).join('')}</tr></thead><tbody>${sums.map((s) =>
    `<tr><th><a href="#readiness-${htmlEsc(s.rfc)}">${htmlEsc(s.rfc)}</a></th><td>${frac(s.must)}</td><td>${frac(s.should)}</td>${READINESS.map((r) => `<td>${s.counts[r]}</td>`).join('')}</tr>`).join('')}</tbody></table></section>`;
}

export function readinessTableHtml(rows: readonly ReadinessRow[]): string {
  let rfc = '';
  const body = rows.map((r) => {
    const anchor = r.rfc !== rfc ? ` id="readiness-${htmlEsc(r.rfc)}"` : '';
    rfc = r.rfc;
    const samples = r.samples.map((s) => `<a href="#sample-${htmlEsc(s)}">${htmlEsc(s)}</a>`).join(' ');
    return `<tr${anchor} data-status="${r.status}"><th><code>${htmlEsc(r.id)}</code></th><td>${r.level}</td><td>${r.status}</td><td>${htmlEsc(r.producers.join(', '))}</td><td>${htmlEsc(r.consumers.join(', '))}</td><td>${htmlEsc(r.pairs.join('; '))}</td><td>${samples}</td><td>${htmlEsc(r.note)}</td></tr>`;
  }).join('');
  return `<section class="block"><h2>Readiness per requirement</h2><table id="readiness"><thead><tr><th>requirement</th><th>level</th><th>status</th><th>producers</th><th>consumers</th><th>pairs</th><th>samples</th><th>note</th></tr></thead><tbody>${body}</tbody></table></section>`;
}
