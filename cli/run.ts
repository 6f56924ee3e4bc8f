/**
 * `cmsi run`, the main job (`npm start`): generate the corpus, have OpenSSL process every sample
 * with the manifest's inputs, and print a summary. Samples OpenSSL is known not to support are
 * reported with the reason, apart from real failures.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ALL_ADAPTERS } from '../adapters/registry.ts';
import { InteropRefusal, lockResults, runInterop } from '../interop/run.ts';
import { UsageError } from './usage.ts';
import { renderHtml } from '../reports/html.ts';
import { renderMarkdown } from '../reports/markdown.ts';
import { buildModel } from '../reports/model.ts';
import { loadDrillInputs } from '../reports/drill-inputs.ts';
import { readiness } from '../reports/readiness.ts';
import { formatJson } from '../checkers/format/json.ts';
import { parseArgs } from 'node:util';
import { opensslConsume, opensslVersion } from '../adapters/openssl.ts';
import { OPENSSL_UNSUPPORTED } from '../adapters/openssl-known.ts';
import { generateCorpus } from '../generators/generate.ts';
import { parseSeed, prepareOutDir } from './generate.ts';
import { checkManifest } from './check.ts';
import { loadCatalog } from '../core/catalog.ts';
import { exitCodeOf, withInterruption } from './interrupt.ts';
import { progressOn } from './progress.ts';

export const RUN_HELP = `usage: cmsi run [--out DIR] [--seed N] [--no-interop]

The main job (npm start): generates the corpus into DIR (default: ./out/corpus), has OpenSSL
verify, decrypt, digest-verify or uncompress every sample with the inputs in the manifest,
compares the recovered content byte for byte, runs cmsi check over the manifest, and prints a
summary; then runs every stack found on the machine against the corpus and each other (cmsi
interop, results in DIR/../results, which it replaces, with progress on stderr) and writes
DIR/../report.md and report.html. One run at a time per DIR: while another cmsi writes
DIR/../results (its lock file .cmsi-lock names the pid), cmsi run exits 2 before it touches the
corpus. Exit 1 when a sample that OpenSSL supports is not accepted with the exact content, or when
the checker's verdict differs from the manifest's; 130 / 143 when SIGINT / SIGTERM interrupts the
interop phase (the stacks' processes and temporary directories are ended, and cmsi interop
--resume continues it).`;

/** Every stack found on the machine against the corpus, then the reports; the exit code when interrupted. */
async function interopAndReport(corpusDir: string, resultsDir: string, outDir: string): Promise<number | null> {
  const t = performance.now();
  const progress = progressOn(process.stderr, '  interop ');
  const { value: result, signal } = await withInterruption('cmsi run', (abort) => runInterop({
    adapters: ALL_ADAPTERS, corpusDir, outDir: resultsDir, existing: 'replace', jobs: 2, signal: abort,
    onStack: (r) => console.log(r.installed ? `  stack ${r.stack} ${r.version}` : `  stack ${r.stack}: not installed (${r.reason})`),
    onProgress: progress.update,
  })).finally(() => progress.end());
  if (result.interrupted) {
    console.error(`cmsi run: interrupted: the records so far are in ${resultsDir}; the stacks' processes and temporary directories are gone.\nresume with: cmsi interop --resume --out ${resultsDir} --corpus ${corpusDir}`);
    return signal ? exitCodeOf(signal) : 130;
  }
  const model = buildModel(result.records, result.run);
  writeFileSync(join(outDir, 'report.md'), renderMarkdown(model));
  const inputs = loadDrillInputs(corpusDir, join(outDir, 'checks.json'), result.run.manifestSha256);
  writeFileSync(join(outDir, 'report.html'), renderHtml(model, { inputs, readiness: readiness(loadCatalog().entries, result.records) }));
  const consume = result.records.filter((r) => r.kind === 'consume').length;
  console.log(`\ninterop: ${model.installed.length} stacks, ${consume} consume records, ${model.unexpected.length} unexpected outcomes (${Math.round((performance.now() - t) / 1000)} s)`);
  console.log(`results: ${resultsDir}\nreports: ${join(outDir, 'report.md')} and ${join(outDir, 'report.html')}`);
  return null;
}

export async function runCommand(argv: readonly string[]): Promise<number> {
  const { values } = parseArgs({ args: [...argv], options: { out: { type: 'string' }, seed: { type: 'string' }, 'no-interop': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, strict: true });
  if (values.help) {
    console.log(RUN_HELP);
    return 0;
  }
  const seed = parseSeed(values.seed);
  const out = prepareOutDir(values.out, join('out', 'corpus'));
  // Taken before the corpus is regenerated: a second cmsi run on the same DIR would otherwise
  // rewrite the corpus under the first one's stacks and mix its records into the first's results.
  let lock;
  try {
    lock = lockResults(join(dirname(out), 'results'), 'cmsi run');
  } catch (e) {
    if (e instanceof InteropRefusal) throw new UsageError(e.message);
    throw e;
  }
  try {
    return await runLocked(values, out, seed);
  } finally {
    lock.release();
  }
}

async function runLocked(values: { 'no-interop'?: boolean }, out: string, seed: string): Promise<number> {
  const t0 = performance.now();
  const { manifest } = generateCorpus(out, seed);
  const genMs = Math.round(performance.now() - t0);
  console.log(`generated ${manifest.samples.length} samples in ${out} (seed ${seed}, ${genMs} ms)`);
  const version = opensslVersion();
  if (!version) {
    console.error('cmsi run: openssl not found on PATH');
    return 2;
  }
  console.log(`checking with ${version}`);
  let accepted = 0;
  const unsupported: string[] = [];
  const failures: string[] = [];
  const t1 = performance.now();
  for (const s of manifest.samples.filter((x) => x.expected === 'valid')) {
    const v = opensslConsume(manifest, out, s);
    const known = OPENSSL_UNSUPPORTED[s.id];
    const expected = s.inputs.content ? new Uint8Array(readFileSync(join(out, s.inputs.content))) : null;
    const exact = v.verdict === 'accept' && (expected === null || (v.content !== null && Buffer.from(v.content).equals(expected)));
    if (exact && !known) accepted++;
    else if (known && v.verdict !== 'accept') unsupported.push(`  ${s.id}: ${known}`);
    else if (known) failures.push(`  ${s.id}: accepted, but listed as unsupported (update adapters/openssl-known.ts)`);
    else failures.push(`  ${s.id}: ${v.verdict}${v.verdict === 'accept' ? ' with different content' : `: ${'error' in v ? v.error : 'reason' in v ? v.reason : ''}`}`);
  }
  const opensslMs = Math.round(performance.now() - t1);
  console.log(`\nOpenSSL accepted ${accepted} of ${manifest.samples.filter((x) => x.expected === 'valid').length} valid samples with the exact content (${opensslMs} ms)`);
  if (unsupported.length) console.log(`\nnot supported by this OpenSSL (${unsupported.length}):\n${unsupported.join('\n')}`);
  if (failures.length) console.log(`\nFAILURES (${failures.length}):\n${failures.join('\n')}`);
  console.log(`\nOpenSSL summary: ${accepted} accepted, ${unsupported.length} unsupported, ${failures.length} failed`);
  const t2 = performance.now();
  const checked = checkManifest(join(out, 'manifest.yaml'), loadCatalog(), 'current');
  const checkMs = Math.round(performance.now() - t2);
  const fails = checked.results.reduce((n, r) => n + r.findings.filter((f) => f.status === 'fail').length, 0);
  const passes = checked.results.reduce((n, r) => n + r.findings.filter((f) => f.status === 'pass').length, 0);
  console.log(`\ncmsi check: ${checked.results.length - checked.mismatches.length} of ${checked.results.length} samples have the expected verdict (${passes} rule checks passed, ${fails} failed, ${checkMs} ms)`);
  if (checked.mismatches.length) console.log(checked.mismatches.join('\n'));
  // cmsi check's findings on every sample, for the HTML report's sample details (cmsi report --checks).
  writeFileSync(join(dirname(out), 'checks.json'), formatJson(checked.results));
  if (!values['no-interop']) {
    const interrupted = await interopAndReport(out, join(dirname(out), 'results'), dirname(out));
    if (interrupted !== null) return interrupted;
  }
  return failures.length || checked.mismatches.length ? 1 : 0;
}
