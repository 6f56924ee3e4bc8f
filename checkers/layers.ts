/**
 * Which layer a rule reports in. The catalog entry may say (`layer:`); built-in rules carry their
 * own; otherwise the entry's nature decides: crypto entries are the crypto layer, the MIME
 * sections of RFC 8551/2633 (section 3) the mime layer, RFC 8550/2632/5280 the certificate
 * layer, and everything else structure. A call site may still name another layer for one
 * finding (a truncation reported under the ContentInfo rule is an encoding finding).
 */
import type { Catalog } from '../core/catalog.ts';
import type { Layer } from '../core/layers.ts';
import { BUILTIN_RULES } from './builtin-rules.ts';

const MIME_RFCS = new Set(['8551', '5751', '3851', '2633']);
const CERTIFICATE_RFCS = new Set(['8550', '5750', '3850', '2632', '5280']);

export function layerOf(rule: string, catalog: Catalog): Layer {
  const builtin = (BUILTIN_RULES as Record<string, { layer: Layer }>)[rule];
  if (builtin) return builtin.layer;
  const e = catalog.get(rule);
  if (e?.layer) return e.layer;
  const rfc = rule.slice(3, 7);
  if (MIME_RFCS.has(rfc) && e?.section.startsWith('3')) return 'mime';
  if (CERTIFICATE_RFCS.has(rfc)) return 'certificate';
  if (e?.test === 'crypto') return 'crypto';
  return 'structure';
}
