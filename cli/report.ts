/** `cmsi report`: renders interop results (JSON lines) as Markdown, HTML, JSON or CSV. */
import { existsSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readRecords } from '../interop/records.ts';
import { renderCsv, renderJson } from '../reports/data.ts';
import { renderHtml } from '../reports/html.ts';
import { renderMarkdown } from '../reports/markdown.ts';
import { buildModel } from '../reports/model.ts';
import { UsageError } from './usage.ts';

export const REPORT_HELP = `usage: cmsi report [--results DIR] [--format md|html|json|csv] [--out FILE]

Reads the JSON lines results of cmsi interop (default out/results) and writes the implementation x
feature matrix (consumer and producer sides), the producer x consumer interop matrix per feature,
the unexpected outcomes per stack (invalid messages accepted, with the flag and its effect; valid
messages rejected; crashes and hangs), and per requirement which stacks demonstrated it and
whether two independent, interoperating stacks did (the Draft Standard bar). HTML is one
self-contained page with colour-coded cells, sticky headers and filters.`;

export function reportCommand(argv: readonly string[]): number {
  const { values } = parseArgs({ args: [...argv], strict: true, options: {
    results: { type: 'string', default: 'out/results' }, format: { type: 'string', default: 'md' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' },
  } });
  if (values.help) {
    console.log(REPORT_HELP);
    return 0;
  }
  if (!['md', 'html', 'json', 'csv'].includes(values.format!)) throw new UsageError(`--format must be md, html, json or csv, got "${values.format}"`);
  if (!existsSync(values.results!)) throw new UsageError(`no results in ${values.results} (run cmsi interop first)`);
  const records = readRecords(values.results!);
  if (!records.length) throw new UsageError(`no records in ${values.results}`);
  const model = buildModel(records);
  const text = values.format === 'html' ? renderHtml(model) : values.format === 'json' ? renderJson(model) : values.format === 'csv' ? renderCsv(records) : renderMarkdown(model);
  if (values.out) {
    writeFileSync(values.out, text);
    console.log(`wrote ${values.out}`);
  } else process.stdout.write(text);
  return 0;
}
