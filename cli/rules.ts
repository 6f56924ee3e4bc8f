/** `cmsi rules`: prints the requirement catalog, filtered, or explains one rule. */
import { parseArgs } from 'node:util';
import { LEVELS, loadCatalog, type CatalogEntry } from '../core/catalog.ts';
import { BUILTIN_RULES } from '../checkers/builtin-rules.ts';
import { citedRuleIds } from '../checkers/automation.ts';
import { UsageError } from './usage.ts';

export const RULES_HELP = `usage: cmsi rules [ID] [--format text|json] [--rfc N] [--level LEVEL] [--test KIND] [--profile P]

Prints the requirement catalog: one entry per normative statement of the CMS, S/MIME and ESS RFCs,
with its level, who it binds, how it can be tested (static, crypto, behavioral, untestable), its
profiles and whether a checker rule cites it (automated). With ID, explains that one rule (catalog
ids like rfc5652/5.3/signed-attrs-der, or the checker's own cmsi/... ids).

  --rfc N          only entries of RFC N
  --level LEVEL    only this level (MUST, "MUST NOT", SHOULD, ...)
  --test KIND      only static | crypto | behavioral | untestable
  --profile P      only entries of profile current or v3
  --format json    machine-readable output`;

const line = (e: CatalogEntry): string => `${e.id.padEnd(64)} ${e.level.padEnd(10)} ${e.test.padEnd(10)} ${e.summary}`;

export function rulesCommand(argv: readonly string[]): number {
  const { values, positionals } = parseArgs({
    args: [...argv], allowPositionals: true, strict: true,
    options: { format: { type: 'string', default: 'text' }, rfc: { type: 'string' }, level: { type: 'string' }, test: { type: 'string' }, profile: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    console.log(RULES_HELP);
    return 0;
  }
  if (!['text', 'json'].includes(values.format!)) throw new UsageError(`--format must be text or json, got "${values.format}"`);
  if (values.level && !(LEVELS as readonly string[]).includes(values.level.toUpperCase())) throw new UsageError(`--level must be one of ${LEVELS.join(', ')}`);
  if (values.rfc && !/^\d{4}$/.test(values.rfc)) throw new UsageError(`--rfc must be an RFC number, got "${values.rfc}"`);
  const catalog = loadCatalog();
  const cited = citedRuleIds(catalog);
  const withAutomated = (e: CatalogEntry) => ({ ...e, automated: cited.has(e.id) });
  const id = positionals[0];
  if (id) {
    const e = catalog.get(id);
    const b = (BUILTIN_RULES as Record<string, { level: string; summary: string }>)[id];
    if (!e && !b) {
      console.error(`cmsi rules: no rule "${id}" (cmsi rules --rfc N lists them)`);
      return 2;
    }
    if (values.format === 'json') console.log(JSON.stringify(e ? withAutomated(e) : { id, ...b, automated: true }, null, 2));
    else if (e) {
      console.log(`${e.id}\n  RFC ${e.id.slice(3, 7)} section ${e.section}, ${e.level}, binds ${e.binds.join(', ')}\n  ${e.summary}\n  test: ${e.test}${e.reason ? ` (${e.reason})` : ''}${cited.has(e.id) ? ', automated' : ', not automated'}\n  profiles: ${e.profiles.join(', ')}\n  text: https://www.rfc-editor.org/rfc/rfc${e.id.slice(3, 7)}#section-${e.section}`);
    } else console.log(`${id}\n  checker rule, ${b!.level}\n  ${b!.summary}`);
    return 0;
  }
  const entries = catalog.entries.filter((e) =>
    (!values.rfc || e.id.startsWith(`rfc${values.rfc}/`)) &&
    (!values.level || e.level === values.level.toUpperCase()) &&
    (!values.test || e.test === values.test) &&
    (!values.profile || e.profiles.includes(values.profile as 'v3' | 'current')));
  if (values.format === 'json') console.log(JSON.stringify({ version: 1, entries: entries.map(withAutomated) }, null, 2));
  else {
    for (const e of entries) console.log(line(e));
    console.log(`${entries.length} entries`);
  }
  return 0;
}
