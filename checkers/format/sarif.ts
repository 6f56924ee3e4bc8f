/**
 * SARIF 2.1.0: one run, the rules that produced findings described from the catalog, one result
 * per failure, warning or undecided rule. Each region is in the file's own bytes: the CMS octets
 * of a DER file, or the base64 characters that encode them in a PEM, base64 or MIME file (the
 * finding's offset in the decoded CMS, and which part holds it, are in the result's properties),
 * so a viewer highlights the right text. With a manifest, what matches the expectation is not an
 * error: the findings of a sample with the expected verdict are notes (an invalid sample is
 * supposed to fail), and a sample whose verdict differs is one error of its own
 * (cmsi/manifest-expectation) besides its findings at their usual levels.
 */
import type { Catalog } from '../../core/catalog.ts';
import { BUILTIN_RULES } from '../builtin-rules.ts';
import type { FileResult, Finding } from '../finding.ts';

const EXPECTATION_RULE = 'cmsi/manifest-expectation';
const EXPECTATION_SUMMARY = 'The sample has the verdict its manifest expects (valid, invalid for the requirements it violates, or acceptable)';

function describeRule(id: string, catalog: Catalog) {
  if (id === EXPECTATION_RULE) return { id, shortDescription: { text: EXPECTATION_SUMMARY } };
  const e = catalog.get(id);
  const summary = e?.summary ?? (BUILTIN_RULES as Record<string, { summary: string }>)[id]?.summary ?? id;
  return {
    id,
    shortDescription: { text: summary },
    ...(e ? { helpUri: `https://www.rfc-editor.org/rfc/rfc${id.slice(3, 7)}#section-${e.section}`, properties: { level: e.level, test: e.test, binds: e.binds } } : {}),
  };
}

const naturalLevel = (f: Finding): string => (f.status === 'fail' && !f.producerOnly ? 'error' : f.status === 'unchecked' ? 'note' : 'warning');

export function formatSarif(results: readonly FileResult[], catalog: Catalog, version: string): string {
  const mismatched = results.some((r) => r.expectation && !r.expectation.matches);
  const ids = new Set(results.flatMap((r) => r.findings.filter((f) => f.status !== 'pass').map((f) => f.rule)));
  if (mismatched) ids.add(EXPECTATION_RULE);
  const ruleIds = [...ids].sort();
  const rules = ruleIds.map((id) => describeRule(id, catalog));
  const sarifResults = results.flatMap((r) => {
    const expected = r.expectation?.matches === true;
    const findings = r.findings.filter((f) => f.status !== 'pass').map((f) => {
      const region = f.file ?? { offset: f.offset, length: f.length };
      return {
        ruleId: f.rule,
        ruleIndex: ruleIds.indexOf(f.rule),
        level: expected ? 'note' : naturalLevel(f),
        properties: {
          layer: f.layer, status: f.status,
          cmsOffset: f.offset, cmsLength: Math.max(f.length, 0), cmsIn: r.source?.container ?? 'the file',
          ...(f.producerOnly ? { producerOnly: true } : {}),
          ...(r.expectation ? { expectedVerdict: r.expectation.expected, verdictMatches: r.expectation.matches } : {}),
        },
        message: { text: `${f.message}${f.path ? ` (${f.path})` : ''}` },
        locations: [{
          physicalLocation: {
            artifactLocation: { uri: r.file },
            region: { byteOffset: region.offset, byteLength: Math.max(region.length, 0) },
          },
          ...(f.path ? { logicalLocations: [{ fullyQualifiedName: f.path }] } : {}),
        }],
      };
    });
    if (!r.expectation || r.expectation.matches) return findings;
    const e = r.expectation;
    return [{
      ruleId: EXPECTATION_RULE,
      ruleIndex: ruleIds.indexOf(EXPECTATION_RULE),
      level: 'error',
      properties: { expectedVerdict: e.expected, verdict: e.actual, sample: e.sample },
      message: { text: `${e.sample}: ${e.mismatch}` },
      locations: [{ physicalLocation: { artifactLocation: { uri: r.file } } }],
    }, ...findings];
  });
  return `${JSON.stringify({
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'cmsi', version, informationUri: 'https://example.invalid/cms-interop', rules } }, results: sarifResults }],
  }, null, 2)}\n`;
}
