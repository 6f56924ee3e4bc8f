/**
 * `cmsi report`: renders interop results (run.json and JSON lines) as Markdown, HTML, JSON or CSV.
 * Every line is validated against the results schema first; damaged or mixed results are refused,
 * a torn last line or records given twice are reported loudly, never silently counted.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadResults, RESULTS_SCHEMA_PATH } from '../interop/records.ts';
import { renderCsv, renderJson } from '../reports/data.ts';
import { renderHtml } from '../reports/html.ts';
import { renderMarkdown } from '../reports/markdown.ts';
import { buildModel } from '../reports/model.ts';
import { InputError } from './io.ts';
import { loadCatalog } from '../core/catalog.ts';
import { readiness, type ReadinessRow } from '../reports/readiness.ts';
import { readinessSummaryMarkdown, readinessTableMarkdown } from '../reports/readiness-render.ts';
import { loadDrillInputs } from '../reports/drill-inputs.ts';
import { dirname, join } from 'node:path';

/** The per-RFC summary right under the title (what a chair reads first), every entry at the end. */
function withReadinessMarkdown(md: string, rows: readonly ReadinessRow[]): string {
  const at = md.indexOf('\n## ');
  const head = at < 0 ? md : md.slice(0, at + 1);
  const rest = at < 0 ? '' : md.slice(at + 1);
  return `${head}${readinessSummaryMarkdown(rows).join('\n')}\n${rest}${rest.endsWith('\n') ? '' : '\n'}\n${readinessTableMarkdown(rows).join('\n')}\n`;
}

import { UsageError } from './usage.ts';

export const REPORT_HELP = `usage: cmsi report [--results DIR] [--format md|html|json|csv] [--out FILE] [--corpus DIR] [--checks FILE]

Reads the results of cmsi interop (default out/results) and writes the implementation x feature
matrix (consumer and producer sides), the producer x consumer interop matrix per feature, the
cross-verification failures with the layer cmsi check blames, the unexpected outcomes per stack
(invalid messages accepted, with the flag and its effect; valid messages rejected; crashes and
hangs), and per requirement which stacks demonstrated it and whether two independent,
interoperating stacks did (the Draft Standard bar). HTML is one self-contained page with
colour-coded cells, sticky headers and filters, in which every cell of every matrix links to its
detail: the samples a cell counts; a sample's manifest entry and description, cmsi check's
findings on it and each stack's outcome in the stack's own words (known or new); a produced message,
cmsi check's judgement and what each consumer said. The manifest comes from --corpus DIR (default:
DIR/../corpus beside the results, as cmsi run writes it; used only when its SHA-256 is the run's),
the findings from --checks FILE, the JSON of cmsi check --manifest (default: checks.json beside the
results, which cmsi run writes). Unexpected outcomes are split per stack into known divergences
(explained by expectations/<stack>.yaml) and new ones. Output is in one stable order: two runs with
the same verdicts give the same bytes.

The inputs' identity (run, cmsi, corpus seed and manifest SHA-256, records per file) goes to
stderr. Every line is validated against docs/results-schema-v1.json. Refused (exit 2): a line
that is not JSON or not a valid record, records of another run or corpus, the same record twice
with different results, a missing run.json or stacks.jsonl. Reported with a warning, in the
output too: a cut-off last line (an interrupted writer), records appended twice (counted once).
A run that did not finish, or lacks records, is marked INCOMPLETE in every format.

Exit codes: 0 report written; 3 report written, but the run is incomplete; 2 usage error,
unreadable or refused results.`;

export function reportCommand(argv: readonly string[]): number {
  const { values } = parseArgs({ args: [...argv], strict: true, options: {
    results: { type: 'string', default: 'out/results' }, format: { type: 'string', default: 'md' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' },
    corpus: { type: 'string' }, checks: { type: 'string' },
  } });
  if (values.help) {
    console.log(REPORT_HELP);
    return 0;
  }
  if (!['md', 'html', 'json', 'csv'].includes(values.format!)) throw new UsageError(`--format must be md, html, json or csv, got "${values.format}"`);
  const dir = values.results!;
  const loaded = loadResults(dir);
  const { run } = loaded;
  if (!run && Object.keys(loaded.counts).length === 0) {
    // Nothing of a run here at all (a typo, another directory): one line, not a list of refusals.
    throw new InputError(`${dir}: ${existsSync(dir) ? 'holds no results (no run.json, no record files)' : 'no such directory'}; cmsi interop --out ${dir} makes them`);
  }
  const files = Object.entries(loaded.counts).map(([f, n]) => `${f} ${n}`).join(', ') || 'no record files';
  console.error(run
    ? `results ${dir}: run ${run.runId} (${run.state}, ${run.invocations} invocation${run.invocations === 1 ? '' : 's'}), cmsi ${run.cmsi}, corpus seed ${run.seed} manifest SHA-256 ${run.manifestSha256}; lines: ${files}`
    : `results ${dir}: lines: ${files}`);
  const refusals = loaded.problems.filter((p) => p.severity === 'refuse');
  if (refusals.length) {
    for (const p of refusals.slice(0, 20)) console.error(`cmsi report: refused: ${p.message}`);
    if (refusals.length > 20) console.error(`cmsi report: refused: ... and ${refusals.length - 20} more problems`);
    console.error(`cmsi report: no report from damaged or mixed results (schema: ${RESULTS_SCHEMA_PATH}); run cmsi interop again, or --resume it`);
    return 2;
  }
  const warnings = loaded.problems.filter((p) => p.severity === 'warn').map((p) => p.message);
  const model = buildModel(loaded.records, run, warnings);
  for (const w of warnings) console.error(`cmsi report: WARNING: ${w}`);
  for (const line of model.incomplete) console.error(`cmsi report: INCOMPLETE: ${line}`);
  // Readiness covers every catalog entry, so it needs the catalog beside the records.
  const rows = readiness(loadCatalog().entries, loaded.records);
  const html = () => {
    // The drill-down's inputs: given, or where cmsi run puts them beside the results.
    const beside = (name: string) => { const p = join(dirname(dir.replace(/\/+$/, '')), name); return existsSync(p) ? p : null; };
    const inputs = loadDrillInputs(values.corpus ?? beside('corpus'), values.checks ?? beside('checks.json'), run?.manifestSha256 ?? null);
    for (const n of inputs.notes) console.error(`cmsi report: details: ${n}`);
    return renderHtml(model, { inputs, readiness: rows });
  };
  const text = values.format === 'html' ? html() : values.format === 'json' ? renderJson(model) : values.format === 'csv' ? renderCsv(model) : withReadinessMarkdown(renderMarkdown(model), rows);
  if (values.out) {
    writeFileSync(values.out, text);
    console.error(`wrote ${values.out}`);
  } else process.stdout.write(text);
  return model.incomplete.length ? 3 : 0;
}
