/**
 * The three tasks of an interop run, each ending in one record: a stack consumes a corpus sample;
 * a stack produces a feature with the cast's keys (and cmsi check judges the message, its verdict,
 * layers and reason kept in the record); a stack consumes a message another stack produced. A
 * harness failure (an adapter that throws) is `error`, never a reject; no answer in time is `hang`.
 */
import { deadline, type Deadline } from '../adapters/deadline.ts';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Adapter, ProduceFeature } from '../adapters/adapter.ts';
import { makeTempDir } from '../adapters/run.ts';
import type { ConsumeVerdict } from '../adapters/verdict.ts';
import { loadCatalog, type Catalog } from '../core/catalog.ts';
import type { Manifest, Sample } from '../core/manifest.ts';
import { checkBytes } from '../checkers/engine.ts';
import type { FileResult } from '../checkers/finding.ts';
import { manifestTasks } from '../cli/check.ts';
import type { CheckTask } from '../cli/check-tasks.ts';
import type { ProducedCheck, ResultRecord, Unstamped } from './records.ts';
import { PRODUCE_KEK, PRODUCE_PASSWORD, producedSample } from './produced-sample.ts';
import { sha256, type Corpus } from './run-dir.ts';

export const PRODUCE_CONTENT = new TextEncoder().encode('Content-Type: text/plain\r\n\r\nProduced for the cms-interop cross-verification.\r\n');

export interface TaskContext {
  readonly corpus: Corpus;
  readonly corpusDir: string;
  readonly resultsDir: string;
  readonly timeoutMs: number;
  readonly emit: (r: Unstamped<ResultRecord>) => void;
}

export interface Stack {
  readonly adapter: Adapter;
  readonly version: string;
}

/** A message a stack produced, on disk under the results' produced/ folder. */
export interface Produced {
  readonly stack: string;
  readonly feature: ProduceFeature;
  readonly file: string;
  readonly sha256: string;
}

const producedDir = (ctx: TaskContext) => join(ctx.resultsDir, 'produced');

async function withTimeout<T>(p: Promise<T>, ms: number, onTimeout: () => T): Promise<T> {
  let timer: Deadline | undefined;
  // deadline(), not setTimeout: after a spawnSync held the loop, an answer that came in time wins
  const t = new Promise<T>((resolve) => { timer = deadline(ms, () => resolve(onTimeout())); });
  try {
    return await Promise.race([p, t]);
  } finally {
    timer?.cancel();
  }
}

/**
 * The stack's words without what changes from one process to the next, so equal verdicts make
 * equal records and reports: OpenSSL's thread id and source file:line in its error lines (a failed
 * RSA or password unwrap continues with a random key, and the padding error then comes from one of
 * two lines), and the names of our temporary directories.
 */
export function stableDetail(text: string): string {
  return text
    .replace(/\b[0-9A-F]{8,16}:error:/g, 'error:')
    .replace(/:(?:\.\.\/)*[\w./-]+\.c:\d+:/g, ':')
    .replace(/(?:\/[\w.-]+)*\/cmsi-[a-z0-9-]+-[A-Za-z0-9]{6}(?![A-Za-z0-9])/g, '<tmp>');
}

/** The stack's words, bounded: its error, why it is unsupported, its signal, or what it printed when it accepted. */
const detailOf = (v: ConsumeVerdict): string =>
  stableDetail(v.verdict === 'reject' || v.verdict === 'error' ? v.error : v.verdict === 'unsupported' ? v.reason : v.verdict === 'crash' ? v.signal : v.verdict === 'accept' ? v.output ?? '' : '').slice(0, 300);

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

export async function consumeTask(ctx: TaskContext, { adapter, version }: Stack, s: Sample): Promise<void> {
  const bytes = ctx.corpus.bytes.get(s.id)!;
  const support = adapter.consumes(s);
  const start = performance.now();
  const v: ConsumeVerdict = support.supported
    ? await consumeSafely(adapter, ctx.corpus.manifest, ctx.corpusDir, s, bytes, ctx.timeoutMs)
    : { verdict: 'unsupported', reason: support.reason };
  ctx.emit({
    kind: 'consume', stack: adapter.name, version, lineage: adapter.lineage, sample: s.id, sampleSha256: s.sha256, expected: s.expected,
    contentType: s.contentType, features: s.features, flags: s.flags ?? [], requirements: s.requirements, verdict: v.verdict,
    contentMatch: contentMatch(v, ctx.corpusDir, s), detail: detailOf(v), ms: Math.round(performance.now() - start),
    check: sampleCheck(ctx.corpusDir, s),
  });
}

/** What cmsi check's judgement of a message keeps in a record: verdict, failed rules, layers, reason. */
function summarize(res: FileResult): ProducedCheck {
  return {
    verdict: res.verdict, failed: [...new Set(res.findings.filter((f) => f.status === 'fail').map((f) => f.rule))],
    layers: res.layers, reason: res.reason?.slice(0, 500) ?? null,
  };
}

let catalog: Catalog | null = null;

/** The manifest tasks of a corpus (its samples with their own inputs, anchors and time), made once. */
const corpusTasks = new Map<string, ReadonlyMap<string, CheckTask>>();
const sampleChecks = new Map<string, ProducedCheck>();

/**
 * cmsi check's judgement of a corpus sample, as `cmsi check --manifest` gives it (the sample's
 * inputs, the manifest's anchors and validation time), once per sample and run: kept in each
 * consume record so a report can say in which layer an invalid sample is broken (a stack that
 * accepts it missed a certificate check, not a parse) without judging anything itself.
 */
export function judgeSamples(corpusDir: string, samples: readonly Sample[]): void {
  for (const s of samples) sampleCheck(corpusDir, s);
}

function sampleCheck(corpusDir: string, s: Sample): ProducedCheck {
  const key = `${corpusDir}\u0000${s.id}\u0000${s.sha256}`;
  const hit = sampleChecks.get(key);
  if (hit) return hit;
  let tasks = corpusTasks.get(corpusDir);
  if (!tasks) {
    const made = manifestTasks(join(corpusDir, 'manifest.yaml'), 'current');
    tasks = new Map(made.tasks.map((t, i) => [made.samples[i]!.id, t]));
    corpusTasks.set(corpusDir, tasks);
  }
  catalog ??= loadCatalog();
  const t = tasks.get(s.id)!;
  // A Uint8Array, as cmsi check reads files (a Node Buffer's slice() is a view, not a copy).
  const check = summarize(checkBytes(t.name, new Uint8Array(readFileSync(t.path)), { catalog, ...t.options }));
  sampleChecks.set(key, check);
  return check;
}

/** The produced/ folder: a copy of the cast keys and the content, the inputs of every produced sample. */
export function prepareProducedDir(ctx: TaskContext): void {
  const dir = producedDir(ctx);
  mkdirSync(join(dir, 'keys'), { recursive: true });
  for (const f of readdirSync(join(ctx.corpusDir, 'keys')).filter((x) => /\.(pem|der)$/.test(x))) copyFileSync(join(ctx.corpusDir, 'keys', f), join(dir, 'keys', f));
  // The post-quantum cast (keys/pq/) for the signed-data/ml-dsa and enveloped-data/kemri features.
  const pq = join(ctx.corpusDir, 'keys', 'pq');
  if (existsSync(pq)) {
    mkdirSync(join(dir, 'keys', 'pq'), { recursive: true });
    for (const f of readdirSync(pq).filter((x) => /\.(pem|der)$/.test(x))) copyFileSync(join(pq, f), join(dir, 'keys', 'pq', f));
  }
  writeFileSync(join(dir, 'content.txt'), PRODUCE_CONTENT);
}

function checkProduced(file: string, bytes: Uint8Array, sample: Sample, dir: string): ProducedCheck {
  catalog ??= loadCatalog();
  const i = sample.inputs;
  const read = (p: string) => pemToDer(readFileSync(join(dir, p), 'utf8'));
  const certs = (i.signerCerts ?? []).map(read);
  // The recipient key, KEK or password the message was made for: without them an enveloping type
  // is only unchecked (nothing decrypted), so the producer check could not say it is valid.
  const res = checkBytes(file, bytes, {
    catalog, profile: 'current', certs, content: i.detached ? PRODUCE_CONTENT : null,
    ...(i.recipient ? { keys: [{ key: read(i.recipient.key), cert: read(i.recipient.cert) }] } : {}),
    ...(i.password ? { password: i.password } : {}),
    ...(i.kek ? { kek: { keyId: i.kek.keyId ? new Uint8Array(Buffer.from(i.kek.keyId, 'hex')) : null, key: new Uint8Array(Buffer.from(i.kek.key, 'hex')) } } : {}),
  });
  return summarize(res);
}

/** Produces one feature, or takes it from an earlier invocation's record; returns the message made. */
export async function produceTask(ctx: TaskContext, { adapter, version }: Stack, feature: ProduceFeature, earlier: ResultRecord | undefined): Promise<Produced | null> {
  const stack = adapter.name;
  const dir = producedDir(ctx);
  if (earlier?.kind === 'produce') {
    if (!earlier.file || !earlier.sampleSha256 || !existsSync(join(dir, earlier.file))) return null;
    const bytes = new Uint8Array(readFileSync(join(dir, earlier.file)));
    return sha256(bytes) === earlier.sampleSha256 ? { stack, feature, file: earlier.file, sha256: earlier.sampleSha256 } : null;
  }
  const file = `${stack}/${feature.replace(/\//g, '_')}.der`;
  const work = makeTempDir('produce');
  const start = performance.now();
  try {
    const r = await withTimeout(adapter.produce({ feature, content: PRODUCE_CONTENT, keysDir: join(dir, 'keys'), signer: 'alice-rsa', recipient: 'bob-rsa', kek: PRODUCE_KEK, password: PRODUCE_PASSWORD, workDir: work.dir }),
      ctx.timeoutMs, () => ({ ok: false as const, verdict: 'hang' as const, reason: 'no answer in time' }))
      .catch((e: Error) => ({ ok: false as const, verdict: 'error' as const, reason: `adapter threw: ${e.message}` }));
    const ms = Math.round(performance.now() - start);
    if (!r.ok) {
      ctx.emit({ kind: 'produce', stack, version, lineage: adapter.lineage, feature, verdict: r.verdict, detail: stableDetail(r.reason).slice(0, 300), check: null, file: null, sampleSha256: null, ms });
      return null;
    }
    mkdirSync(join(dir, stack), { recursive: true });
    writeFileSync(join(dir, file), r.bytes);
    const check = checkProduced(file, r.bytes, producedSample(stack, feature, file), dir);
    const hash = sha256(r.bytes);
    ctx.emit({ kind: 'produce', stack, version, lineage: adapter.lineage, feature, verdict: 'produced', detail: '', check, file, sampleSha256: hash, ms });
    return { stack, feature, file, sha256: hash };
  } finally {
    work.remove();
  }
}

/** What a submitted message brings instead of the cast's inputs (cmsi submit): its sample, its anchors. */
export interface CrossInputs {
  readonly sample: Sample;
  readonly trustAnchors?: readonly string[];
}

export async function crossTask(ctx: TaskContext, { adapter, version }: Stack, p: Produced, given?: CrossInputs): Promise<void> {
  const dir = producedDir(ctx);
  const sample = given?.sample ?? producedSample(p.stack, p.feature, p.file);
  const manifest: Manifest = { ...ctx.corpus.manifest, trustAnchors: given?.trustAnchors ?? ['keys/carl-rsa.cert.pem'], samples: [sample] };
  const support = adapter.consumes(sample);
  const start = performance.now();
  const v: ConsumeVerdict = support.supported
    ? await consumeSafely(adapter, manifest, dir, sample, new Uint8Array(readFileSync(join(dir, p.file))), ctx.timeoutMs)
    : { verdict: 'unsupported', reason: support.reason };
  ctx.emit({
    kind: 'cross', producer: p.stack, consumer: adapter.name, consumerVersion: version, feature: p.feature, sampleSha256: p.sha256,
    verdict: v.verdict, contentMatch: contentMatch(v, dir, sample), detail: detailOf(v), ms: Math.round(performance.now() - start),
  });
}

function pemToDer(pem: string): Uint8Array {
  return new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64'));
}
