/**
 * JSON report, version 2: {version, summary, results: [{file, verdict, reason, origin, cms,
 * layers, limit?, expectation?, findings: [{rule, level, status, layer, message, path, offset,
 * length, file, producerOnly?}]}]}. `offset`/`length` index the decoded CMS; `cms` says where that
 * is in the file (the PEM block, base64 text or MIME part), and each finding's `file` is the same
 * place in the file's own bytes. With a manifest, `expectation` gives the expected and actual
 * verdict per sample and `summary` counts matches. `formatJsonLine` is one result as one line,
 * for the streaming jsonl format.
 */
import type { FileResult, Finding, Verdict } from '../finding.ts';

const fileRegion = (f: Finding) => f.file ?? { offset: f.offset, length: f.length };

export const resultJson = (r: FileResult) => ({
  file: r.file, verdict: r.verdict, reason: r.reason, origin: r.origin,
  ...(r.source ? { cms: { container: r.source.container, encoding: r.source.encoding, fileOffset: r.source.start, fileLength: r.source.end - r.source.start } } : {}),
  layers: r.layers,
  ...(r.limit ? { limit: r.limit } : {}),
  ...(r.expectation ? { expectation: r.expectation } : {}),
  findings: r.findings.map((f) => ({
    rule: f.rule, level: f.level, status: f.status, layer: f.layer, message: f.message, path: f.path, offset: f.offset, length: f.length, file: fileRegion(f),
    ...(f.producerOnly ? { producerOnly: true } : {}),
  })),
});

const VERDICTS: readonly Verdict[] = ['valid', 'acceptable', 'invalid', 'unchecked', 'unparseable'];

/** Files per verdict (acceptable apart from invalid), and with a manifest, matches per expectation. */
export function summaryJson(results: readonly FileResult[]) {
  const verdicts = Object.fromEntries(VERDICTS.map((v) => [v, results.filter((r) => r.verdict === v).length]));
  const judged = results.filter((r) => r.expectation);
  if (!judged.length) return { files: results.length, verdicts };
  const expected = Object.fromEntries((['valid', 'invalid', 'acceptable'] as const).map((e) => {
    const of = judged.filter((r) => r.expectation!.expected === e);
    return [e, { samples: of.length, matching: of.filter((r) => r.expectation!.matches).length }];
  }));
  return { files: results.length, verdicts, expected, mismatches: judged.filter((r) => !r.expectation!.matches).length };
}

export function formatJson(results: readonly FileResult[]): string {
  return `${JSON.stringify({ version: 2, summary: summaryJson(results), results: results.map(resultJson) }, null, 2)}\n`;
}

/**
 * One result as one line: the same text as JSON.stringify(resultJson(r)), written faster, for the
 * jsonl format at line rate (a one-signer SignedData has about 90 findings, 25 KB of JSON: making
 * an object per finding and stringifying it was a fifth of a check). Each finding is written as a
 * template from fields JSON.stringify would write alike (strings, integers, a two-number file
 * region); any other finding goes through JSON.stringify itself. The short repeated strings
 * (rule ids, levels, layers, paths) are escaped once per run.
 */
export function formatJsonLine(r: FileResult): string {
  const head = JSON.stringify(resultJson({ ...r, findings: [] }));
  // resultJson puts findings last: `..."findings":[]}`.
  let out = head.slice(0, -2);
  for (let i = 0; i < r.findings.length; i++) out += (i ? ',' : '') + findingJson(r.findings[i]!);
  return `${out}]}\n`;
}

const QUOTED = new Map<string, string>();

/** JSON.stringify of a string that recurs across messages, cached (bounded: odd strings are not kept). */
function quoted(s: string): string {
  let q = QUOTED.get(s);
  if (q === undefined) {
    q = JSON.stringify(s);
    if (QUOTED.size < 50_000) QUOTED.set(s, q);
  }
  return q;
}

const isInt = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && !Object.is(n, -0);

/** A region whose own keys are exactly offset then length (what the template writes). */
function plainRegion(r: object): boolean {
  const k = Object.keys(r);
  return k.length === 2 && k[0] === 'offset' && k[1] === 'length';
}

function findingJson(f: Finding): string {
  const region = fileRegion(f);
  const simple = typeof f.rule === 'string' && typeof f.level === 'string' && typeof f.status === 'string' && typeof f.layer === 'string'
    && typeof f.message === 'string' && typeof f.path === 'string' && isInt(f.offset) && isInt(f.length)
    && isInt(region.offset) && isInt(region.length) && (f.file === undefined || plainRegion(f.file))
    && (f.producerOnly === undefined || f.producerOnly === true);
  if (!simple) {
    return JSON.stringify({
      rule: f.rule, level: f.level, status: f.status, layer: f.layer, message: f.message, path: f.path, offset: f.offset, length: f.length, file: region,
      ...(f.producerOnly ? { producerOnly: true } : {}),
    });
  }
  return `{"rule":${quoted(f.rule)},"level":${quoted(f.level)},"status":${quoted(f.status)},"layer":${quoted(f.layer)},"message":${JSON.stringify(f.message)},"path":${quoted(f.path)},"offset":${f.offset},"length":${f.length},"file":{"offset":${region.offset},"length":${region.length}}${f.producerOnly ? ',"producerOnly":true' : ''}}`;
}
