/**
 * Prints the catalog statistics the README shows: entries per RFC, per level and per test kind,
 * and how many entries the checker implements (checkers/automation.ts: ids cited in checkers/,
 * literal or from the attribute table). Run: npx tsx scripts/catalog-stats.ts
 */
import { LEVELS, loadCatalog, TEST_KINDS } from '../core/catalog.ts';
import { citedRuleIds } from '../checkers/automation.ts';

const catalog = loadCatalog();
const cited = citedRuleIds(catalog);
const implemented = catalog.entries.filter((e) => cited.has(e.id));

// The share that counts for acceptance: entries a message can show (static or crypto) that a rule cites.
const decidable = (es: readonly { id: string; test: string }[]) => {
  const d = es.filter((e) => e.test === 'static' || e.test === 'crypto');
  const n = d.filter((e) => cited.has(e.id)).length;
  return `${n}/${d.length}${d.length ? ` (${Math.round((100 * n) / d.length)}%)` : ''}`;
};
console.log('| RFC | entries | automated | ' + TEST_KINDS.join(' | ') + ' | static+crypto automated |');
console.log('|---|---|---|' + TEST_KINDS.map(() => '---').join('|') + '|---|');
for (const f of catalog.files) {
  const kinds = TEST_KINDS.map((k) => f.entries.filter((e) => e.test === k).length);
  console.log(`| ${f.rfc} | ${f.entries.length} | ${f.entries.filter((e) => cited.has(e.id)).length} | ${kinds.join(' | ')} | ${decidable(f.entries)} |`);
}
const kinds = TEST_KINDS.map((k) => catalog.entries.filter((e) => e.test === k).length);
console.log(`| **all** | **${catalog.entries.length}** | **${implemented.length}** | ${kinds.map((k) => `**${k}**`).join(' | ')} | **${decidable(catalog.entries)}** |`);
console.log('');
console.log('| level | entries |');
console.log('|---|---|');
for (const l of LEVELS) {
  const n = catalog.entries.filter((e) => e.level === l).length;
  if (n) console.log(`| ${l} | ${n} |`);
}
const missing = [...cited].filter((id) => !catalog.get(id));
if (missing.length) console.log(`\nchecker cites ids missing from the catalog: ${missing.join(', ')}`);
