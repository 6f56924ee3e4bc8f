/**
 * `npm run bench`: throughput of the checker (checkers/engine.ts checkBytes, in process, crypto
 * included) beside `openssl cms -verify` (one process per message, as a CLI user runs it) on the
 * same inputs:
 *
 *  1. the whole corpus, each sample with its manifest inputs (signer certificates, trust anchors,
 *     detached content), as `cmsi check --manifest` does: cmsi only, OpenSSL cannot check all types;
 *  2. the SignedData samples (expected valid) OpenSSL 3 verifies (DER/BER with -binary, S/MIME with -inform SMIME),
 *     with -CAfile (the manifest's trust anchors, carl-rsa first), -attime validationTime,
 *     -purpose any, and -content for detached ones: both tools, and the ratio cmsi/openssl;
 *  3. one large detached signature made here: 64 MiB of content signed by alice-rsa with
 *     `openssl cms -sign -binary -md sha256`: both tools, and the ratio;
 *  4. then bench/interop.ts: consume throughput of every installed stack adapter on the corpus, and
 *     persistent process vs one process per message for Bouncy Castle and python-cryptography;
 *  5. then bench/fuzz.ts: cmsi fuzz executions per second per stack, Bouncy Castle's persistent
 *     JVM against one JVM per message in the same campaign.
 *
 *  0. first, bench/speed.ts: issue 9's B1-B4 (start, line-rate throughput, 1 GiB in flat memory, pkijs);
 *
 * No assertions: a table, then one JSON line (prefix "BENCH ") for machines, then the interop
 * tables and their line (prefix "BENCH_INTEROP "). Ratios > 1 mean the checker is faster. Set
 * BENCH_LARGE_MB to change the large message size, BENCH_INTEROP_MESSAGES the persistence sample.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomFillSync } from 'node:crypto';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { OPENSSL_UNSUPPORTED } from '../adapters/openssl-known.ts';
import { checkBytes, type CheckOptions } from '../checkers/engine.ts';
import { loadCatalog } from '../core/catalog.ts';
import type { Manifest, Sample } from '../core/manifest.ts';
import { benchInterop } from './interop.ts';
import { benchSpeed } from './speed.ts';
import { benchFuzz } from './fuzz.ts';

const ROOT = new URL('../', import.meta.url).pathname;
const CORPUS = join(ROOT, 'corpus');
const LARGE_MB = Number(process.env.BENCH_LARGE_MB ?? 64);
/** Each cmsi measurement repeats until this much time has passed (at least MIN_ROUNDS rounds). */
const CMSI_TARGET_MS = 3_000;
const MIN_ROUNDS = 3;
const OPENSSL_ROUNDS = 3;
const LARGE_ROUNDS = 3;

const catalog = loadCatalog();
const manifest = parse(readFileSync(join(CORPUS, 'manifest.yaml'), 'utf8')) as Manifest;
const attime = String(Math.floor(Date.parse(manifest.validationTime) / 1000));

function readCert(path: string): Uint8Array {
  const bytes = readFileSync(path);
  const m = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/.exec(bytes.toString('latin1'));
  return new Uint8Array(m ? Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64') : bytes);
}

interface Input {
  readonly sample: Sample | null;
  readonly name: string;
  readonly path: string;
  readonly bytes: Uint8Array;
  readonly contentPath: string | null;
  readonly options: CheckOptions;
  /** Message plus detached content: what a checker must read. */
  readonly size: number;
}

const anchors = manifest.trustAnchors.map((a) => readCert(join(CORPUS, a)));

/** The inputs cli/check.ts checkManifest passes, with the files read once, outside the timing. */
function corpusInput(s: Sample): Input {
  const path = join(CORPUS, s.file);
  const bytes = new Uint8Array(readFileSync(path));
  const certs = [...(s.inputs.signerCerts ?? []).map((c) => readCert(join(CORPUS, c))), ...anchors];
  const contentPath = s.inputs.detached && s.inputs.content ? join(CORPUS, s.inputs.content) : null;
  const content = contentPath ? new Uint8Array(readFileSync(contentPath)) : null;
  // As checkManifest: the sample's own profile when it is not in 'current', and a receipt's original.
  const profile = s.profiles.includes('current') ? 'current' : (s.profiles[0] ?? 'current');
  const originalSample = s.inputs.receiptFor ? manifest.samples.find((o) => o.id === s.inputs.receiptFor) : undefined;
  const original = originalSample ? { original: new Uint8Array(readFileSync(join(CORPUS, originalSample.file))) } : {};
  return { sample: s, name: s.id, path, bytes, contentPath, options: { catalog, profile, certs, content, ...original }, size: bytes.length + (content?.length ?? 0) };
}

interface Measure { readonly tool: 'cmsi' | 'openssl'; readonly messages: number; readonly bytes: number; readonly seconds: number; readonly rounds: number; readonly note?: string }

function measureCmsi(inputs: readonly Input[], targetMs = CMSI_TARGET_MS, minRounds = MIN_ROUNDS): Measure & { verdicts: Record<string, number>; notValid: string[] } {
  const verdicts: Record<string, number> = {};
  const notValid: string[] = [];
  for (const i of inputs) {
    const r = checkBytes(i.name, i.bytes, i.options); // warm-up, and the verdicts to report
    verdicts[r.verdict] = (verdicts[r.verdict] ?? 0) + 1;
    const expected = i.sample?.expected ?? 'valid';
    if ((expected === 'valid') !== (r.verdict === 'valid') && expected !== 'acceptable') notValid.push(`${i.name}: ${r.verdict} (${r.findings.filter((f) => f.status === 'fail').slice(0, 2).map((f) => `${f.rule}: ${f.message}`).join('; ')})`);
  }
  let rounds = 0;
  const t0 = performance.now();
  while (rounds < minRounds || performance.now() - t0 < targetMs) {
    for (const i of inputs) checkBytes(i.name, i.bytes, i.options);
    rounds++;
  }
  const seconds = (performance.now() - t0) / 1000;
  return { tool: 'cmsi', messages: inputs.length * rounds, bytes: inputs.reduce((a, i) => a + i.size, 0) * rounds, seconds, rounds, verdicts, notValid };
}

function opensslArgs(i: Input, trustFile: string): string[] {
  const smime = i.sample?.format === 'smime';
  // -binary for DER (byte-exact content); S/MIME without it, as adapters/openssl.ts explains.
  return ['cms', '-verify', '-inform', smime ? 'SMIME' : 'DER', '-in', i.path, ...(smime ? [] : ['-binary']),
    ...(i.contentPath ? ['-content', i.contentPath] : []),
    '-CAfile', trustFile, '-attime', attime, '-purpose', 'any', '-out', '/dev/null'];
}

function openssl(args: readonly string[]): { ok: boolean; stderr: string } {
  const r = spawnSync('openssl', args, { timeout: 120_000, maxBuffer: 16 * 1024 * 1024, shell: false });
  return { ok: !r.error && r.status === 0, stderr: r.stderr?.toString() ?? String(r.error) };
}

function measureOpenssl(inputs: readonly Input[], trustFile: string, rounds: number): Measure {
  const args = inputs.map((i) => opensslArgs(i, trustFile));
  const t0 = performance.now();
  for (let r = 0; r < rounds; r++) for (const a of args) openssl(a);
  const seconds = (performance.now() - t0) / 1000;
  return { tool: 'openssl', messages: inputs.length * rounds, bytes: inputs.reduce((a, i) => a + i.size, 0) * rounds, seconds, rounds };
}

// 0. Issue 9's benchmarks (bench/speed.ts): start, throughput, 1 GiB, pkijs. BENCH_ONLY=speed stops after them.
await benchSpeed();
if (process.env.BENCH_ONLY === 'speed') process.exit(0);

const tmp = mkdtempSync(join(tmpdir(), 'cmsi-bench-'));
try {
  const started = performance.now();
  const version = spawnSync('openssl', ['version']).stdout?.toString().trim() ?? 'openssl missing';
  // openssl cms keeps only the last -CAfile: the anchors go into one bundle, carl-rsa (the corpus CA) first.
  const trustFile = join(tmp, 'trust-anchors.pem');
  writeFileSync(trustFile, manifest.trustAnchors.map((a) => readFileSync(join(CORPUS, a), 'utf8')).join(''));

  // 1. The whole corpus, cmsi only.
  const all = manifest.samples.map(corpusInput);
  const corpusCmsi = measureCmsi(all);

  // 2. SignedData samples OpenSSL verifies: plain SignedData (no layers, not certs-only, no receipt),
  //    not listed as unsupported, and accepted by this openssl in a first pass (outside the timing).
  const candidates = all.filter((i) => {
    const s = i.sample!;
    return s.expected === 'valid' && s.contentType === 'signedData' && !s.inputs.layers && !s.features.includes('certs-only') && !s.inputs.receiptFor && !OPENSSL_UNSUPPORTED[s.id];
  });
  const rejected: string[] = [];
  const signed = candidates.filter((i) => {
    const r = openssl(opensslArgs(i, trustFile));
    if (!r.ok) rejected.push(`${i.name}: ${r.stderr.trim().split('\n').slice(-1)[0]}`);
    return r.ok;
  });
  const signedCmsi = measureCmsi(signed);
  const signedOpenssl = measureOpenssl(signed, trustFile, OPENSSL_ROUNDS);

  // 3. A large detached signature, made here with openssl cms -sign.
  const contentPath = join(tmp, 'large.bin');
  const sigPath = join(tmp, 'large.p7s');
  const content = new Uint8Array(LARGE_MB * 1024 * 1024);
  randomFillSync(content);
  writeFileSync(contentPath, content);
  const sign = openssl(['cms', '-sign', '-binary', '-md', 'sha256', '-in', contentPath, '-outform', 'DER', '-out', sigPath,
    '-signer', join(CORPUS, 'keys/alice-rsa.cert.pem'), '-inkey', join(CORPUS, 'keys/alice-rsa.key.pem')]);
  if (!sign.ok) throw new Error(`openssl cms -sign failed: ${sign.stderr}`);
  const sig = new Uint8Array(readFileSync(sigPath));
  const large: Input = {
    sample: null, name: `detached ${LARGE_MB} MiB`, path: sigPath, bytes: sig, contentPath,
    options: { catalog, profile: 'current', certs: [readCert(join(CORPUS, 'keys/alice-rsa.cert.pem')), ...anchors], content },
    size: sig.length + content.length,
  };
  const largeCmsi = measureCmsi([large], 0, LARGE_ROUNDS);
  const largeOk = openssl(opensslArgs(large, trustFile));
  const largeOpenssl = measureOpenssl([large], trustFile, LARGE_ROUNDS);

  // The table.
  const MB = 1024 * 1024;
  const rate = (m: Measure) => ({ msgs: m.messages / m.seconds, mbs: m.bytes / MB / m.seconds, ms: (m.seconds * 1000) / m.messages });
  const rows: string[][] = [];
  const row = (workload: string, m: Measure, versus?: Measure, verdicts?: string) => {
    const r = rate(m);
    const ratio = versus ? (r.msgs / rate(versus).msgs).toFixed(2) : '';
    rows.push([workload, m.tool, String(m.messages / m.rounds), (m.bytes / m.rounds / 1024).toFixed(0), String(m.rounds), m.seconds.toFixed(2),
      r.ms.toFixed(3), r.msgs.toFixed(1), r.mbs.toFixed(2), ratio, verdicts ?? '']);
  };
  const fmt = (v: Record<string, number>) => Object.entries(v).map(([k, n]) => `${n} ${k}`).join(', ');
  row('corpus, all samples', corpusCmsi, undefined, fmt(corpusCmsi.verdicts));
  row('SignedData OpenSSL verifies', signedCmsi, signedOpenssl, fmt(signedCmsi.verdicts));
  row('', signedOpenssl, undefined, `${signed.length} exit 0`);
  row(`detached ${LARGE_MB} MiB, RSA-SHA256`, largeCmsi, largeOpenssl, fmt(largeCmsi.verdicts));
  row('', largeOpenssl, undefined, largeOk.ok ? 'exit 0' : `failed: ${largeOk.stderr.trim().split('\n').slice(-1)[0]}`);
  const head = ['workload', 'tool', 'msgs', 'KiB', 'rounds', 'time s', 'ms/msg', 'msgs/s', 'MiB/s', 'cmsi/openssl', 'verdicts'];
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (r: readonly string[]) => r.map((x, c) => (c < 2 || c === r.length - 1 ? x.padEnd(widths[c]!) : x.padStart(widths[c]!))).join('  ').trimEnd();
  console.log(`cmsi check throughput vs ${version}; node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'})`);
  console.log('cmsi: checkBytes in process, crypto included; openssl: one `openssl cms -verify` process per message (spawn included)');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
  console.log(`ratio = cmsi msgs/s / openssl msgs/s on the same messages (same bytes, so also MiB/s); > 1: cmsi faster.`);
  const notValid = [...new Set([...corpusCmsi.notValid, ...largeCmsi.notValid])];
  if (notValid.length) console.log(`cmsi verdicts that differ from the manifest's expected verdict:\n  ${notValid.join('\n  ')}`);
  if (rejected.length) console.log(`not compared (openssl rejected ${rejected.length}):\n  ${rejected.join('\n  ')}`);
  console.log(`signature size ${sig.length} octets; total bench time ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const json = (m: Measure) => ({ ...m, ...rate(m) });
  console.log(`BENCH ${JSON.stringify({
    openssl: version, node: process.version, cpus: cpus().length,
    corpus: { cmsi: json(corpusCmsi) },
    signedData: { samples: signed.map((i) => i.name), rejected, cmsi: json(signedCmsi), openssl: json(signedOpenssl), ratio: rate(signedCmsi).msgs / rate(signedOpenssl).msgs },
    large: { contentBytes: content.length, signatureBytes: sig.length, cmsi: json(largeCmsi), openssl: { ...json(largeOpenssl), ok: largeOk.ok }, ratio: rate(largeCmsi).msgs / rate(largeOpenssl).msgs },
  })}`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

// 4. The stacks: consume throughput per adapter, persistent process vs one per message.
await benchInterop();

// 5. Fuzzing: executions per second per stack.
await benchFuzz();
