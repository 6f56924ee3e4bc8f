/**
 * Regenerates the README's generated sections between their markers, so no table there is typed
 * by hand: the catalog statistics (from catalog/ and checkers/), the interop matrix (from the
 * JSON lines results of `cmsi interop`), OpenSSL's acceptances of invalid samples, docs/corpus.md,
 * and every example block of README.md and docs/cli.md from a real run (scripts/readme-examples.ts).
 * Run: npx tsx scripts/update-readme.ts [results-dir] [--skip-host] (--skip-host leaves the
 * machine-dependent examples, such as `cmsi run`, as they are).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';
import { OPENSSL_ACCEPTS_INVALID } from '../adapters/openssl-invalid-known.ts';
import { loadFlags } from '../core/flags.ts';
import { cveMatrixMarkdown } from '../reports/cve-matrix.ts';
import { corpusMarkdown } from '../cli/corpus.ts';
import type { Manifest } from '../core/manifest.ts';
import { loadResults } from '../interop/records.ts';
import { renderMarkdown } from '../reports/markdown.ts';
import { buildModel } from '../reports/model.ts';
import { regenerateDocs } from './readme-examples.ts';
import { loadCatalog } from '../core/catalog.ts';
import { readiness } from '../reports/readiness.ts';
import { readinessSummaryMarkdown } from '../reports/readiness-render.ts';

const readme = new URL('../README.md', import.meta.url).pathname;
const args = process.argv.slice(2);
const resultsDir = args.find((a) => !a.startsWith('--')) ?? 'out/results';
const skipHost = args.includes('--skip-host');

function splice(text: string, name: string, body: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < a) throw new Error(`README has no ${name} markers`);
  return `${text.slice(0, a + start.length)}\n${body.trim()}\n${text.slice(b)}`;
}

let text = readFileSync(readme, 'utf8');
const stats = execFileSync(process.execPath, ['--import', 'tsx', new URL('./catalog-stats.ts', import.meta.url).pathname], { encoding: 'utf8' });
text = splice(text, 'catalog-stats', stats);
const results = existsSync(resultsDir) ? loadResults(resultsDir) : null;
const records = results?.records ?? [];
if (results) {
  // The README shows a whole, undamaged run or none: any other would print other numbers.
  if (results.problems.length) throw new Error(`${resultsDir}: ${results.problems.map((p) => p.message).join('; ')}`);
  const model = buildModel(records, results.run);
  if (model.incomplete.length) throw new Error(`${resultsDir} is incomplete: ${model.incomplete.join('; ')}`);
  const md = renderMarkdown(model, { brief: true }).replace(/^# cms-interop report\n/, '').replace(/^### /gm, '##### ').replace(/^## /gm, '#### ');
  text = splice(text, 'interop-matrix', md);
  text = splice(text, 'cve-matrix', cveMatrixMarkdown(records, loadFlags().flags));
  text = splice(text, 'readiness-summary', readinessSummaryMarkdown(readiness(loadCatalog().entries, records)).join('\n').replace(/^## .*\n\n/, ''));
}
// OpenSSL's acceptances of invalid samples, with the reason the RFC is on our side.
const manifest = parse(readFileSync(new URL('../corpus/manifest.yaml', import.meta.url).pathname, 'utf8')) as Manifest;
const rows = Object.entries(OPENSSL_ACCEPTS_INVALID).map(([id, reason]) => {
  const flag = manifest.samples.find((x) => x.id === id)?.flags?.[0] ?? '';
  return `| \`${id}\` | ${flag} | ${reason.replace(/\|/g, '\\|')} |`;
});
const openssl = execFileSync('openssl', ['version'], { encoding: 'utf8' }).trim().split(' ').slice(0, 2).join(' ');
text = splice(text, 'openssl-invalid', [
  `**${openssl} accepts ${rows.length} invalid samples.** \`openssl-invalid.test.ts\` runs OpenSSL on every`,
  'invalid sample it can process, asserts that it rejects all but these, and that it still accepts',
  'each of these (so the list cannot go stale):',
  '',
  '| sample | flag | why it is invalid, and what OpenSSL 3.0 does not check |', '|---|---|---|', ...rows,
].join('\n'));
writeFileSync(readme, text);
// The whole corpus, case by case (also: cmsi corpus --format md).
const docs = new URL('../docs/', import.meta.url).pathname;
mkdirSync(docs, { recursive: true });
writeFileSync(`${docs}corpus.md`, corpusMarkdown(manifest));
// Every example block, from a real run of its command (after the README above is written).
for (const line of regenerateDocs({ skipHost })) console.log(line);
console.log(`updated ${readme}${records.length ? ` (matrix from ${records.length} records in ${resultsDir})` : ' (no interop results: matrix left as is)'}`);
