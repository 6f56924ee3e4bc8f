/**
 * `cmsi submit PATH`: an implementer's submission (a folder or a .zip; docs/submissions.md) is
 * read contained (submissions/archive.ts), parsed within limits and schema-validated, linted
 * against the pinned corpus, then added to a results directory beside the local stacks: its
 * consume results, its produced messages judged by cmsi check and consumed by the local stacks.
 * Exit 0 accepted, 1 accepted with findings, 2 refused (nothing added).
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ALL_ADAPTERS } from '../adapters/registry.ts';
import type { Adapter } from '../adapters/adapter.ts';
import { InteropRefusal, readCorpus } from '../interop/run-dir.ts';
import { outcomeOf } from '../reports/model.ts';
import { readSubmission } from '../submissions/archive.ts';
import { ingestSubmission } from '../submissions/ingest.ts';
import { lintSubmission } from '../submissions/lint.ts';
import { parseConsumed, parseSubmissionYaml } from '../submissions/parse.ts';
import { UsageError } from './usage.ts';

export const SUBMIT_HELP = `usage: cmsi submit PATH [--corpus DIR] [--out RESULTS] [--stacks a,b,...] [--lint-only]

Adds an implementation's results to a results directory, beside the local stacks (cmsi report
then shows it, marked submitted). PATH is a folder or a .zip holding submission.yaml and the
files it names (format: docs/submissions.md, schema docs/submission-schema-v1.json). The
submission is refused as a whole when its archive is hostile (paths out of it, links, devices,
zip bombs, too many or too large files, names not UTF-8), its YAML or JSON is over the limits or
off the schema (file and line given), or it ran against another corpus than --corpus. Otherwise
it is linted (unknown features, sample ids not in the corpus, duplicates, PEM for DER, expired
certificates, stray files) and every produced message is judged by cmsi check and consumed by
every installed local stack (or those of --stacks), content compared byte for byte.

  --corpus DIR    the pinned corpus (default corpus)
  --out DIR       the results directory (default out/results); a new run is started if empty
  --stacks LIST   local stacks that cross-verify the produced messages (default: all installed)
  --lint-only     lint and stop; nothing is written

Exit codes: 0 accepted; 1 accepted with findings (lint findings, produced messages cmsi check
finds invalid, consume verdicts that differ from the corpus expectation); 2 refused (also while
another cmsi run, interop or submit writes --out), or usage.`;

export async function submitCommand(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: [...argv], strict: true, allowPositionals: true, options: {
    corpus: { type: 'string', default: 'corpus' }, out: { type: 'string', default: 'out/results' }, stacks: { type: 'string' },
    'lint-only': { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
  } });
  if (values.help) {
    console.log(SUBMIT_HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('cmsi submit takes one submission (a folder or a .zip)');
  const path = positionals[0]!;
  const refused = (why: string) => {
    console.error(`cmsi submit: ${path}: refused: ${why}`);
    return 2;
  };
  const named = values.stacks ? values.stacks.split(',').map((s) => s.trim()).filter(Boolean) : null;
  const unknown = (named ?? []).filter((w) => !ALL_ADAPTERS.some((a) => a.name === w));
  if (unknown.length) throw new UsageError(`unknown stack ${unknown.join(', ')} (have: ${ALL_ADAPTERS.map((a) => a.name).join(', ')})`);

  const archive = readSubmission(path);
  if (!archive.ok) return refused(archive.error);
  const files = archive.files;
  const yamlBytes = files.get('submission.yaml');
  if (!yamlBytes) return refused('no submission.yaml at the top of the submission');
  const sub = parseSubmissionYaml(yamlBytes);
  if (!sub.ok) return refused(sub.error);
  const consumedName = sub.value.consumed ?? 'consumed.jsonl';
  const consumedBytes = files.get(consumedName);
  const consumed = consumedBytes ? parseConsumed(consumedBytes, consumedName) : { ok: true as const, value: [] };
  if (!consumed.ok) return refused(consumed.error);
  let corpus;
  try {
    corpus = readCorpus(resolve(values.corpus!));
  } catch (e) {
    if (e instanceof InteropRefusal) throw new UsageError(e.message);
    throw e;
  }
  if (sub.value.corpus.manifest_sha256 !== corpus.manifestSha256) {
    return refused(`it ran against the corpus with manifest SHA-256 ${sub.value.corpus.manifest_sha256.slice(0, 16)}…, not ${values.corpus} (${corpus.manifestSha256.slice(0, 16)}…)`);
  }
  const findings = lintSubmission(files, sub.value, consumed.value, corpus.manifest);
  for (const f of findings) console.log(`${f.file}: ${f.severity}: ${f.message}`);
  if (!consumedBytes) console.log(`${consumedName}: warning: not in the submission: no consume results`);
  const name = sub.value.implementation.name;
  if (values['lint-only']) {
    console.log(`submit: ${name} ${sub.value.implementation.version}: linted, ${findings.length} findings`);
    return findings.length ? 1 : 0;
  }
  const bad = (file: string) => findings.some((f) => f.severity === 'error' && (f.file === file || f.file.startsWith(`${file} `)));
  const usableConsumed = consumed.value.filter((c, i) => !bad(`${consumedName}:${i + 1}`));
  const usableProduced = (sub.value.produced ?? []).filter((_, i) => !bad(`submission.yaml produced[${i}]`));

  const consumers: { adapter: Adapter; version: string }[] = [];
  for (const a of ALL_ADAPTERS.filter((x) => (named ? named.includes(x.name) : true))) {
    const p = await a.probe();
    if (p.installed) consumers.push({ adapter: a, version: p.version });
  }
  let ingested;
  try {
    ingested = await ingestSubmission({ corpus, corpusDir: resolve(values.corpus!), outDir: resolve(values.out!), files, sub: sub.value, consumed: usableConsumed, produced: usableProduced, consumers, timeoutMs: 30_000 });
  } catch (e) {
    if (e instanceof InteropRefusal) return refused(e.message);
    throw e;
  } finally {
    await Promise.all(consumers.map((c) => c.adapter.close().catch(() => undefined)));
  }
  let problems = findings.length;
  for (const r of ingested.records) {
    if (r.kind === 'consume' && !['ok', 'unsupported'].includes(outcomeOf(r))) { problems++; console.log(`${r.sample}: ${outcomeOf(r)} (expected ${r.expected}, ${r.verdict})`); }
    if (r.kind === 'produce' && r.check && (r.check.verdict === 'invalid' || r.check.verdict === 'unparseable')) { problems++; console.log(`${r.file}: cmsi check: ${r.check.verdict}: ${r.check.reason ?? ''}`); }
  }
  const cross = ingested.records.filter((r) => r.kind === 'cross');
  console.log(`submit: ${name} ${sub.value.implementation.version} (lineage ${sub.value.implementation.lineage}) added to ${values.out}: ${usableConsumed.length} consumed, ${usableProduced.length} produced, ${cross.length} cross-verifications by ${consumers.map((c) => c.adapter.name).join(', ') || 'no local stack'}`);
  return problems ? 1 : 0;
}
