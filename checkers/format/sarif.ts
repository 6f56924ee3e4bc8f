/**
 * SARIF 2.1.0: one run, the rules that produced findings described from the catalog, one result
 * per failure or warning with a byte region (offset, length) in the file's CMS.
 */
import type { Catalog } from '../../core/catalog.ts';
import { BUILTIN_RULES } from '../builtin-rules.ts';
import type { FileResult } from '../finding.ts';

export function formatSarif(results: readonly FileResult[], catalog: Catalog, version: string): string {
  const ruleIds = [...new Set(results.flatMap((r) => r.findings.filter((f) => f.status !== 'pass').map((f) => f.rule)))].sort();
  const rules = ruleIds.map((id) => {
    const e = catalog.get(id);
    const summary = e?.summary ?? (BUILTIN_RULES as Record<string, { summary: string }>)[id]?.summary ?? id;
    return {
      id,
      shortDescription: { text: summary },
      ...(e ? { helpUri: `https://www.rfc-editor.org/rfc/rfc${id.slice(3, 7)}#section-${e.section}`, properties: { level: e.level, test: e.test, binds: e.binds } } : {}),
    };
  });
  const sarifResults = results.flatMap((r) => r.findings.filter((f) => f.status !== 'pass').map((f) => ({
    ruleId: f.rule,
    ruleIndex: ruleIds.indexOf(f.rule),
    level: f.status === 'fail' && !f.producerOnly ? 'error' : f.status === 'unchecked' ? 'note' : 'warning',
    properties: { layer: f.layer, status: f.status },
    message: { text: `${f.message}${f.path ? ` (${f.path})` : ''}` },
    locations: [{
      physicalLocation: {
        artifactLocation: { uri: r.file },
        region: { byteOffset: f.offset, byteLength: Math.max(f.length, 0) },
      },
      ...(f.path ? { logicalLocations: [{ fullyQualifiedName: f.path }] } : {}),
    }],
  })));
  return `${JSON.stringify({
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'cmsi', version, informationUri: 'https://example.invalid/cms-interop', rules } }, results: sarifResults }],
  }, null, 2)}\n`;
}
