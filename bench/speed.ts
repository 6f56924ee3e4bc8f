/**
 * Issue 9's benchmarks, every ratio measured side by side in this run (no stored baselines):
 *
 *  B1 start: `cmsi check` of one small signed message vs `node -e 0`, interleaved, median wall time.
 *  B2 throughput: one `cmsi check --format jsonl` process over BENCH_MESSAGES (4,000) small
 *     OpenSSL-made RSA-2048 SignedData with one signer certificate (a mail spool), start included,
 *     vs `openssl cms -verify` run once per message (rate measured on BENCH_OPENSSL_SAMPLE of them),
 *     and vs Node's raw crypto.verify with one cached key over the same messages' signed
 *     attributes (one core); then the same with BENCH_SIGNERS (4,000) distinct signer certificates
 *     and keys (bench/signers.ts: made in this process once, kept in the cache directory below).
 *  B3 large: BENCH_LARGE_MB (1024) MiB detached (`openssl cms -sign -binary`) and attached BER
 *     (`openssl cms -sign -stream -nodetach`): cmsi check's verdict, wall time and peak RSS
 *     (GNU time), beside `openssl dgst -sha256` and `openssl cms -verify` of the same.
 *  B4 pkijs: a SignedData.verify loop in this process over the B2 messages, a second anchor.
 *
 * The generated messages are kept in $TMPDIR/cmsi-bench-speed-v1 so a second run skips making them.
 * Quick run: BENCH_MESSAGES=400 BENCH_SIGNERS=50 BENCH_LARGE_MB=64 npm run bench.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createPublicKey, verify } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { readDer, contentOf, encodingOf } from '../core/der/reader.ts';
import { signers } from './signers.ts';

const ROOT = new URL('../', import.meta.url).pathname;
const CMSI = join(ROOT, 'bin', 'cmsi.js');
const KEYS = join(ROOT, 'corpus', 'keys');
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 4000);
const SIGNERS = Number(process.env.BENCH_SIGNERS ?? 4000);
const OPENSSL_SAMPLE = Number(process.env.BENCH_OPENSSL_SAMPLE ?? 200);
const LARGE_MB = Number(process.env.BENCH_LARGE_MB ?? 1024);
const START_ROUNDS = Number(process.env.BENCH_START_ROUNDS ?? 15);
const LARGE_ROUNDS = Number(process.env.BENCH_LARGE_ROUNDS ?? 3);
/** Rounds of each B2 measurement (medians): the machine is shared, one round can hit a busy second. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WORK = join(tmpdir(), 'cmsi-bench-speed-v1');

interface Timed { readonly seconds: number; readonly rssMiB: number | null; readonly code: number | null; readonly stdout: string; readonly stderr: string }

/** Runs a command under GNU time for its wall time and peak RSS. */
function timed(cmd: string, args: readonly string[]): Timed {
  const r = spawnSync('/usr/bin/time', ['-f', 'TIME %e %M', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const m = /TIME ([\d.]+) (\d+)\s*$/.exec(r.stderr ?? '');
  return { seconds: m ? Number(m[1]) : NaN, rssMiB: m ? Number(m[2]) / 1024 : null, code: r.status, stdout: r.stdout ?? '', stderr: (r.stderr ?? '').replace(/TIME [\d.]+ \d+\s*$/, '') };
}

function wall(cmd: string, args: readonly string[]): { seconds: number; code: number | null } {
  const t = performance.now();
  const r = spawnSync(cmd, args, { stdio: 'ignore' });
  return { seconds: (performance.now() - t) / 1000, code: r.status };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function must(cmd: string, args: readonly string[]): void {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`);
}

/** Runs `jobs` at most `parallel` at a time (spawned processes). */
async function pool(jobs: readonly (readonly string[])[], parallel: number): Promise<void> {
  let next = 0;
  const one = async (): Promise<void> => {
    while (next < jobs.length) {
      const args = jobs[next++]!;
      await new Promise<void>((resolve, reject) => {
        const p = spawn(args[0]!, args.slice(1), { stdio: ['ignore', 'ignore', 'pipe'] });
        let err = '';
        p.stderr.on('data', (d) => (err += d));
        p.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(' ')}: ${err}`))));
      });
    }
  };
  await Promise.all(Array.from({ length: parallel }, one));
}

/** n small messages (distinct contents), each signed by `signer(i)`: made once, kept in WORK. */
async function messages(dir: string, n: number, signer: (i: number) => { cert: string; key: string }): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const files = Array.from({ length: n }, (_, i) => join(dir, `m${String(i).padStart(5, '0')}.der`));
  const jobs = files.flatMap((f, i) => {
    if (existsSync(f)) return [];
    const content = join(dir, `c${i}.txt`);
    writeFileSync(content, `Message ${i} of the cmsi throughput benchmark.\r\n`);
    const s = signer(i);
    return [['openssl', 'cms', '-sign', '-nodetach', '-binary', '-md', 'sha256', '-in', content, '-outform', 'DER', '-out', f, '-signer', s.cert, '-inkey', s.key]];
  });
  await pool(jobs, availableParallelism());
  return files;
}

/** The DER SET OF signed attributes and the signature of a one-signer SignedData, for the raw verify loop. */
function signedParts(der: Uint8Array): { attrs: Uint8Array; sig: Uint8Array; cert: Uint8Array } {
  const sd = readDer(der).root!.children[1]!.children[0]!;
  const certs = sd.children.find((c) => c.cls === 'context' && c.tag === 0)!;
  const si = sd.children[sd.children.length - 1]!.children[0]!;
  const attrsNode = si.children.find((c) => c.cls === 'context' && c.tag === 0)!;
  const attrs = Uint8Array.from(encodingOf(der, attrsNode));
  attrs[0] = 0x31;
  const sig = contentOf(der, si.children[si.children.length - 1]!.tag === 4 ? si.children[si.children.length - 1]! : si.children[si.children.length - 2]!);
  return { attrs, sig, cert: encodingOf(der, certs.children[0]!) };
}

function rawVerifyRate(files: readonly string[]): { rate: number; ok: boolean } {
  const parts = files.map((f) => signedParts(new Uint8Array(readFileSync(f))));
  const keys = new Map<string, ReturnType<typeof createPublicKey>>();
  // The key from the certificate, once per certificate (outside the timing): "with a cached key".
  const pub = parts.map((p) => {
    const k = Buffer.from(p.cert).toString('base64');
    if (!keys.has(k)) keys.set(k, createPublicKey(`-----BEGIN CERTIFICATE-----\n${k}\n-----END CERTIFICATE-----\n`));
    return keys.get(k)!;
  });
  // Passes over all messages for at least a second, and at least ROUNDS of them; the median pass.
  let ok = true;
  const rates: number[] = [];
  const t0 = performance.now();
  while (rates.length < ROUNDS || performance.now() - t0 < 1000) {
    const t = performance.now();
    for (let i = 0; i < parts.length; i++) ok = verify('sha256', parts[i]!.attrs, pub[i]!, parts[i]!.sig) && ok;
    rates.push(parts.length / ((performance.now() - t) / 1000));
  }
  return { rate: median(rates), ok };
}

async function pkijsRate(files: readonly string[]): Promise<{ rate: number; verified: number }> {
  pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto: globalThis.crypto as Crypto }));
  let verified = 0;
  const t = performance.now();
  for (const f of files) {
    const der = new Uint8Array(readFileSync(f));
    const ci = new pkijs.ContentInfo({ schema: asn1js.fromBER(der).result });
    const sd = new pkijs.SignedData({ schema: ci.content });
    if (await sd.verify({ signer: 0, checkChain: false })) verified++;
  }
  return { rate: files.length / ((performance.now() - t) / 1000), verified };
}

/**
 * One cmsi check over all files (start included), ROUNDS times: the median, with the verdict
 * counts. Its jsonl goes to a file, as `cmsi check spool/* --format jsonl > results.jsonl` would
 * write it (and as openssl writes to /dev/null): through a pipe into this process, the 100 MB of
 * lines were decoded here while the run was timed, on the same two cores.
 */
function cmsiOver(files: readonly string[], extra: readonly string[] = []): { seconds: number; rate: number; verdicts: Record<string, number> } {
  const out = join(WORK, 'check-out.jsonl');
  const runs = Array.from({ length: ROUNDS }, () => {
    const fd = openSync(out, 'w');
    const t = performance.now();
    const r = spawnSync(process.execPath, [CMSI, 'check', ...files, '--format', 'jsonl', ...extra], { stdio: ['ignore', fd, 'pipe'] });
    const seconds = (performance.now() - t) / 1000;
    closeSync(fd);
    if (r.status !== 0 && r.status !== 1) throw new Error(`cmsi check exited ${r.status}: ${r.stderr?.toString().slice(0, 500)}`);
    return { seconds };
  }).sort((a, b) => a.seconds - b.seconds);
  const { seconds } = runs[Math.floor(runs.length / 2)]!;
  const verdicts: Record<string, number> = {};
  // The last round's lines: every round checks the same files.
  for (const line of readFileSync(out, 'utf8').split('\n').filter(Boolean)) {
    const v = (JSON.parse(line) as { verdict: string }).verdict;
    verdicts[v] = (verdicts[v] ?? 0) + 1;
  }
  rmSync(out);
  return { seconds, rate: files.length / seconds, verdicts };
}

function opensslVerifyRate(files: readonly string[]): { rate: number; ok: number } {
  const sample = files.slice(0, OPENSSL_SAMPLE);
  let ok = 0;
  const t = performance.now();
  for (const f of sample) {
    // -noverify: the signature only, no chain (self-signed bench signers), as cmsi without --ca.
    if (wall('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', f, '-noverify', '-out', '/dev/null']).code === 0) ok++;
  }
  return { rate: sample.length / ((performance.now() - t) / 1000), ok };
}

const fmt = (x: number, d = 1) => x.toFixed(d);
const rows: string[][] = [];
const row = (...cells: string[]) => rows.push(cells);
const verdictText = (v: Record<string, number>) => Object.entries(v).map(([k, n]) => `${n} ${k}`).join(', ');

export async function benchSpeed(): Promise<void> {
  mkdirSync(WORK, { recursive: true });
  const version = spawnSync('openssl', ['version']).stdout?.toString().trim() ?? 'openssl missing';
  const alice = { cert: join(KEYS, 'alice-rsa.cert.pem'), key: join(KEYS, 'alice-rsa.key.pem') };

  // B2 material first: B1 checks one of these messages.
  const one = await messages(join(WORK, 'one-signer'), MESSAGES, () => alice);

  // B1 start.
  const small = one[0]!;
  const node0: number[] = [];
  const check1: number[] = [];
  let code1: number | null = null;
  for (let i = 0; i < START_ROUNDS; i++) {
    node0.push(wall(process.execPath, ['-e', '0']).seconds);
    const c = wall(process.execPath, [CMSI, 'check', small]);
    check1.push(c.seconds);
    code1 = c.code;
  }
  const b1 = median(check1) / median(node0);
  row('B1 start', `cmsi check, 1 message (exit ${code1})`, `${fmt(median(check1) * 1000, 0)} ms`, `node -e 0: ${fmt(median(node0) * 1000, 0)} ms`, `${fmt(b1, 2)}x node (<= 4x)`);

  // B2 throughput, one signer.
  const cm = cmsiOver(one);
  const os1 = opensslVerifyRate(one);
  const raw1 = rawVerifyRate(one);
  row('B2 one signer', `cmsi check over ${one.length} (start included, median of ${ROUNDS}): ${verdictText(cm.verdicts)}`, `${fmt(cm.rate)} msg/s`, `openssl cms -verify per message: ${fmt(os1.rate)} msg/s (${os1.ok}/${Math.min(OPENSSL_SAMPLE, one.length)} ok)`, `${fmt(cm.rate / os1.rate)}x openssl (>= 50x)`);
  row('', '', '', `raw crypto.verify, cached key, 1 core (median pass): ${fmt(raw1.rate, 0)}/s${raw1.ok ? '' : ' (SOME FAILED)'}`, `${fmt((100 * cm.rate) / raw1.rate)} % of raw (>= 25 %)`);
  const cm1 = cmsiOver(one, ['--jobs', '1']);
  row('', `same, --jobs 1`, `${fmt(cm1.rate)} msg/s`, '', `${fmt((100 * cm1.rate) / raw1.rate)} % of raw`);

  // B2, distinct signers.
  const ss = await signers(join(WORK, 'signers'), SIGNERS);
  const many = await messages(join(WORK, 'many-signers'), SIGNERS, (i) => ss[i]!);
  const cmd = cmsiOver(many);
  const osd = opensslVerifyRate(many);
  const rawd = rawVerifyRate(many);
  row('B2 distinct signers', `cmsi check over ${many.length}, ${SIGNERS} signers: ${verdictText(cmd.verdicts)}`, `${fmt(cmd.rate)} msg/s`, `openssl per message: ${fmt(osd.rate)} msg/s; raw verify ${fmt(rawd.rate, 0)}/s`, `${fmt(cmd.rate / osd.rate)}x openssl, ${fmt((100 * cmd.rate) / rawd.rate)} % of raw`);

  // B4 pkijs, in this process, on the one-signer messages.
  const pk = await pkijsRate(one);
  row('B4 pkijs', `SignedData.verify loop over ${one.length} (in process): ${pk.verified} verified`, `${fmt(pk.rate)} msg/s`, '', `cmsi ${fmt(cm.rate / pk.rate, 2)}x pkijs`);

  // B3 large.
  const big = join(WORK, `large-${LARGE_MB}.bin`);
  const attached = join(WORK, `large-${LARGE_MB}.ber`);
  const detached = join(WORK, `large-${LARGE_MB}.p7s`);
  if (!existsSync(detached)) {
    must('openssl', ['rand', '-out', big, String(LARGE_MB * 1024 * 1024)]);
    must('openssl', ['cms', '-sign', '-stream', '-nodetach', '-binary', '-md', 'sha256', '-in', big, '-outform', 'DER', '-out', attached, '-signer', alice.cert, '-inkey', alice.key]);
    must('openssl', ['cms', '-sign', '-binary', '-md', 'sha256', '-in', big, '-outform', 'DER', '-out', detached, '-signer', alice.cert, '-inkey', alice.key]);
  }
  for (const [label, args, osArgs] of [
    ['detached', [detached, '--content', big], ['-in', detached, '-content', big]],
    ['attached BER', [attached], ['-in', attached]],
  ] as const) {
    // Interleaved rounds, medians: on a shared machine one run of each can land on a busy second.
    const cs: Timed[] = [];
    const ds: Timed[] = [];
    for (let r = 0; r < LARGE_ROUNDS; r++) {
      ds.push(timed('openssl', ['dgst', '-sha256', big]));
      cs.push(timed(process.execPath, [CMSI, 'check', ...args, '--format', 'jsonl']));
    }
    const mid = (xs: Timed[]): Timed => [...xs].sort((a, b) => a.seconds - b.seconds)[Math.floor(xs.length / 2)]!;
    const dgst = { ...mid(ds), rssMiB: Math.max(...ds.map((d) => d.rssMiB ?? NaN)) };
    const c = { ...mid(cs), rssMiB: Math.max(...cs.map((d) => d.rssMiB ?? NaN)) };
    const verdict = c.stdout ? (JSON.parse(c.stdout.split('\n')[0]!) as { verdict: string }).verdict : `no output (exit ${c.code}): ${c.stderr.trim().split('\n')[0]}`;
    const o = timed('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', ...osArgs, '-noverify', '-out', '/dev/null']);
    row(`B3 ${LARGE_MB} MiB ${label}`, `cmsi check (median of ${LARGE_ROUNDS}): ${verdict}, peak RSS ${fmt(c.rssMiB ?? NaN)} MiB (<= 100)`, `${fmt(c.seconds, 2)} s`,
      `openssl dgst -sha256: ${fmt(dgst.seconds, 2)} s, ${fmt(dgst.rssMiB ?? NaN)} MiB; openssl cms -verify: ${fmt(o.seconds, 2)} s, ${fmt(o.rssMiB ?? NaN)} MiB (exit ${o.code})`,
      `${fmt(c.seconds / dgst.seconds, 2)}x dgst (<= 1.5x)`);
  }

  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  console.log(`\nissue 9 benchmarks: ${version}; node ${process.version}; ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}); cmsi --jobs default ${availableParallelism()}`);
  console.log(`BENCH_MESSAGES=${MESSAGES} BENCH_SIGNERS=${SIGNERS} BENCH_LARGE_MB=${LARGE_MB} BENCH_OPENSSL_SAMPLE=${OPENSSL_SAMPLE}`);
  for (const r of rows) console.log(`| ${r.map((x, c) => x.padEnd(widths[c]!)).join(' | ')} |`);
  console.log(`BENCH_SPEED ${JSON.stringify({ rows })}`);
  if (process.env.BENCH_KEEP !== '1' && LARGE_MB >= 1024) for (const f of readdirSync(WORK).filter((x) => x.startsWith('large-'))) rmSync(join(WORK, f));
}

if (import.meta.url === `file://${process.argv[1]}`) await benchSpeed();
