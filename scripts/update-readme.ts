/**
 * Regenerates the README's generated sections between their markers, so no table there is typed
 * by hand: the catalog statistics (from catalog/ and checkers/) and the interop matrix (from the
 * JSON lines results of `cmsi interop`). Run: npx tsx scripts/update-readme.ts [results-dir]
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { readRecords } from '../interop/records.ts';
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
const records = readRecords(resultsDir);
if (records.length) {
  const md = renderMarkdown(buildModel(records), { brief: true }).replace(/^# cms-interop report\n/, '').replace(/^## /gm, '#### ');
  text = splice(text, 'interop-matrix', md);
}
writeFileSync(readme, text);
console.log(`updated ${readme}${records.length ? ` (matrix from ${records.length} records in ${resultsDir})` : ' (no interop results: matrix left as is)'}`);
