/**
 * Regenerates the README's generated sections between their markers, so no table there is typed
 * by hand: the catalog statistics (from catalog/ and checkers/) and the interop matrix (from the
 * JSON lines results of `cmsi interop`). Run: npx tsx scripts/update-readme.ts [results-dir]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';
import { OPENSSL_ACCEPTS_INVALID } from '../adapters/openssl-invalid-known.ts';
import { corpusMarkdown } from '../cli/corpus.ts';
import type { Manifest } from '../core/manifest.ts';
import { loadResults } from '../interop/records.ts';
import { renderMarkdown } from '../reports/markdown.ts';
import { buildModel } from '../reports/model.ts';

const readme = new URL('../README.md', import.meta.url).pathname;
const resultsDir = process.argv[2] ?? 'out/results';

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
}
// OpenSSL's acceptances of invalid samples, with the reason the RFC is on our side.
const manifest = parse(readFileSync(new URL('../corpus/manifest.yaml', import.meta.url).pathname, 'utf8')) as Manifest;
const rows = Object.entries(OPENSSL_ACCEPTS_INVALID).map(([id, reason]) => {
  const flag = manifest.samples.find((x) => x.id === id)?.flags?.[0] ?? '';
  return `| \`${id}\` | ${flag} | ${reason.replace(/\|/g, '\\|')} |`;
});
text = splice(text, 'openssl-invalid', ['| sample | flag | why it is invalid, and what OpenSSL 3.0 does not check |', '|---|---|---|', ...rows].join('\n'));
writeFileSync(readme, text);
// The whole corpus, case by case (also: cmsi corpus --format md).
const docs = new URL('../docs/', import.meta.url).pathname;
mkdirSync(docs, { recursive: true });
writeFileSync(`${docs}corpus.md`, corpusMarkdown(manifest));
console.log(`updated ${readme}${records.length ? ` (matrix from ${records.length} records in ${resultsDir})` : ' (no interop results: matrix left as is)'}`);
