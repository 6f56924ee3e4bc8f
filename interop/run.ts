/**
 * The interop run: every installed stack consumes every corpus sample it supports (valid and
 * invalid), produces every feature it can, and every produced message is checked by cmsi check and
 * consumed by every other stack. Records are appended as they come (interop/records.ts), so a run
 * killed midway resumes where it stopped. Each stack works through its own queue (adapters with a
 * persistent process see one request at a time); up to `jobs` stacks run at once.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Adapter, ProduceFeature } from '../adapters/adapter.ts';
import type { ConsumeVerdict } from '../adapters/verdict.ts';
import { loadCatalog } from '../core/catalog.ts';
import type { Manifest, Sample } from '../core/manifest.ts';
import { checkBytes } from '../checkers/engine.ts';
import { appendRecord, readRecords, recordKey, repairTornLines, type ConsumeRecord, type ResultRecord } from './records.ts';
import { PRODUCE_KEK, PRODUCE_PASSWORD, producedSample } from './produced-sample.ts';

export interface InteropOptions {
  readonly adapters: readonly Adapter[];
  readonly corpusDir: string;
  readonly outDir: string;
  readonly resume: boolean;
  readonly jobs: number;
  /** Per-message limit for in-process adapters (external programs have their own timeouts). */
  readonly timeoutMs?: number;
  readonly onProgress?: (done: number, total: number, label: string) => void;
  readonly onStack?: (record: ResultRecord) => void;
}

export const PRODUCE_CONTENT = new TextEncoder().encode('Content-Type: text/plain\r\n\r\nProduced for the cms-interop cross-verification.\r\n');

async function withTimeout<T>(p: Promise<T>, ms: number, onTimeout: () => T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<T>((resolve) => { timer = setTimeout(() => resolve(onTimeout()), ms); });
  try {
    return await Promise.race([p, t]);
  } finally {
    clearTimeout(timer);
  }
}

const detailOf = (v: ConsumeVerdict): string =>
  v.verdict === 'reject' || v.verdict === 'error' ? v.error : v.verdict === 'unsupported' ? v.reason : v.verdict === 'crash' ? v.signal : '';

async function consumeSafely(a: Adapter, manifest: Manifest, dir: string, s: Sample, bytes: Uint8Array, ms: number): Promise<ConsumeVerdict> {
  try {
    return await withTimeout(a.consume({ manifest, dir, sample: s, bytes }), ms, () => ({ verdict: 'hang' as const }));
  } catch (e) {
    return { verdict: 'error', error: `adapter threw: ${(e as Error).message}` };
  }
}

function contentMatch(v: ConsumeVerdict, dir: string, s: Sample): boolean | null {
  if (v.verdict !== 'accept' || !s.inputs.content || v.content === null) return null;
  return Buffer.from(v.content).equals(readFileSync(join(dir, s.inputs.content)));
}

/** Runs `tasks` per stack sequentially, up to `jobs` stacks at a time. */
async function perStack<T>(groups: Map<string, T[]>, jobs: number, run: (stack: string, task: T) => Promise<void>): Promise<void> {
  const queue = [...groups.entries()];
  const workers = Array.from({ length: Math.max(1, jobs) }, async () => {
    for (let g = queue.shift(); g; g = queue.shift()) for (const t of g[1]) await run(g[0], t);
  });
  await Promise.all(workers);
}

export async function runInterop(o: InteropOptions): Promise<ResultRecord[]> {
  const results = join(o.outDir);
  if (!o.resume && existsSync(results)) for (const f of readdirSync(results).filter((x) => x.endsWith('.jsonl'))) rmSync(join(results, f));
  mkdirSync(results, { recursive: true });
  repairTornLines(results);
  const done = new Set(readRecords(results).map(recordKey));
  const emit = (r: ResultRecord) => {
    if (done.has(recordKey(r))) return;
    done.add(recordKey(r));
    appendRecord(results, r);
  };
  const manifest = parse(readFileSync(join(o.corpusDir, 'manifest.yaml'), 'utf8')) as Manifest;
  const timeoutMs = o.timeoutMs ?? 30_000;

  const installed: { adapter: Adapter; version: string }[] = [];
  for (const a of o.adapters) {
    const p = await a.probe();
    const rec: ResultRecord = p.installed
      ? { kind: 'stack', stack: a.name, lineage: a.lineage, installed: true, version: p.version }
      : { kind: 'stack', stack: a.name, lineage: a.lineage, installed: false, version: null, reason: p.reason };
    emit(rec);
    o.onStack?.(rec);
    if (p.installed) installed.push({ adapter: a, version: p.version });
  }

  // Consume: every stack x every sample.
  const consumeTasks = new Map(installed.map((i) => [i.adapter.name, manifest.samples.filter((s) => !done.has(`consume|${i.adapter.name}|${s.id}`))]));
  const producible = installed.reduce((n, i) => n + i.adapter.produces.length, 0);
  const total = [...consumeTasks.values()].reduce((n, t) => n + t.length, 0) + producible;
  let count = 0;
  const tick = (label: string) => o.onProgress?.(++count, total, label);
  const byName = new Map(installed.map((i) => [i.adapter.name, i]));
  await perStack(consumeTasks, o.jobs, async (stack, s) => {
    const { adapter, version } = byName.get(stack)!;
    const support = adapter.consumes(s);
    const start = performance.now();
    const v: ConsumeVerdict = support.supported
      ? await consumeSafely(adapter, manifest, o.corpusDir, s, new Uint8Array(readFileSync(join(o.corpusDir, s.file))), timeoutMs)
      : { verdict: 'unsupported', reason: support.reason };
    const rec: ConsumeRecord = {
      kind: 'consume', stack, version, lineage: adapter.lineage, sample: s.id, expected: s.expected, contentType: s.contentType,
      features: s.features, flags: s.flags ?? [], requirements: s.requirements, verdict: v.verdict,
      contentMatch: contentMatch(v, o.corpusDir, s), detail: detailOf(v).slice(0, 300), ms: Math.round(performance.now() - start),
    };
    emit(rec);
    tick(`${stack} ${s.id}`);
  });

  // Produce, check with cmsi, then cross-consume by every other stack.
  const producedDir = join(results, 'produced');
  mkdirSync(join(producedDir, 'keys'), { recursive: true });
  for (const f of readdirSync(join(o.corpusDir, 'keys')).filter((x) => /\.(pem|der)$/.test(x))) {
    copyFileSync(join(o.corpusDir, 'keys', f), join(producedDir, 'keys', f));
  }
  writeFileSync(join(producedDir, 'content.txt'), PRODUCE_CONTENT);
  const catalog = loadCatalog();
  const produceTasks = new Map(installed.map((i) => [i.adapter.name, [...i.adapter.produces]]));
  const produced: { stack: string; feature: ProduceFeature; file: string }[] = [];
  await perStack(produceTasks, o.jobs, async (stack, feature) => {
    const { adapter, version } = byName.get(stack)!;
    const file = `${stack}/${feature.replace(/\//g, '_')}.der`;
    if (done.has(`produce|${stack}|${feature}`)) {
      if (existsSync(join(producedDir, file))) produced.push({ stack, feature, file });
      tick(`${stack} produce ${feature}`);
      return;
    }
    const work = mkdtempSync(join(tmpdir(), 'cmsi-produce-'));
    const start = performance.now();
    try {
      const r = await withTimeout(adapter.produce({ feature, content: PRODUCE_CONTENT, keysDir: join(producedDir, 'keys'), signer: 'alice-rsa', recipient: 'bob-rsa', kek: PRODUCE_KEK, password: PRODUCE_PASSWORD, workDir: work }),
        timeoutMs, () => ({ ok: false as const, verdict: 'hang' as const, reason: 'no answer in time' }))
        .catch((e: Error) => ({ ok: false as const, verdict: 'error' as const, reason: `adapter threw: ${e.message}` }));
      let check: { verdict: string; failed: string[]; layers: Record<string, string>; reason: string | null } | null = null;
      if (r.ok) {
        mkdirSync(join(producedDir, stack), { recursive: true });
        writeFileSync(join(producedDir, file), r.bytes);
        const sample = producedSample(stack, feature, file);
        const certs = (sample.inputs.signerCerts ?? []).map((c) => pemToDer(readFileSync(join(producedDir, c), 'utf8')));
        const res = checkBytes(file, r.bytes, { catalog, profile: 'current', certs, content: sample.inputs.detached ? PRODUCE_CONTENT : null });
        check = { verdict: res.verdict, failed: [...new Set(res.findings.filter((f) => f.status === 'fail').map((f) => f.rule))], layers: { ...res.layers }, reason: res.reason };
        produced.push({ stack, feature, file });
      }
      emit({
        kind: 'produce', stack, version, lineage: adapter.lineage, feature, verdict: r.ok ? 'produced' : r.verdict,
        detail: r.ok ? '' : r.reason.slice(0, 300), check, file: r.ok ? file : null, ms: Math.round(performance.now() - start),
      });
    } finally {
      rmSync(work, { recursive: true, force: true });
      tick(`${stack} produce ${feature}`);
    }
  });

  const crossManifest: Manifest = { ...manifest, trustAnchors: ['keys/carl-rsa.cert.pem'], samples: [] };
  const crossTasks = new Map(installed.map((i) => [i.adapter.name, produced.filter((p) => p.stack !== i.adapter.name)]));
  await perStack(crossTasks, o.jobs, async (consumer, p) => {
    if (done.has(`cross|${p.stack}|${consumer}|${p.feature}`)) return;
    const { adapter, version } = byName.get(consumer)!;
    const sample = producedSample(p.stack, p.feature, p.file);
    const support = adapter.consumes(sample);
    const start = performance.now();
    const v: ConsumeVerdict = support.supported
      ? await consumeSafely(adapter, { ...crossManifest, samples: [sample] }, producedDir, sample, new Uint8Array(readFileSync(join(producedDir, p.file))), timeoutMs)
      : { verdict: 'unsupported', reason: support.reason };
    emit({ kind: 'cross', producer: p.stack, consumer, consumerVersion: version, feature: p.feature, verdict: v.verdict, contentMatch: contentMatch(v, producedDir, sample), detail: detailOf(v).slice(0, 300), ms: Math.round(performance.now() - start) });
  });

  for (const i of installed) await i.adapter.close();
  return readRecords(results);
}

function pemToDer(pem: string): Uint8Array {
  return new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64'));
}
