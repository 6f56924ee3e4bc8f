/**
 * The interop part of `npm run bench` (called from bench/run.ts, or alone: `tsx bench/interop.ts`):
 *
 *  1. consume throughput per stack: every installed adapter of adapters/registry.ts consumes every
 *     corpus sample it supports, one at a time as interop/run.ts does (same 30 s limit per message),
 *     and the wall time gives messages/s and ms/message. Samples the adapter declares unsupported
 *     (consumes()) are not consumed and not counted. The probe, which starts a persistent process
 *     where there is one (the JVM, the Python worker), is timed apart; so is the first message,
 *     which carries any lazy setup (gpgsm's home and agent, NSS databases, a cold JIT).
 *  2. persistent process vs one process per message, for the two adapters that keep a process
 *     (Bouncy Castle, python-cryptography): a fresh persistent instance and a per-message instance
 *     (createXAdapter({ persistent: false }): start, one message, end) consume the same samples,
 *     at least BENCH_INTEROP_MESSAGES (30) messages each: that many supported samples evenly spread
 *     over the corpus, or all of them repeated when there are fewer. gain = per-message ms/msg /
 *     persistent ms/msg, the persistent process's start (its probe) excluded; "gain with start"
 *     charges that start to the persistent side. Verdicts of the two modes are compared.
 *
 * No assertions: two tables, then one JSON line (prefix "BENCH_INTEROP ") for machines.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import type { Adapter } from '../adapters/adapter.ts';
import { ALL_ADAPTERS } from '../adapters/registry.ts';
import { createBouncyCastleAdapter } from '../adapters/stacks/bouncycastle.ts';
import { createPythonCryptographyAdapter } from '../adapters/stacks/python-cryptography.ts';
import type { ConsumeVerdict } from '../adapters/verdict.ts';
import type { Manifest, Sample } from '../core/manifest.ts';

const ROOT = new URL('../', import.meta.url).pathname;
const CORPUS = join(ROOT, 'corpus');
/** As interop/run.ts: the per-message limit of the interop runner. */
const TIMEOUT_MS = 30_000;
const PERSISTENCE_MESSAGES = Number(process.env.BENCH_INTEROP_MESSAGES ?? 30);

/** How each stack is driven (adapters/stacks/*.ts), for the table. */
const HOW: Readonly<Record<string, string>> = {
  openssl: 'process per message (openssl cms)',
  gpgsm: 'process per message (gpgsm), one gpg-agent',
  'python-cryptography': 'persistent process (python3)',
  nss: 'process per message (cmsutil)',
  gnutls: 'process per message (certtool)',
  bouncycastle: 'persistent process (JVM)',
  pkijs: 'in process',
  forge: 'in process',
};

/** The two adapters with a persistent process, and how to make each mode. */
const PERSISTENT: readonly { name: string; create: (o: { persistent: boolean }) => Adapter }[] = [
  { name: 'bouncycastle', create: createBouncyCastleAdapter },
  { name: 'python-cryptography', create: createPythonCryptographyAdapter },
];

interface Work { readonly sample: Sample; readonly bytes: Uint8Array }

interface Timed {
  readonly messages: number;
  readonly seconds: number;
  readonly msgs: number;
  readonly ms: number;
  readonly firstMs: number | null;
  readonly verdicts: Record<string, number>;
  readonly perSample: readonly string[];
}

async function consumeOne(a: Adapter, manifest: Manifest, w: Work): Promise<ConsumeVerdict> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<ConsumeVerdict>((resolve) => { timer = setTimeout(() => resolve({ verdict: 'hang' }), TIMEOUT_MS); });
  try {
    return await Promise.race([a.consume({ manifest, dir: CORPUS, sample: w.sample, bytes: w.bytes }), hang]);
  } catch (e) {
    return { verdict: 'error', error: `adapter threw: ${(e as Error).message}` };
  } finally {
    clearTimeout(timer);
  }
}

/** Consumes `work` in order, `rounds` times, one message at a time; wall time of the whole. */
async function timeConsume(a: Adapter, manifest: Manifest, work: readonly Work[], rounds = 1): Promise<Timed> {
  const verdicts: Record<string, number> = {};
  const perSample: string[] = [];
  let firstMs: number | null = null;
  const t0 = performance.now();
  for (let r = 0; r < rounds; r++) {
    for (const w of work) {
      const t = performance.now();
      const v = await consumeOne(a, manifest, w);
      firstMs ??= performance.now() - t;
      verdicts[v.verdict] = (verdicts[v.verdict] ?? 0) + 1;
      if (r === 0) perSample.push(v.verdict);
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  const messages = work.length * rounds;
  return { messages, seconds, msgs: messages / seconds, ms: (seconds * 1000) / messages, firstMs, verdicts, perSample };
}

/** `n` items spread evenly over `all` (all of them when there are no more than `n`). */
function spread<T>(all: readonly T[], n: number): T[] {
  if (all.length <= n) return [...all];
  return Array.from({ length: n }, (_, i) => all[Math.floor((i * all.length) / n)]!);
}

const fmtVerdicts = (v: Record<string, number>) => Object.entries(v).sort((a, b) => b[1] - a[1]).map(([k, n]) => `${n} ${k}`).join(', ');

function table(head: readonly string[], rows: readonly (readonly string[])[], leftCols: number): string[] {
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (r: readonly string[]) => r.map((x, c) => (c < leftCols || c === r.length - 1 ? x.padEnd(widths[c]!) : x.padStart(widths[c]!))).join('  ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}

export async function benchInterop(adapters: readonly Adapter[] = ALL_ADAPTERS): Promise<void> {
  const started = performance.now();
  const manifest = parse(readFileSync(join(CORPUS, 'manifest.yaml'), 'utf8')) as Manifest;
  // Files read once, outside the timing (interop/run.ts reads each inside; a few µs from cache).
  const corpus: Work[] = manifest.samples.map((s) => ({ sample: s, bytes: new Uint8Array(readFileSync(join(CORPUS, s.file))) }));

  // 1. Throughput per stack on every sample it supports.
  const stacks: Record<string, unknown>[] = [];
  const rows: string[][] = [];
  for (const a of adapters) {
    const p0 = performance.now();
    const probe = await a.probe();
    const probeMs = performance.now() - p0;
    if (!probe.installed) {
      stacks.push({ stack: a.name, installed: false, reason: probe.reason, probeMs });
      rows.push([a.name, HOW[a.name] ?? '?', probeMs.toFixed(0), '-', '-', '-', '-', '-', '-', `not installed: ${probe.reason}`]);
      continue;
    }
    const work = corpus.filter((w) => a.consumes(w.sample).supported);
    const t = await timeConsume(a, manifest, work);
    stacks.push({ stack: a.name, installed: true, version: probe.version, how: HOW[a.name] ?? null, probeMs, supported: work.length,
      unsupported: corpus.length - work.length, messages: t.messages, seconds: t.seconds, msgs: t.msgs, ms: t.ms, firstMs: t.firstMs, verdicts: t.verdicts });
    rows.push([a.name, HOW[a.name] ?? '?', probeMs.toFixed(0), String(work.length), String(corpus.length - work.length), (t.firstMs ?? 0).toFixed(0),
      t.seconds.toFixed(2), t.ms.toFixed(2), t.msgs.toFixed(1), fmtVerdicts(t.verdicts)]);
  }
  for (const a of adapters) await a.close();

  // 2. Persistent process vs one process per message, on the same samples.
  const persistence: Record<string, unknown>[] = [];
  const prow: string[][] = [];
  for (const { name, create } of PERSISTENT) {
    const persistent = create({ persistent: true });
    const perMessage = create({ persistent: false });
    try {
      const p0 = performance.now();
      const probe = await persistent.probe();
      const startupMs = performance.now() - p0;
      if (!probe.installed) {
        persistence.push({ stack: name, installed: false, reason: probe.reason });
        prow.push([name, 'not installed', '', '', '', '', '', '', '', '', probe.reason]);
        continue;
      }
      const supported = corpus.filter((w) => persistent.consumes(w.sample).supported);
      if (supported.length === 0) continue;
      const work = spread(supported, PERSISTENCE_MESSAGES);
      const rounds = Math.ceil(PERSISTENCE_MESSAGES / work.length);
      const kept = await timeConsume(persistent, manifest, work, rounds);
      const fresh = await timeConsume(perMessage, manifest, work, rounds);
      const gain = fresh.ms / kept.ms;
      const gainWithStart = fresh.seconds / (kept.seconds + startupMs / 1000);
      const mismatches = work.flatMap((w, i) => (kept.perSample[i] === fresh.perSample[i] ? [] : [`${w.sample.id}: persistent ${kept.perSample[i]}, per message ${fresh.perSample[i]}`]));
      const strip = ({ perSample: _, ...m }: Timed) => m;
      persistence.push({ stack: name, version: probe.version, samples: work.map((w) => w.sample.id), rounds, startupMs,
        persistent: strip(kept), perMessage: strip(fresh), gain, gainWithStart, verdictMismatches: mismatches });
      const same = mismatches.length === 0 ? 'same verdicts' : `${mismatches.length} verdicts differ`;
      prow.push([name, 'persistent', String(work.length), String(rounds), startupMs.toFixed(0), kept.seconds.toFixed(2), kept.ms.toFixed(2), kept.msgs.toFixed(1), '', '', fmtVerdicts(kept.verdicts)]);
      prow.push(['', 'process per message', String(work.length), String(rounds), '', fresh.seconds.toFixed(2), fresh.ms.toFixed(2), fresh.msgs.toFixed(1),
        gain.toFixed(1), gainWithStart.toFixed(1), `${fmtVerdicts(fresh.verdicts)}; ${same}`]);
      for (const m of mismatches) prow.push(['', '', '', '', '', '', '', '', '', '', `  ${m}`]);
    } finally {
      await persistent.close();
      await perMessage.close();
    }
  }

  const total = (performance.now() - started) / 1000;
  console.log('');
  console.log(`interop consume throughput per stack: every corpus sample (${corpus.length}) the stack supports, one at a time as interop/run.ts; wall time, verdicts as the stack gave them`);
  for (const l of table(['stack', 'driven as', 'probe ms', 'msgs', 'unsupp.', 'first ms', 'time s', 'ms/msg', 'msgs/s', 'verdicts'], rows, 2)) console.log(l);
  console.log('probe: the version check, which starts the persistent process where there is one (not in time s); msgs: samples consumed;');
  console.log('unsupp.: samples the adapter declares unsupported (not consumed, not counted); first ms: the first message, lazy setup included.');
  console.log('');
  console.log(`persistent process vs one process per message (start, one message with all its layers, end), same samples, same run`);
  for (const l of table(['stack', 'mode', 'samples', 'rounds', 'start ms', 'time s', 'ms/msg', 'msgs/s', 'gain', 'gain w/ start', 'verdicts'], prow, 2)) console.log(l);
  console.log('gain = per-message ms/msg / persistent ms/msg; gain w/ start: the persistent process\'s start (start ms) added to its time.');
  console.log(`interop bench time ${total.toFixed(1)} s`);
  console.log(`BENCH_INTEROP ${JSON.stringify({ node: process.version, corpusSamples: corpus.length, timeoutMs: TIMEOUT_MS, stacks, persistence, seconds: total })}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchInterop();
