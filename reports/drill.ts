/**
 * The HTML report's drill-down: one detail view per corpus sample (its manifest entry and
 * description, cmsi check's findings, each stack's outcome with the stack's own words from the
 * record, known or new), per consumer-matrix cell (the samples it counts, the wrong ones first),
 * per produced message (cmsi check's judgement, each consumer's outcome and words) and per
 * readiness entry (its evidence). Every matrix cell links to one. A view is a `section.detail`,
 * hidden until it is the URL's target (CSS :target, no script), then shown as a panel beside the
 * tables; its links lead on (cell -> sample). Anchors are derived from the ids alone, so the page
 * stays byte-for-byte deterministic.
 */
import type { ConsumeRecord } from '../interop/records.ts';
import type { DrillInputs } from './drill-inputs.ts';
import { MATRIX_FEATURES, failedLayerOf, outcomeOf, type ReportModel } from './model.ts';
import type { ReadinessRow } from './readiness.ts';

export const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** An id fragment: letters, digits, dot and hyphen kept, every other character as _hh (so distinct ids stay distinct). */
const part = (s: string): string => [...s].map((c) => (/[A-Za-z0-9.-]/.test(c) ? c : [...Buffer.from(c)].map((b) => `_${b.toString(16).padStart(2, '0')}`).join(''))).join('');

/** The anchor of a detail view: its kind, then its key parts joined by `~` (which `part` never leaves). */
export const anchor = (kind: 'sample' | 'cell' | 'produced' | 'req', ...parts: readonly string[]): string => `${kind}-${parts.map(part).join('~')}`;

/** Text inside a link to a detail view. */
export const link = (target: string, text: string, title = ''): string => `<a class="drill" href="#${target}"${title ? ` title="${esc(title)}"` : ''}>${esc(text)}</a>`;

/** A detail view: hidden until targeted; `close` goes back to no target. */
const view = (id: string, title: string, body: string): string =>
  `<section class="detail" id="${id}"><p class="close"><a href="#">close</a></p><h3>${title}</h3>${body}</section>`;

const dl = (pairs: readonly (readonly [string, string])[]): string => `<dl>${pairs.filter(([, v]) => v).map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v}</dd>`).join('')}</dl>`;

/** The stack's own words from a record (its error, or what it printed when it accepted), and for an accept whether the content matched. */
function stackWords(r: Pick<ConsumeRecord, 'verdict' | 'contentMatch' | 'detail'>): string {
  const words = r.detail ? `<pre>${esc(r.detail)}</pre>` : '';
  if (r.verdict === 'accept') return `${r.contentMatch === false ? 'accepted; the recovered content differs from the expected content' : r.contentMatch ? 'accepted; the recovered content equals the expected content' : 'accepted'}${words}`;
  return words || (r.verdict === 'hang' ? 'no answer within the timeout' : '');
}

function sampleViews(m: ReportModel, inputs: DrillInputs): string[] {
  const bySample = new Map<string, ConsumeRecord[]>();
  for (const r of m.consume) bySample.set(r.sample, [...(bySample.get(r.sample) ?? []), r]);
  const knownOf = new Map(m.unexpected.map((u) => [`${u.stack}|${u.record.sample}`, u.known]));
  const ids = [...bySample.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return ids.map((id) => {
    const rs = bySample.get(id)!;
    const first = rs[0]!;
    const s = inputs.samples?.get(id);
    const entry = dl([
      ['description', s ? esc(s.description) : '<em>no manifest given (cmsi report --corpus)</em>'],
      ['expected', esc(first.expected)],
      ['file', s ? `<code>${esc(s.file)}</code>` : ''],
      ['SHA-256', `<code>${esc(first.sampleSha256)}</code>`],
      ['content type', esc(first.contentType)],
      ['features', esc(first.features.join(', '))],
      ['algorithms', s ? esc(s.algorithms.join(', ')) : ''],
      [first.expected === 'valid' ? 'sections exercised' : 'requirements violated', esc(first.requirements.join(', '))],
      ['flags', esc(first.flags.join(', '))],
      ['base sample, mutation', s?.base ? `${link(anchor('sample', s.base), s.base)}${s.mutation ? `, ${esc(s.mutation)}` : ''}` : ''],
    ]);
    const c = inputs.checks?.get(id);
    const findings = !inputs.checks ? '<p><em>no checker results given (cmsi report --checks)</em></p>'
      : !c ? '<p><em>cmsi check did not report on this sample</em></p>'
        : `<p>cmsi check: <strong>${esc(c.verdict)}</strong>${c.matches === null ? '' : c.matches ? ' (as the manifest expects)' : ' (NOT as the manifest expects)'}${c.reason ? `: ${esc(c.reason)}` : ''}</p>${c.findings.length
          ? `<table class="findings"><thead><tr><th>rule</th><th>status</th><th>layer</th><th>where</th><th>message</th></tr></thead><tbody>${c.findings.map((f) =>
            `<tr><td><code>${esc(f.rule)}</code></td><td data-kind="${f.status === 'fail' ? 'bad' : 'info'}">${esc(f.status)}</td><td>${esc(f.layer)}</td><td><code>${esc(f.path)}</code></td><td class="text">${esc(f.message)}</td></tr>`).join('')}</tbody></table>`
          : '<p>every rule passed</p>'}`;
    const stacks = `<table class="outcomes"><thead><tr><th>stack</th><th>verdict</th><th>outcome</th><th>known?</th><th>the stack said</th></tr></thead><tbody>${rs.map((r) => {
      const o = outcomeOf(r);
      const known = knownOf.get(`${r.stack}|${r.sample}`);
      const k = o === 'ok' || o === 'unsupported' ? '' : known ? `known: ${esc(known.reason)}${known.link ? ` <a href="${esc(known.link)}">link</a>` : ''}` : '<strong>new</strong>';
      return `<tr><th>${esc(r.stack)}</th><td data-kind="${r.verdict === 'accept' ? 'accept' : r.verdict === 'unsupported' ? 'unsupported' : 'reject'}">${esc(r.verdict)}</td><td data-kind="${o === 'ok' ? 'ok' : o === 'unsupported' ? 'unsupported' : 'bad'}">${esc(o)}</td><td class="text">${k}</td><td class="text">${stackWords(r)}</td></tr>`;
    }).join('')}</tbody></table>`;
    return view(anchor('sample', id), `sample <code>${esc(id)}</code>`, `<h4>manifest entry</h4>${entry}<h4>checker findings (what is not a pass)</h4>${findings}<h4>stacks</h4>${stacks}`);
  });
}

/** The samples a consumer-matrix cell counts: stack x feature (valid samples), or the invalid / acceptable column. */
function cellViews(m: ReportModel): string[] {
  const out: string[] = [];
  const list = (stack: string, key: string, title: string, rs: readonly ConsumeRecord[]) => {
    if (!rs.length) return;
    const wrong = rs.filter((r) => outcomeOf(r) !== 'ok');
    const right = rs.filter((r) => outcomeOf(r) === 'ok');
    const table = wrong.length ? `<table class="cell-samples"><thead><tr><th>sample</th><th>outcome</th><th>the stack said</th></tr></thead><tbody>${wrong.map((r) =>
      `<tr><th>${link(anchor('sample', r.sample), r.sample)}</th><td data-kind="${outcomeOf(r) === 'unsupported' ? 'unsupported' : 'bad'}">${esc(outcomeOf(r))}</td><td class="text">${esc(r.detail.slice(0, 160))}</td></tr>`).join('')}</tbody></table>` : '';
    const oks = right.length ? `<p>as expected (${right.length}): ${right.map((r) => link(anchor('sample', r.sample), r.sample)).join(', ')}</p>` : '';
    out.push(view(anchor('cell', stack, key), `${esc(stack)}: ${esc(title)} (${rs.length} samples)`, `${wrong.length ? `<h4>not as expected or not supported (${wrong.length})</h4>` : ''}${table}${oks}`));
  };
  for (const s of m.installed) {
    const mine = m.consume.filter((r) => r.stack === s.stack);
    list(s.stack, 'invalid', 'invalid samples (must be rejected)', mine.filter((r) => r.expected === 'invalid'));
    list(s.stack, 'acceptable', 'acceptable samples', mine.filter((r) => r.expected === 'acceptable'));
    for (const f of MATRIX_FEATURES) list(s.stack, f, `valid samples with ${f}`, mine.filter((r) => r.expected === 'valid' && r.features.includes(f)));
  }
  return out;
}

/** One view per produce record: what cmsi check says of the message, and what every consumer made of it. */
function producedViews(m: ReportModel): string[] {
  return m.produce.map((p) => {
    const c = p.check;
    const layer = failedLayerOf(c);
    const head = dl([
      ['produced', esc(p.verdict)],
      ['the stack said', p.detail ? `<pre>${esc(p.detail)}</pre>` : ''],
      ['cmsi check', c ? `<strong>${esc(c.verdict)}</strong>${layer ? ` (first failing layer: ${esc(layer)})` : ''}${c.reason ? `: ${esc(c.reason)}` : ''}` : ''],
      ['failed rules', c ? esc(c.failed.join(', ')) : ''],
      ['layers', c ? esc(Object.entries(c.layers).map(([k, v]) => `${k} ${v}`).join(', ')) : ''],
      ['file', p.file ? `<code>${esc(p.file)}</code>` : ''],
    ]);
    const consumers = [...(m.interop.get(p.feature)?.get(p.stack)?.values() ?? [])];
    const table = consumers.length ? `<table class="outcomes"><thead><tr><th>consumer</th><th>verdict</th><th>the consumer said</th></tr></thead><tbody>${consumers.map((r) =>
      `<tr><th>${esc(r.consumer)}</th><td data-kind="${r.verdict === 'accept' ? (r.contentMatch === false ? 'bad' : 'accept') : r.verdict === 'unsupported' ? 'unsupported' : 'reject'}">${esc(r.verdict)}</td><td class="text">${stackWords(r)}</td></tr>`).join('')}</tbody></table>` : '<p>no other stack consumed it</p>';
    return view(anchor('produced', p.stack, p.feature), `${esc(p.stack)} produced ${esc(p.feature)}`, `${head}<h4>consumers</h4>${table}`);
  });
}

/** `a -> b (f)` pairs as one line per produced message: its link, then the consumers that accepted it. */
function pairsByMessage(pairs: readonly string[]): string {
  const by = new Map<string, { producer: string; feature: string; consumers: string[] }>();
  for (const p of pairs) {
    const m = /^(\S+) -> (\S+) \((.+)\)$/.exec(p);
    if (!m) continue;
    const k = `${m[1]}|${m[3]}`;
    const g = by.get(k) ?? { producer: m[1]!, feature: m[3]!, consumers: [] };
    by.set(k, g);
    g.consumers.push(m[2]!);
  }
  return [...by.values()].map((g) => `${link(anchor('produced', g.producer, g.feature), `${g.producer} ${g.feature}`)} -> ${esc(g.consumers.join(', '))}`).join('<br>');
}

/**
 * One view per readiness entry: its status, the note, and every piece of evidence as a link. The
 * valid samples that exercise a section are the same for every entry of it, so they get one view
 * per section (`req-<rfc/section>`), which each entry links to, instead of a copy per entry.
 */
export function readinessViews(rows: readonly ReadinessRow[], expectedOf: ReadonlyMap<string, string>): string[] {
  const sections = new Map<string, readonly string[]>();
  const entries = rows.map((r) => {
    const section = r.id.split('/').slice(0, 2).join('/');
    const valid = r.samples.filter((s) => expectedOf.get(s) === 'valid');
    const own = r.samples.filter((s) => expectedOf.get(s) !== 'valid');
    if (valid.length && !sections.has(section)) sections.set(section, valid);
    return view(anchor('req', r.id), `<code>${esc(r.id)}</code> (${esc(r.level)}): ${esc(r.status)}`, dl([
      ['note', esc(r.note)],
      ['producers', esc(r.producers.join(', '))],
      ['consumers', esc(r.consumers.join(', '))],
      ['interoperating pairs, per produced message', pairsByMessage(r.pairs)],
      ['invalid and acceptable samples citing it', own.map((s) => link(anchor('sample', s), s)).join(', ')],
      ['valid samples exercising its section', valid.length ? link(anchor('req', section), `${valid.length} samples of ${section}`) : ''],
    ]));
  });
  const sectionViews = [...sections.entries()].map(([section, samples]) =>
    view(anchor('req', section), `valid samples exercising ${esc(section)} (${samples.length})`, `<p>${samples.map((s) => link(anchor('sample', s), s)).join(', ')}</p>`));
  return [...entries, ...sectionViews];
}

export function detailViews(m: ReportModel, inputs: DrillInputs): string {
  const notes = inputs.notes.length ? `<div id="drill-notes"><strong>Details</strong>: ${inputs.notes.map(esc).join('; ')}</div>` : '';
  return `${notes}<div id="details">${[...sampleViews(m, inputs), ...cellViews(m), ...producedViews(m)].join('\n')}</div>`;
}
