/**
 * The report as one self-contained HTML file for a working-group chair: the inputs first (corpus,
 * an incomplete run, warnings), then the tables. Headers stick below the sticky filter bar (its
 * height is fixed, and is the headers' offset); the filter hides rows and then every table left
 * without rows; matrix cells are coloured by their rate and keep the Markdown's `(N!)` counts.
 * Every table cell carries data-kind so tests (and people) can count them.
 */
import { loadFlags } from '../core/flags.ts';
import { cellKind, cellText, cellTitle, rateColour, type Cell } from './cells.ts';
import { cveRows } from './cve-matrix.ts';
import { anchor, detailViews, esc, link, readinessViews } from './drill.ts';
import { NO_DRILL_INPUTS, type DrillInputs } from './drill-inputs.ts';
import { expectationsFileOf } from './known.ts';
import { MATRIX_FEATURES, failedLayerOf, layerLabel, unexpectedByStack, type ReportModel, type Unexpected } from './model.ts';
import type { ReadinessRow } from './readiness.ts';
import { readinessSummaryHtml, readinessTableHtml } from './readiness-render.ts';

/** A cell; with `target`, its text links to that detail view (reports/drill.ts). */
const td = (kind: string, text: string, title = '', style = '', target = ''): string =>
  `<td data-kind="${kind}"${title ? ` title="${esc(title)}"` : ''}${style ? ` style="${style}"` : ''}>${target && text ? link(target, text) : esc(text)}</td>`;

/** A matrix cell: its kind, its `ok/total (N!)` text and a background graded by its rate, linked to the samples it counts. */
function matrixTd(c: Cell | undefined, title = '', target = ''): string {
  const kind = cellKind(c);
  const graded = c && (kind === 'ok' || kind === 'partial' || kind === 'bad');
  return td(kind, cellText(c), [title, cellTitle(c)].filter(Boolean).join(': '), graded ? `background:${rateColour(c)}` : '', target);
}

/** A heading and its table: the unit the filter hides when none of its rows is left. */
const block = (heading: string, table: string, note = ''): string => `<section class="block">${heading}${note}${table}</section>`;

const STYLE = `
:root{--bar:2.6rem}
body{font:14px/1.4 system-ui,sans-serif;margin:0 2rem 1rem;color:#222}
h1{font-size:1.4rem} h2{font-size:1.15rem;margin-top:2rem}
table{border-collapse:collapse;margin:.5rem 0}
th,td{border:1px solid #ccc;padding:.2rem .45rem;text-align:center;white-space:nowrap}
thead th{position:sticky;top:var(--bar);background:#f4f4f4;z-index:1}
tbody th{position:sticky;left:0;background:#fafafa;text-align:left}
td[data-kind=ok]{background:#c8efc8} td[data-kind=partial]{background:#fff1b8} td[data-kind=bad]{background:#f7b7b7}
td[data-kind=unsupported]{background:#e8e8e8;color:#777} td[data-kind=empty]{background:#fff} td[data-kind=info]{background:#e4ecf7}
td[data-kind=accept]{background:#c8efc8} td[data-kind=reject]{background:#f7b7b7} td[data-kind=valid]{background:#c8efc8} td[data-kind=invalid]{background:#f7b7b7}
td.text{text-align:left;white-space:normal;max-width:50rem}
#controls{position:sticky;top:0;height:var(--bar);box-sizing:border-box;display:flex;gap:1rem;align-items:center;background:#fff;z-index:2;border-bottom:1px solid #ddd}
#incomplete,#warnings{border:2px solid #c00;background:#fff0f0;padding:.4rem .8rem;margin:.6rem 0}
.hidden{display:none}
a.drill{color:inherit}
.detail{display:none}
.detail:target{display:block;position:fixed;top:var(--bar);right:0;bottom:0;width:min(62rem,60vw);overflow:auto;box-sizing:border-box;background:#fff;border-left:3px solid #666;box-shadow:-4px 0 12px rgba(0,0,0,.2);padding:.3rem 1rem 1rem;z-index:3}
.detail thead th,.detail tbody th{position:static} .detail th,.detail td{white-space:normal;text-align:left}
.detail .close{float:right;margin:0} .detail dt{font-weight:600;margin-top:.3rem} .detail dd{margin-left:1rem}
.detail pre{white-space:pre-wrap;word-break:break-word;margin:0;font-size:12px}
#drill-notes{color:#555;margin:.6rem 0}`;

const SCRIPT = `
const q=document.getElementById('filter'),p=document.getElementById('problems');
function apply(){const t=q.value.toLowerCase(),on=!!t||p.checked;
for(const tr of document.querySelectorAll('section.block tbody tr')){const txt=tr.textContent.toLowerCase();
const bad=tr.querySelector('td[data-kind=bad],td[data-kind=reject],td[data-kind=invalid],td[data-kind=partial]');
tr.classList.toggle('hidden',(t&&!txt.includes(t))||(p.checked&&!bad));}
for(const s of document.querySelectorAll('section.block'))s.classList.toggle('hidden',on&&!s.querySelector('tbody tr:not(.hidden)'));
for(const g of document.querySelectorAll('section.group'))g.classList.toggle('hidden',on&&!g.querySelector('section.block:not(.hidden)'));}
q.addEventListener('input',apply);p.addEventListener('change',apply);`;

function inputs(m: ReportModel): string {
  const parts: string[] = [];
  if (m.identity) parts.push(`<p id="identity">Results of cmsi ${esc(m.identity.cmsi)} over the corpus of seed ${esc(m.identity.seed)} (manifest SHA-256 <code>${esc(m.identity.manifestSha256)}</code>).</p>`);
  if (m.incomplete.length) parts.push(`<div id="incomplete"><strong>INCOMPLETE RUN</strong>: the numbers below do not cover the whole run.<ul>${m.incomplete.map((l) => `<li>${esc(l)}</li>`).join('')}</ul></div>`);
  if (m.warnings.length) parts.push(`<div id="warnings"><strong>Warnings about the results read</strong><ul>${m.warnings.map((l) => `<li>${esc(l)}</li>`).join('')}</ul></div>`);
  return parts.join('\n');
}

function producedTd(m: ReportModel, stack: string, feature: string): string {
  const p = m.produce.find((x) => x.stack === stack && x.feature === feature);
  if (!p) return td('empty', '');
  const target = anchor('produced', stack, feature);
  if (p.verdict !== 'produced') return td(p.verdict === 'unsupported' ? 'unsupported' : 'bad', p.verdict, p.detail, '', target);
  const layer = failedLayerOf(p.check);
  const text = p.check?.verdict === 'valid' ? 'valid' : `${p.check?.verdict ?? '?'}${layer ? ` [${layer}]` : ''}`;
  return td(p.check?.verdict === 'valid' ? 'valid' : 'invalid', text, [p.check?.reason ?? '', p.check?.failed.join(', ') ?? ''].filter(Boolean).join(' | '), '', target);
}

/** The unexpected outcomes of one kind (new or known), a row each, the sample linked to its detail. */
function unexpectedTable(id: string, us: readonly Unexpected[], known: boolean): string {
  return `<table id="${id}"><thead><tr><th>stack</th><th>outcome</th><th>sample</th><th>layer (cmsi check)</th><th>${known ? 'why it is expected (expectations/&lt;stack&gt;.yaml)' : 'effect if accepted / detail'}</th></tr></thead><tbody>${us.map((u) =>
    `<tr><th>${esc(u.stack)}</th>${td('bad', u.outcome)}<td class="text">${link(anchor('sample', u.record.sample), u.record.sample)}</td><td class="text">${esc(layerLabel(u.layer))}</td><td class="text">${known ? `${esc(u.known!.reason)}${u.known!.link ? ` <a href="${esc(u.known!.link)}">link</a>` : ''}` : esc(u.effect || u.record.detail)}</td></tr>`).join('')}</tbody></table>`;
}

/** Per stack: how many unexpected outcomes are new and how many an expectation explains. */
function unexpectedCounts(m: ReportModel): string {
  return `<table id="unexpected-per-stack"><thead><tr><th>stack</th><th>new</th><th>known</th><th>expectations file</th></tr></thead><tbody>${unexpectedByStack(m).map((g) =>
    `<tr><th>${esc(g.stack)}</th>${td(g.fresh.length ? 'bad' : 'ok', String(g.fresh.length))}${td(g.known.length ? 'info' : 'empty', String(g.known.length))}<td><code>expectations/${esc(expectationsFileOf(g.stack))}.yaml</code></td></tr>`).join('')}</tbody></table>`;
}

/** The CVE-derived samples and each stack's verdict, every cell linked to the sample's detail. */
function cveTable(m: ReportModel): string {
  const { stacks, rows } = cveRows(m.consume, loadFlags().flags);
  if (!rows.length) return '';
  return block('<h2>Samples from advisories (CVEs)</h2>', `<table id="cves"><thead><tr><th>sample</th><th>expected</th><th>flag (CVEs)</th>${stacks.map((s) => `<th>${esc(s)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) =>
    `<tr><th>${link(anchor('sample', r.sample), r.sample)}</th>${td('empty', r.expected, '', '', anchor('sample', r.sample))}${td('empty', `${r.flag} (${r.cves.join(', ')})`, '', '', anchor('sample', r.sample))}${r.outcomes.map((o) =>
      (o === null ? td('empty', '-') : td(o === 'accept' ? (r.expected === 'invalid' ? 'bad' : 'accept') : o === 'reject' ? 'reject' : o === 'unsupported' ? 'unsupported' : 'bad', o, '', '', anchor('sample', r.sample)))).join('')}</tr>`).join('')}</tbody></table>`);
}

export interface HtmlOptions {
  /** The manifest and checker findings the sample details show (reports/drill-inputs.ts). */
  readonly inputs?: DrillInputs;
  /** Readiness of every catalog entry: its per-RFC summary heads the page, its table ends it. */
  readonly readiness?: readonly ReadinessRow[];
}

export function renderHtml(m: ReportModel, options: HtmlOptions = {}): string {
  const inputsOf = options.inputs ?? NO_DRILL_INPUTS;
  const rows = options.readiness;
  const reqIds = new Set(rows?.map((r) => r.id) ?? []);
  const parts: string[] = [];
  parts.push(block('<h2>Stacks</h2>', `<table id="stacks"><thead><tr><th>stack</th><th>version</th><th>lineage</th><th>status</th></tr></thead><tbody>${m.stacks.map((s) =>
    `<tr><th>${esc(s.stack)}</th>${td(s.installed ? 'ok' : 'unsupported', s.version ?? '')}${td('empty', s.lineage)}${td(s.installed ? 'ok' : 'unsupported', s.source === 'submitted' ? 'submitted' : s.installed ? 'installed' : `not installed: ${s.reason ?? ''}`)}</tr>`).join('')}</tbody></table>`));
  const features = MATRIX_FEATURES.filter((f) => [...m.consumerMatrix.values()].some((row) => row.get(f)?.total));
  const consumerRows = m.installed.map((s) => {
    const row = m.consumerMatrix.get(s.stack);
    const acc = m.acceptable.get(s.stack);
    return `<tr><th>${esc(s.stack)}</th>${matrixTd(m.invalidCaught.get(s.stack), 'invalid samples rejected', anchor('cell', s.stack, 'invalid'))}${td(acc?.total ? 'info' : 'empty', cellText(acc), cellTitle(acc), '', anchor('cell', s.stack, 'acceptable'))}${features.map((f) => matrixTd(row?.get(f), f, anchor('cell', s.stack, f))).join('')}</tr>`;
  }).join('');
  parts.push(block('<h2>Consumer matrix</h2>',
    `<table id="consumer"><thead><tr><th>stack</th><th>invalid caught</th><th>acceptable accepted</th>${features.map((f) => `<th>${esc(f)}</th>`).join('')}</tr></thead><tbody>${consumerRows}</tbody></table>`,
    '<p>Valid samples accepted with the exact content / samples with the feature, coloured by that rate; "invalid caught": invalid samples rejected; "acceptable accepted": samples whose only flaw binds the producer; "(N!)": N samples rejected, crashed or wrong content.</p>'));
  parts.push(block('<h2>Producer matrix</h2>', `<table id="producer"><thead><tr><th>stack</th>${m.produceFeatures.map((f) => `<th>${esc(f)}</th>`).join('')}</tr></thead><tbody>${m.installed.map((s) =>
    `<tr><th>${esc(s.stack)}</th>${m.produceFeatures.map((f) => producedTd(m, s.stack, f)).join('')}</tr>`).join('')}</tbody></table>`, '<p>cmsi check on each produced message: verdict [first failing layer].</p>'));
  const consumers = m.installed.map((s) => s.stack);
  const interop = [...m.interop.entries()].map(([feature, producers]) => block(`<h3>${esc(feature)}</h3>`,
    `<table class="interop"><thead><tr><th>producer \\ consumer</th>${consumers.map((c) => `<th>${esc(c)}</th>`).join('')}</tr></thead><tbody>${[...producers.entries()].map(([producer, row]) =>
      `<tr><th>${esc(producer)}</th>${consumers.map((c) => {
        const r = row.get(c);
        if (c === producer || !r) return td('empty', c === producer ? '·' : '');
        const kind = r.verdict === 'accept' ? (r.contentMatch === false ? 'bad' : 'accept') : r.verdict === 'unsupported' ? 'unsupported' : 'reject';
        return td(kind, r.verdict, r.detail, '', anchor('produced', producer, feature));
      }).join('')}</tr>`).join('')}</tbody></table>`));
  parts.push(`<section class="group"><h2>Interop</h2>${interop.join('\n')}</section>`);
  parts.push(block('<h2>Cross-verification failures</h2>', `<table id="cross-failures"><thead><tr><th>feature</th><th>producer</th><th>consumer</th><th>outcome</th><th>cmsi check on the message</th><th>consumer said</th></tr></thead><tbody>${m.crossFailures.map((f) => {
    const r = f.record;
    const judged = !f.check ? '' : f.failedLayer ? `${f.check.verdict}, rejected for ${f.failedLayer}: ${f.check.reason ?? ''}` : `${f.check.verdict}: an interop failure`;
    return `<tr><th>${esc(r.feature)}</th>${td('empty', r.producer)}${td('empty', r.consumer)}${td('bad', r.verdict === 'accept' ? 'wrong content' : r.verdict, '', '', anchor('produced', r.producer, r.feature))}<td class="text">${esc(judged)}</td><td class="text">${esc(r.detail)}</td></tr>`;
  }).join('')}</tbody></table>`));
  const fresh = m.unexpected.filter((u) => !u.known);
  const known = m.unexpected.filter((u) => u.known);
  parts.push(block('<h2>Unexpected outcomes per stack</h2>', unexpectedCounts(m), '<p>"known": explained by an entry of the stack\'s expectations file (sample or flag, that outcome, its version); every other one is new.</p>'));
  parts.push(block('<h2>Unexpected outcomes: new</h2>', unexpectedTable('unexpected', fresh, false)));
  parts.push(block('<h2>Unexpected outcomes: known divergences</h2>', unexpectedTable('unexpected-known', known, true)));
  const cves = cveTable(m);
  if (cves) parts.push(cves);
  parts.push(block('<h2>Requirements</h2>', `<table id="requirements"><thead><tr><th>requirement</th><th>demonstrated by</th><th>missed by</th><th>Draft Standard bar</th></tr></thead><tbody>${m.requirements.map((r) =>
    {
      const target = reqIds.has(r.id) ? anchor('req', r.id) : '';
      return `<tr><th>${target ? link(target, r.id) : esc(r.id)}</th>${td(r.demonstrated.length ? 'ok' : 'empty', r.demonstrated.join(', '), '', '', target)}${td(r.missed.length ? 'bad' : 'empty', r.missed.join(', '), '', '', target)}${td(r.draftStandard ? 'ok' : 'empty', r.draftStandard ? 'met' : '', '', '', target)}</tr>`;
    }).join('')}</tbody></table>`));
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>cms-interop report</title><style>${STYLE}</style></head><body>
<div id="controls"><label>filter <input id="filter" type="search" placeholder="stack, feature, sample..."></label> <label><input id="problems" type="checkbox"> problems only</label></div>
<h1>cms-interop report</h1>
${inputs(m)}
${rows ? readinessSummaryHtml(rows) : ''}
<p>Every cell of every table links to the detail behind it: the samples a matrix cell counts, a sample's manifest entry, cmsi check's findings and each stack's own words, a produced message and what each consumer made of it.</p>
${parts.join('\n')}
${rows ? readinessTableHtml(rows) : ''}
${detailViews(m, inputsOf)}
${rows ? `<div id="readiness-details">${readinessViews(rows, new Map(m.consume.map((r) => [r.sample, r.expected]))).join('\n')}</div>` : ''}
<script>${SCRIPT}</script></body></html>\n`;
}
