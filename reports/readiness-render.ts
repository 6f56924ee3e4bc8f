/**
 * Readiness in Markdown and HTML: the per-RFC summary (how many MUSTs and SHOULDs are ready) a
 * chair reads first, then one row per catalog entry with its status and evidence (sample ids,
 * producing and consuming stacks, interoperating pairs of different lineage).
 */
import type { ReadinessRow, RfcSummary } from './readiness.ts';
import { READINESS, summarize } from './readiness.ts';
import { anchor, link } from './drill.ts';

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
    {
      // Each count leads to the RFC's entries in the readiness table, whose rows lead on to their evidence.
      const to = (text: string) => `<td><a class="drill" href="#readiness-${htmlEsc(s.rfc)}">${text}</a></td>`;
      return `<tr><th><a href="#readiness-${htmlEsc(s.rfc)}">${htmlEsc(s.rfc)}</a></th>${to(frac(s.must))}${to(frac(s.should))}${READINESS.map((r) => to(String(s.counts[r]))).join('')}</tr>`;
    }).join('')}</tbody></table></section>`;
}

export function readinessTableHtml(rows: readonly ReadinessRow[]): string {
  let rfc = '';
  const body = rows.map((r) => {
    const rfcAnchor = r.rfc !== rfc ? ` id="readiness-${htmlEsc(r.rfc)}"` : '';
    rfc = r.rfc;
    // Every cell leads to the entry's evidence (reports/drill.ts): samples and pairs to their own views.
    const req = anchor('req', r.id);
    // The first five samples; the entry's view has them all (a section's valid samples number in the hundreds).
    const samples = `${r.samples.slice(0, 5).map((s) => link(anchor('sample', s), s)).join(' ')}${r.samples.length > 5 ? ` ${link(req, `... (${r.samples.length})`)}` : ''}`;
    const pairs = r.pairs.slice(0, 3).map((p) => {
      const m = /^(\S+) -> \S+ \((.+)\)$/.exec(p);
      return m ? link(anchor('produced', m[1]!, m[2]!), p) : htmlEsc(p);
    }).join('; ') + (r.pairs.length > 3 ? ` ${link(req, `... (${r.pairs.length})`)}` : '');
    const cell = (text: string) => `<td>${text ? link(req, text) : ''}</td>`;
    return `<tr${rfcAnchor} data-status="${r.status}"><th><code>${link(req, r.id)}</code></th>${cell(r.level)}${cell(r.status)}${cell(r.producers.join(', '))}${cell(r.consumers.join(', '))}<td>${pairs}</td><td>${samples}</td>${cell(r.note)}</tr>`;
  }).join('');
  return `<section class="block"><h2>Readiness per requirement</h2><table id="readiness"><thead><tr><th>requirement</th><th>level</th><th>status</th><th>producers</th><th>consumers</th><th>pairs</th><th>samples</th><th>note</th></tr></thead><tbody>${body}</tbody></table></section>`;
}
