/**
 * The report as one self-contained HTML file: colour-coded cells, sticky headers, a text filter and
 * a "problems only" toggle. Every table cell carries data-kind so tests (and people) can count them.
 */
import { MATRIX_FEATURES, type Cell, type ReportModel } from './model.ts';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function kindOf(c: Cell | undefined): string {
  if (!c || c.total === 0) return 'empty';
  if (c.unsupported === c.total) return 'unsupported';
  return c.bad ? 'bad' : c.ok === c.total ? 'ok' : 'partial';
}
const td = (kind: string, text: string, title = ''): string => `<td data-kind="${kind}"${title ? ` title="${esc(title)}"` : ''}>${esc(text)}</td>`;
const ratio = (c: Cell | undefined): string => (!c || !c.total ? '' : `${c.ok}/${c.total}`);

const STYLE = `
body{font:14px/1.4 system-ui,sans-serif;margin:1rem 2rem;color:#222}
h1{font-size:1.4rem} h2{font-size:1.15rem;margin-top:2rem}
table{border-collapse:collapse;margin:.5rem 0}
th,td{border:1px solid #ccc;padding:.2rem .45rem;text-align:center;white-space:nowrap}
thead th{position:sticky;top:0;background:#f4f4f4;z-index:1}
tbody th{position:sticky;left:0;background:#fafafa;text-align:left}
td[data-kind=ok]{background:#c8efc8} td[data-kind=partial]{background:#fff1b8} td[data-kind=bad]{background:#f7b7b7}
td[data-kind=unsupported]{background:#e8e8e8;color:#777} td[data-kind=empty]{background:#fff}
td[data-kind=accept]{background:#c8efc8} td[data-kind=reject]{background:#f7b7b7} td[data-kind=valid]{background:#c8efc8} td[data-kind=invalid]{background:#f7b7b7}
td.text{text-align:left;white-space:normal;max-width:50rem}
#controls{position:sticky;top:0;background:#fff;padding:.4rem 0;z-index:2;border-bottom:1px solid #ddd}
.hidden{display:none}`;

const SCRIPT = `
const q=document.getElementById('filter'),p=document.getElementById('problems');
function apply(){const t=q.value.toLowerCase();for(const tr of document.querySelectorAll('tbody tr')){
const txt=tr.textContent.toLowerCase();const bad=tr.querySelector('td[data-kind=bad],td[data-kind=reject],td[data-kind=invalid],td[data-kind=partial]');
tr.classList.toggle('hidden',(t&&!txt.includes(t))||(p.checked&&!bad));}}
q.addEventListener('input',apply);p.addEventListener('change',apply);`;

export function renderHtml(m: ReportModel): string {
  const parts: string[] = [];
  parts.push('<h2>Stacks</h2><table id="stacks"><thead><tr><th>stack</th><th>version</th><th>lineage</th><th>status</th></tr></thead><tbody>');
  for (const s of m.stacks) parts.push(`<tr><th>${esc(s.stack)}</th>${td(s.installed ? 'ok' : 'unsupported', s.version ?? '')}${td('empty', s.lineage)}${td(s.installed ? 'ok' : 'unsupported', s.installed ? 'installed' : `not installed: ${s.reason ?? ''}`)}</tr>`);
  parts.push('</tbody></table>');
  const features = MATRIX_FEATURES.filter((f) => [...m.consumerMatrix.values()].some((row) => row.get(f)?.total));
  parts.push('<h2>Consumer matrix</h2><p>Valid samples accepted with the exact content / samples with the feature; first column: invalid samples rejected.</p>');
  parts.push(`<table id="consumer"><thead><tr><th>stack</th><th>invalid caught</th>${features.map((f) => `<th>${esc(f)}</th>`).join('')}</tr></thead><tbody>`);
  for (const s of m.installed) {
    const row = m.consumerMatrix.get(s.stack);
    const inv = m.invalidCaught.get(s.stack);
    parts.push(`<tr><th>${esc(s.stack)}</th>${td(kindOf(inv), ratio(inv))}${features.map((f) => td(kindOf(row?.get(f)), ratio(row?.get(f)), f)).join('')}</tr>`);
  }
  parts.push('</tbody></table>');
  parts.push(`<h2>Producer matrix</h2><table id="producer"><thead><tr><th>stack</th>${m.produceFeatures.map((f) => `<th>${esc(f)}</th>`).join('')}</tr></thead><tbody>`);
  for (const s of m.installed) {
    parts.push(`<tr><th>${esc(s.stack)}</th>${m.produceFeatures.map((f) => {
      const p = m.produce.find((x) => x.stack === s.stack && x.feature === f);
      if (!p) return td('empty', '');
      if (p.verdict !== 'produced') return td(p.verdict === 'unsupported' ? 'unsupported' : 'bad', p.verdict, p.detail);
      return td(p.check?.verdict === 'valid' ? 'valid' : 'invalid', p.check?.verdict ?? '?', p.check?.failed.join(', ') ?? '');
    }).join('')}</tr>`);
  }
  parts.push('</tbody></table><h2>Interop</h2>');
  const consumers = m.installed.map((s) => s.stack);
  for (const [feature, producers] of [...m.interop.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    parts.push(`<h3>${esc(feature)}</h3><table class="interop"><thead><tr><th>producer \\ consumer</th>${consumers.map((c) => `<th>${esc(c)}</th>`).join('')}</tr></thead><tbody>`);
    for (const [producer, row] of producers) {
      parts.push(`<tr><th>${esc(producer)}</th>${consumers.map((c) => {
        const r = row.get(c);
        if (c === producer || !r) return td('empty', c === producer ? '·' : '');
        const kind = r.verdict === 'accept' ? (r.contentMatch === false ? 'bad' : 'accept') : r.verdict === 'unsupported' ? 'unsupported' : 'reject';
        return td(kind, r.verdict, r.detail);
      }).join('')}</tr>`);
    }
    parts.push('</tbody></table>');
  }
  parts.push('<h2>Unexpected outcomes</h2><table id="unexpected"><thead><tr><th>stack</th><th>outcome</th><th>sample</th><th>effect if accepted / detail</th></tr></thead><tbody>');
  for (const u of m.unexpected) parts.push(`<tr><th>${esc(u.stack)}</th>${td('bad', u.outcome)}<td class="text">${esc(u.record.sample)}</td><td class="text">${esc(u.effect || u.record.detail)}</td></tr>`);
  parts.push('</tbody></table><h2>Requirements</h2><table id="requirements"><thead><tr><th>requirement</th><th>demonstrated by</th><th>missed by</th><th>Draft Standard bar</th></tr></thead><tbody>');
  for (const r of m.requirements) parts.push(`<tr><th>${esc(r.id)}</th>${td(r.demonstrated.length ? 'ok' : 'empty', r.demonstrated.join(', '))}${td(r.missed.length ? 'bad' : 'empty', r.missed.join(', '))}${td(r.draftStandard ? 'ok' : 'empty', r.draftStandard ? 'met' : '')}</tr>`);
  parts.push('</tbody></table>');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>cms-interop report</title><style>${STYLE}</style></head><body>
<h1>cms-interop report</h1><div id="controls"><label>filter <input id="filter" type="search" placeholder="stack, feature, sample..."></label> <label><input id="problems" type="checkbox"> problems only</label></div>
${parts.join('\n')}
<script>${SCRIPT}</script></body></html>\n`;
}
