/**
 * Which catalog entries the checker automates: the ids a rule in checkers/ cites (as a quoted
 * literal, or through the attribute table), plus, for each RFC 5652 id, the RFC 2630 statement it
 * is reported as under --profile v3 (checkers/context.ts). Read from the TypeScript sources, which
 * every checkout holds beside dist/, so the answer is the same from tsx and from bin/cmsi.js.
 * Used by `cmsi rules` (the `automated` field) and scripts/catalog-stats.ts (the README table).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Catalog } from '../core/catalog.ts';
import { repoPath } from '../core/paths.ts';
import { ATTRIBUTE_CONSTRAINTS } from './rules/attribute-table.ts';
import { V3_ALIASES } from './context.ts';

const CITATION = /'(rfc\d{4}\/[0-9A-Z.]+\/[a-z0-9-]+)'/g;

function walk(dir: string, into: Set<string>): void {
  for (const f of readdirSync(dir).sort()) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) walk(p, into);
    else if (f.endsWith('.ts')) for (const m of readFileSync(p, 'utf8').matchAll(CITATION)) into.add(m[1]!);
  }
}

/** The catalog ids some checker rule cites. */
export function citedRuleIds(catalog: Catalog): ReadonlySet<string> {
  const cited = new Set<string>();
  walk(repoPath('checkers'), cited);
  for (const c of ATTRIBUTE_CONSTRAINTS) for (const r of [c.allowedIn?.rule, c.singleValue, c.singleInstance]) if (r) cited.add(r);
  for (const id of [...cited].filter((x) => x.startsWith('rfc5652/'))) {
    const v3 = V3_ALIASES[id] ?? id.replace('rfc5652/', 'rfc2630/');
    if (catalog.get(v3)) cited.add(v3);
  }
  return cited;
}

/** Per RFC: of the entries a message can show (static or crypto), how many a rule cites. */
export function automatedShare(catalog: Catalog, cited: ReadonlySet<string>): ReadonlyMap<number, { readonly automated: number; readonly decidable: number }> {
  const out = new Map<number, { automated: number; decidable: number }>();
  for (const f of catalog.files) {
    const d = f.entries.filter((e) => e.test === 'static' || e.test === 'crypto');
    out.set(f.rfc, { automated: d.filter((e) => cited.has(e.id)).length, decidable: d.length });
  }
  return out;
}
