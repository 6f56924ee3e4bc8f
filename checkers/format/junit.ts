/**
 * JUnit XML, so a CI dashboard's red means what it says. Without a manifest: one testsuite per
 * file, one testcase per rule that ran on it; a MUST failure is a <failure> (a producer-only one,
 * which receivers must accept, is not), an undecided rule is <skipped>. With a manifest: one
 * testcase per sample, passing when its verdict is the expected one (an invalid sample caught for
 * its defect passes, its findings in <system-out>), a <failure> when it differs; testsuites group
 * samples by the first part of their id (signed-data, invalid/encoding, ...).
 *
 * Layers (issue 10): every finding line and every failure names its layer, so a dashboard tells a
 * policy rejection from a malformed message. A file's testsuite carries one property per layer with
 * its status (layer.encoding = pass, ...) and the verdict; in manifest mode a sample's testcase
 * opens its output with the same statuses, and the group's testsuite counts its samples per layer
 * status (layer.certificate = "fail 3, pass 40, none 2").
 */
import { LAYERS } from '../../core/layers.ts';
import type { FileResult, Finding } from '../finding.ts';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
  // XML 1.0 has no representation for most control characters: drop them.
  .replace(/[\x00-\x08\x0b\x0c\x0e-\x1f]/g, '');

const line = (f: Finding): string => `${f.status.toUpperCase()} ${f.level} ${f.layer} ${f.rule} at ${f.offset}${f.path ? ` [${f.path}]` : ''}: ${f.message}`;

/** The status of each layer of one result, in reading order: "encoding=pass structure=fail ...". */
const layerLine = (r: FileResult): string => `layers: ${LAYERS.map((l) => `${l}=${r.layers[l]}`).join(' ')}`;

const properties = (props: readonly (readonly [string, string])[]): string =>
  `    <properties>\n${props.map(([n, v]) => `      <property name="${esc(n)}" value="${esc(v)}"/>`).join('\n')}\n    </properties>\n`;

/** Per layer, how many of the results have each status ("fail 3, pass 40"), statuses in name order. */
function layerCounts(results: readonly FileResult[]): [string, string][] {
  return LAYERS.map((l) => {
    const n = new Map<string, number>();
    for (const r of results) n.set(r.layers[l], (n.get(r.layers[l]) ?? 0) + 1);
    return [`layer.${l}`, [...n.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([st, c]) => `${st} ${c}`).join(', ')];
  });
}


export function formatJunit(results: readonly FileResult[]): string {
  const byManifest = results.filter((r) => r.expectation);
  const byRule = results.filter((r) => !r.expectation);
  const suites = [...sampleSuites(byManifest), ...byRule.map(ruleSuite)];
  const tests = suites.reduce((n, s) => n + s.tests, 0);
  const failures = suites.reduce((n, s) => n + s.failures, 0);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="cmsi check" tests="${tests}" failures="${failures}" errors="0">\n${suites.map((s) => s.xml).join('\n')}\n</testsuites>\n`;
}

interface Suite { readonly xml: string; readonly tests: number; readonly failures: number }

const suite = (name: string, cases: readonly string[], failures: number, skipped = 0, props: readonly (readonly [string, string])[] = []): Suite => ({
  xml: `  <testsuite name="${esc(name)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}">\n${props.length ? properties(props) : ''}${cases.join('\n')}\n  </testsuite>`,
  tests: cases.length,
  failures,
});

/** Manifest mode: one testcase per sample, failing only when the verdict is not the expected one. */
function sampleSuites(results: readonly FileResult[]): Suite[] {
  const groups = new Map<string, FileResult[]>();
  for (const r of results) {
    const parts = r.expectation!.sample.split('/');
    const group = parts[0] === 'invalid' && parts.length > 2 ? `${parts[0]}/${parts[1]}` : parts[0]!;
    groups.set(group, [...(groups.get(group) ?? []), r]);
  }
  return [...groups.entries()].map(([group, rs]) => {
    const cases = rs.map((r) => {
      const e = r.expectation!;
      const notable = r.findings.filter((f) => f.status !== 'pass');
      const out = `<system-out>${esc([layerLine(r), ...notable.map(line)].join('\n'))}</system-out>`;
      const failed = LAYERS.find((l) => r.layers[l] === 'fail');
      const body = e.matches ? out : `<failure message="${esc(`${e.sample}: ${e.mismatch}${failed ? ` [first failing layer: ${failed}]` : ''}`)}" type="verdict-mismatch">${esc(`expected ${e.expected}, got ${e.actual}${r.reason ? `: ${r.reason}` : ''}\n${layerLine(r)}\n${notable.map(line).join('\n')}`)}</failure>`;
      return `    <testcase classname="${esc(`cmsi.${group}`)}" name="${esc(e.sample)}" file="${esc(r.file)}">${body}</testcase>`;
    });
    return suite(group, cases, rs.filter((r) => !r.expectation!.matches).length, 0, layerCounts(rs));
  });
}

/** Without a manifest: one testcase per rule that ran on the file. */
function ruleSuite(r: FileResult): Suite {
  const byRule = new Map<string, Finding[]>();
  for (const f of r.findings) byRule.set(f.rule, [...(byRule.get(f.rule) ?? []), f]);
  let failures = 0;
  let skipped = 0;
  const cases = [...byRule.entries()].map(([rule, fs]) => {
    const failed = fs.filter((f) => f.status === 'fail' && !f.producerOnly);
    const tolerated = fs.filter((f) => f.status === 'fail' && f.producerOnly);
    const warned = fs.filter((f) => f.status === 'warn');
    const unchecked = fs.filter((f) => f.status === 'unchecked');
    if (failed.length) failures++;
    else if (unchecked.length) skipped++;
    const notes = [...tolerated.map((f) => `${line(f)} (producer; receivers must accept)`), ...warned.map(line)];
    const body = failed.length
      ? `<failure message="${esc(`${failed[0]!.layer}: ${failed[0]!.message}`)}" type="${esc(failed[0]!.level)}">${esc(failed.map(line).join('\n'))}</failure>`
      : unchecked.length ? `<skipped message="${esc(unchecked[0]!.message)}"/>`
      : notes.length ? `<system-out>${esc(notes.join('\n'))}</system-out>` : '';
    return `    <testcase classname="${esc(r.file)}" name="${esc(rule)}">${body}</testcase>`;
  });
  return suite(r.file, cases, failures, skipped, [['verdict', r.verdict], ...LAYERS.map((l) => [`layer.${l}`, r.layers[l]] as const)]);
}
