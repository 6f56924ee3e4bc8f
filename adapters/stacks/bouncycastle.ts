/**
 * Bouncy Castle (Java, Debian's libbcprov/libbcpkix/libbcutil 1.72) as an adapter. A small Java
 * program (adapters/stacks/java/CmsiBc.java) is compiled with javac at first use into a cache
 * folder keyed by the source's hash, and ONE JVM is kept running: a JVM start costs about 0.5 s
 * (STACKS.md), a request a few milliseconds. Requests are JSON lines on the JVM's stdin (bytes as
 * base64, keys and certificates as paths), answers JSON lines on its stdout, one at a time.
 *
 * A request that gets no answer within the timeout is a `hang`: the JVM is killed and the next
 * request starts a fresh one. A JVM that dies while working is a `crash`, as is a java.lang.Error
 * (stack overflow, out of memory) inside Bouncy Castle. Certificates are validated with Bouncy
 * Castle's PKIX CertPathBuilder against the manifest's trust anchors at its validationTime.
 * Bouncy Castle has no S/MIME without JavaMail (bcjmail), so the MIME carrier is unwrapped by the
 * adapter (./layers.ts) and Bouncy Castle processes the CMS inside. Lineage: bouncycastle.
 *
 * `bouncycastleAdapter` is the persistent one. createBouncyCastleAdapter({ persistent: false })
 * makes an instance that starts a fresh JVM for every message (all its layers) and ends it after
 * the answer, as a one-process-per-message harness would: bench/interop.ts measures the difference.
 */
import { deadline } from '../deadline.ts';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createHash } from 'node:crypto';
import type { Socket } from 'node:net';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sample } from '../../core/manifest.ts';
import type { Algorithm } from '../../core/vocabulary.ts';
import type { Adapter, ConsumeRequest, ProduceFeature, ProduceRequest, ProduceResult, Support } from '../adapter.ts';
import { consumeTimeoutMs, MESSAGE_TIMEOUT_MS } from '../budget.ts';
import { onCleanup } from '../cleanup.ts';
import { runProgram } from '../run.ts';
import type { ConsumeVerdict } from '../verdict.ts';
import { sampleExpectations } from '../../core/expectations.ts';
import { forVersion } from '../openssl-version.ts';
import { mimeOnlyDefect, openLayers, trustAnchorPaths, type LayerInput } from './layers.ts';
import { REPO_ROOT } from '../../core/paths.ts';

const REPO = REPO_ROOT;
const SOURCE = join(REPO, 'adapters', 'stacks', 'java', 'CmsiBc.java');
const JARS = ['bcprov', 'bcpkix', 'bcutil'].map((j) => `/usr/share/java/${j}.jar`);
/** Per request; below the interop harness's 30 s so a stuck JVM is ours to kill. */
const REQUEST_TIMEOUT_MS = MESSAGE_TIMEOUT_MS;
/**
 * Added to a request's time when it has to start the JVM first (the first request, or the one
 * after a JVM was killed): a short budget (adapters/budget.ts) is for the message, not for the
 * start, which takes seconds in the unstable root on a loaded machine.
 */
const JVM_START_ALLOWANCE_MS = 15_000;

/**
 * Samples Bouncy Castle 1.72 cannot process, with the reason we found (each checked against the
 * RFC: none is a defect of the sample). Invalid samples derived from one (`base`) inherit it.
 * The list itself is data: expectations/bouncycastle.yaml (outcome: unsupported).
 */
/** The host's Bouncy Castle is Debian 12's 1.72: the version an entry's before / since bounds are held against. */
const reasonsOf = (entries: Parameters<typeof forVersion>[0]) => forVersion(entries, [1, 72]);
export const BC_UNSUPPORTED: Readonly<Record<string, string>> = reasonsOf(sampleExpectations('bouncycastle', 'unsupported'));

/** Algorithms Bouncy Castle 1.72 has no CMS support for. */
const BC_NO_ALGORITHM: Partial<Record<Algorithm, string>> = {
  'x25519': 'Bouncy Castle 1.72 has no RFC 8418 key agreement in CMS: "no such algorithm: 1.2.840.113549.1.9.16.3.19 for provider BC" (dhSinglePass-stdDH-hkdf-sha256-scheme)',
  'x448': 'Bouncy Castle 1.72 has no RFC 8418 key agreement in CMS: "no such algorithm: 1.2.840.113549.1.9.16.3.21 for provider BC" (dhSinglePass-stdDH-hkdf-sha512-scheme)',
  'ml-dsa-44': 'Bouncy Castle 1.72 predates ML-DSA (FIPS 204): "Unknown signature type requested: SHA512WITH2.16.840.1.101.3.4.3.17"',
  'ml-dsa-65': 'Bouncy Castle 1.72 predates ML-DSA (FIPS 204): "Unknown signature type requested: SHA512WITH2.16.840.1.101.3.4.3.18"',
  'ml-dsa-87': 'Bouncy Castle 1.72 predates ML-DSA (FIPS 204): "Unknown signature type requested: SHA512WITH2.16.840.1.101.3.4.3.19"',
  'slh-dsa-sha2-128f': 'Bouncy Castle 1.72 predates SLH-DSA (FIPS 205): "Unknown signature type requested: SHA256WITH2.16.840.1.101.3.4.3.21"',
  'ml-kem-512': 'Bouncy Castle 1.72 predates ML-KEM (FIPS 203) and KEMRecipientInfo (RFC 9629, BC 1.79): "no such algorithm: 2.16.840.1.101.3.4.4.1 for provider BC" reading the key',
  'ml-kem-768': 'Bouncy Castle 1.72 predates ML-KEM (FIPS 203) and KEMRecipientInfo (RFC 9629, BC 1.79): "no such algorithm: 2.16.840.1.101.3.4.4.2 for provider BC" reading the key',
  'ml-kem-1024': 'Bouncy Castle 1.72 predates ML-KEM (FIPS 203) and KEMRecipientInfo (RFC 9629, BC 1.79): "no such algorithm: 2.16.840.1.101.3.4.4.3 for provider BC" reading the key',
};

/**
 * Valid samples Bouncy Castle rejects, and who we believe is right: data,
 * expectations/bouncycastle.yaml (outcome: reject), each entry with its reason. The one it had,
 * rfc4134/4.10-signed-attributes (security-label components not in DER order, which BC's DER
 * re-encoding of the signed attributes exposes), is listed invalid in the manifest since; the
 * near miss signed-attr-values-set-of-order is one where Bouncy Castle is wrong (its SET sort
 * masks the constructed bit for a SET OF too).
 */
export const BC_REJECTS_VALID: Readonly<Record<string, string>> = reasonsOf(sampleExpectations('bouncycastle', 'reject'));

type Answer =
  | { readonly status: 'accept'; readonly content: string | null; readonly version?: string }
  | { readonly status: 'reject' | 'unsupported' | 'error' | 'crash'; readonly message: string };
export type Outcome = { readonly kind: 'answer'; readonly answer: Answer } | { readonly kind: 'hang' } | { readonly kind: 'crash'; readonly signal: string } | { readonly kind: 'error'; readonly message: string };

// ---------------------------------------------------------------------------------------------
// compiling CmsiBc.java once per source version

/**
 * Where the JVM and javac come from: the host's Debian packages, or another generation's
 * (./bouncycastle-sid.ts runs them inside the Debian unstable root). Jar paths are as the
 * programs see them; `hostPath` maps one to the host's file system for existence checks.
 */
export interface JavaRuntime {
  readonly id: string;
  readonly jars: readonly string[];
  readonly hostPath: (path: string) => string;
  readonly command: (cmd: 'java' | 'javac', args: readonly string[]) => [string, string[]];
}

export const HOST_JAVA: JavaRuntime = { id: 'host', jars: JARS, hostPath: (p) => p, command: (cmd, args) => [cmd, [...args]] };

const compiledBy = new Map<string, { dir: string } | { error: string }>();

function cacheBase(): string {
  const nm = join(REPO, 'node_modules');
  return existsSync(nm) ? join(nm, '.cache', 'cmsi-bc') : join(tmpdir(), 'cmsi-bc');
}

function compile(rt: JavaRuntime): { dir: string } | { error: string } {
  const done = compiledBy.get(rt.id);
  if (done) return done;
  const result = compileFresh(rt);
  compiledBy.set(rt.id, result);
  return result;
}

function compileFresh(rt: JavaRuntime): { dir: string } | { error: string } {
  const JARS = rt.jars;
  for (const jar of JARS) if (!existsSync(rt.hostPath(jar))) return ({ error: `${jar} missing (apt-get install libbcprov-java libbcpkix-java libbcutil-java)` });
  const source = readFileSync(SOURCE);
  const hash = createHash('sha256').update(source).update(rt.id).update(JARS.join(':')).digest('hex').slice(0, 16);
  const base = cacheBase();
  const dir = join(base, hash);
  if (existsSync(join(dir, 'CmsiBc.class'))) return ({ dir });
  mkdirSync(base, { recursive: true });
  // Build in a private folder, then rename: concurrent test workers never see half a build.
  const build = mkdtempSync(join(base, 'build-'));
  const [javac, javacArgs] = rt.command('javac', ['-nowarn', '-Xlint:-path', '-encoding', 'UTF-8', '-cp', JARS.join(':'), '-d', build, SOURCE]);
  const r = runProgram(javac, javacArgs, { timeoutMs: 180_000 });
  if (r.kind !== 'exit' || r.code !== 0) {
    rmSync(build, { recursive: true, force: true });
    const why = r.kind === 'exit' ? r.stderr.trim().split('\n').slice(0, 5).join(' | ') : r.kind === 'spawn-error' ? r.message : r.kind;
    return ({ error: `javac failed: ${why}` });
  }
  try {
    renameSync(build, dir);
  } catch {
    rmSync(build, { recursive: true, force: true }); // another worker won the race
  }
  return (existsSync(join(dir, 'CmsiBc.class')) ? { dir } : { error: 'compiled class missing' });
}

// ---------------------------------------------------------------------------------------------
// the one JVM

class BcProcess {
  /** `onSpawn` hears the process id of every JVM this object starts (tests, bench). */
  constructor(private readonly onSpawn?: (pid: number) => void, private readonly runtime: JavaRuntime = HOST_JAVA) {}

  private child: ChildProcessWithoutNullStreams | null = null;
  private buffer = '';
  private stderr = '';
  private nextId = 1;
  private pending: { id: number; settle: (o: Outcome) => void } | null = null;
  private chain: Promise<unknown> = Promise.resolve();

  /** One request at a time, in order. */
  request(body: Record<string, unknown>, timeoutMs = REQUEST_TIMEOUT_MS): Promise<Outcome> {
    const run = this.chain.then(() => this.send(body, timeoutMs));
    this.chain = run.catch(() => undefined);
    return run;
  }

  private start(): string | null {
    const c = compile(this.runtime);
    if ('error' in c) return c.error;
    // Own session: a terminal's Ctrl-C reaches cmsi, which ends the JVM (adapters/cleanup.ts).
    // -XX:-UsePerfData: no /tmp/hsperfdata_<user>/<pid> file, which a killed JVM leaves behind.
    const [java, javaArgs] = this.runtime.command('java', ['-XX:+UseSerialGC', '-XX:-UsePerfData', '-Xss8m', '-cp', [c.dir, ...this.runtime.jars].join(':'), 'CmsiBc']);
    const child = spawn(java, javaArgs, { stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    const release = onCleanup(`Bouncy Castle JVM (pid ${child.pid})`, () => child.kill('SIGKILL'));
    this.child = child;
    if (child.pid !== undefined) this.onSpawn?.(child.pid);
    this.buffer = '';
    this.stderr = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      this.buffer += chunk;
      for (let nl = this.buffer.indexOf('\n'); nl >= 0; nl = this.buffer.indexOf('\n')) {
        const line = this.buffer.slice(0, nl);
        this.buffer = this.buffer.slice(nl + 1);
        this.onLine(line);
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => { this.stderr = (this.stderr + chunk).slice(-4000); });
    child.on('error', (e) => {
      release();
      this.onDeath(child, { kind: 'error', message: `cannot run java: ${e.message}` });
    });
    child.on('exit', (code, signal) => {
      release();
      const last = this.stderr.trim().split('\n').slice(-3).join(' | ');
      this.onDeath(child, { kind: 'crash', signal: signal ?? `JVM exited with code ${code}${last ? `: ${last}` : ''}` });
    });
    child.stdin.on('error', () => undefined); // a dead JVM is reported by 'exit'
    // An idle JVM must not keep Node alive if close() is forgotten; a pending request's timer does.
    child.unref();
    for (const stream of [child.stdin, child.stdout, child.stderr]) (stream as unknown as Socket).unref?.();
    return null;
  }

  private onLine(line: string): void {
    if (!this.pending) return;
    let parsed: (Answer & { id?: unknown }) | null = null;
    try {
      parsed = JSON.parse(line) as Answer & { id?: unknown };
    } catch {
      this.finish({ kind: 'error', message: `unreadable answer from the JVM: ${line.slice(0, 200)}` });
      return;
    }
    if (parsed.id !== this.pending.id) return;
    this.finish({ kind: 'answer', answer: parsed });
  }

  private onDeath(child: ChildProcessWithoutNullStreams, outcome: Outcome): void {
    if (this.child !== child) return;
    this.child = null;
    this.finish(outcome);
  }

  private finish(o: Outcome): void {
    const p = this.pending;
    this.pending = null;
    p?.settle(o);
  }

  private send(body: Record<string, unknown>, timeoutMs: number): Promise<Outcome> {
    const starting = !this.child;
    if (starting) {
      const err = this.start();
      if (err) return Promise.resolve({ kind: 'error', message: err });
    }
    const child = this.child!;
    const id = this.nextId++;
    return new Promise<Outcome>((resolve) => {
      // deadline(), not setTimeout: an answer that came in time is read before the request is judged a hang
      const timer = deadline(timeoutMs + (starting ? JVM_START_ALLOWANCE_MS : 0), () => {
        if (this.pending?.id !== id) return;
        // No answer: kill this JVM; the next request starts a fresh one.
        this.pending = null;
        this.child = null;
        child.kill('SIGKILL');
        resolve({ kind: 'hang' });
      });
      this.pending = { id, settle: (o) => { timer.cancel(); resolve(o); } };
      child.stdin.write(`${JSON.stringify({ ...body, id })}\n`);
    });
  }

  async close(): Promise<void> {
    await this.chain;
    const child = this.child;
    this.child = null;
    if (!child) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => { child.kill('SIGKILL'); resolve(); }, 2000);
      child.once('exit', () => { clearTimeout(timer); resolve(); });
      child.stdin.end(); // the JVM's loop ends at end of input
    });
  }
}

/** The one JVM; exported for the adapter test (its sleep and halt requests). */
export const bouncycastleJvm = new BcProcess();
const jvm = bouncycastleJvm;

const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');

function toVerdict(o: Outcome): ConsumeVerdict {
  switch (o.kind) {
    case 'hang': return { verdict: 'hang' };
    case 'crash': return { verdict: 'crash', signal: o.signal };
    case 'error': return { verdict: 'error', error: o.message };
    case 'answer': {
      const a = o.answer;
      switch (a.status) {
        case 'accept': return { verdict: 'accept', content: a.content === null ? null : new Uint8Array(Buffer.from(a.content, 'base64')) };
        case 'reject': return { verdict: 'reject', error: a.message };
        case 'unsupported': return { verdict: 'unsupported', reason: a.message };
        case 'crash': return { verdict: 'crash', signal: a.message };
        default: return { verdict: 'error', error: a.message };
      }
    }
  }
}

function layerRequest(r: ConsumeRequest, l: LayerInput): Record<string, unknown> | null {
  const i = r.sample.inputs;
  const p = (rel: string) => join(r.dir, rel);
  const verification = { trust: trustAnchorPaths(r), certs: (i.signerCerts ?? []).map(p), time: r.manifest.validationTime };
  const cms = b64(l.cms);
  switch (l.step) {
    case 'verify': return { op: 'verify', cms, content: l.detached ? b64(l.detached) : null, ...verification };
    case 'verify-receipt': return null; // see consumes()
    case 'decrypt':
      return {
        op: 'decrypt', cms,
        recipientCert: i.recipient ? p(i.recipient.cert) : null,
        recipientKey: i.recipient ? p(i.recipient.key) : null,
        kekId: i.kek?.keyId ? b64(Buffer.from(i.kek.keyId, 'hex')) : null,
        kek: i.kek?.keyId ? b64(Buffer.from(i.kek.key, 'hex')) : null,
        password: i.password ?? null,
      };
    case 'encrypted-data': return i.kek ? { op: 'encrypted-data', cms, kek: b64(Buffer.from(i.kek.key, 'hex')) } : null;
    case 'data': case 'digest': case 'uncompress': case 'certs': return { op: l.step, cms };
  }
}

function produceRequest(r: ProduceRequest): Record<string, unknown> {
  const cert = (id: string) => join(r.keysDir, `${id}.cert.pem`);
  const key = (id: string) => join(r.keysDir, `${id}.key.pem`);
  const signer = r.feature === 'signed-data/ecdsa' ? 'alice-p256' : r.feature === 'signed-data/ml-dsa' ? 'pq/alice-ml-dsa-65' : r.signer;
  const recipient = r.feature === 'enveloped-data/kari' ? 'bob-p256' : r.feature === 'enveloped-data/kemri' ? 'pq/bob-ml-kem-768' : r.recipient;
  return {
    op: 'produce', feature: r.feature, content: b64(r.content),
    signerCert: cert(signer), signerKey: key(signer), recipientCert: cert(recipient),
    kekId: b64(r.kek.keyId), kek: b64(r.kek.key), password: r.password,
  };
}

export interface BouncyCastleAdapterOptions {
  /** true (default): one JVM serves every request until close(). false: one JVM per message. */
  readonly persistent?: boolean;
  /** Called with the process id of every JVM the instance starts. */
  readonly onSpawn?: (pid: number) => void;
}

/** Runs `work` on the JVM of this instance: the shared one, or a fresh one ended afterwards. */
type WithJvm = <T>(work: (jvm: BcProcess) => Promise<T>) => Promise<T>;

function persistentJvm(shared: BcProcess): WithJvm {
  return (work) => work(shared);
}

function jvmPerMessage(onSpawn?: (pid: number) => void): WithJvm {
  return async (work) => {
    const fresh = new BcProcess(onSpawn);
    try {
      return await work(fresh);
    } finally {
      await fresh.close();
    }
  };
}

/** A Bouncy Castle adapter instance; see BouncyCastleAdapterOptions. */
export function createBouncyCastleAdapter(options: BouncyCastleAdapterOptions = {}): Adapter {
  if (options.persistent === false) return makeAdapter(jvmPerMessage(options.onSpawn), async () => undefined);
  const own = new BcProcess(options.onSpawn);
  return makeAdapter(persistentJvm(own), () => own.close());
}

/** One generation of Bouncy Castle: its name, JVM and what it is known not to support. */
export interface BcGeneration {
  readonly name: string;
  readonly runtime: JavaRuntime;
  readonly unsupported: Readonly<Record<string, string>>;
  readonly noAlgorithm: Partial<Record<Algorithm, string>>;
  /** Features beyond the 1.72 set this generation produces (the post-quantum ones). */
  readonly extraProduces?: readonly ProduceFeature[];
}

const HOST_BC: BcGeneration = { name: 'bouncycastle', runtime: HOST_JAVA, unsupported: BC_UNSUPPORTED, noAlgorithm: BC_NO_ALGORITHM };

/** A persistent adapter for another generation (./bouncycastle-sid.ts). */
export function createBcGenerationAdapter(g: BcGeneration): Adapter {
  const own = new BcProcess(undefined, g.runtime);
  return makeAdapter(persistentJvm(own), () => own.close(), g);
}

function makeAdapter(withJvm: WithJvm, closeJvm: () => Promise<void>, g: BcGeneration = HOST_BC): Adapter {
  const BC_UNSUPPORTED = g.unsupported;
  const BC_NO_ALGORITHM = g.noAlgorithm;
  return {
    name: g.name,
    lineage: 'bouncycastle',
    async probe() {
      const [javaCmd, javaArgs] = g.runtime.command('java', ['-version']);
      const java = runProgram(javaCmd, javaArgs);
      if (java.kind !== 'exit' || java.code !== 0) return { installed: false, reason: 'java not on PATH (apt-get install default-jdk-headless)' };
      const o = await withJvm((jvm) => jvm.request({ op: 'version' }, 60_000));
      if (o.kind === 'answer' && o.answer.status === 'accept' && o.answer.version) return { installed: true, version: o.answer.version };
      const v = toVerdict(o);
      return { installed: false, reason: v.verdict === 'error' ? v.error : `version request: ${v.verdict}` };
    },
    consumes(s: Sample): Support {
      const reason = BC_UNSUPPORTED[s.id] ?? (s.base ? BC_UNSUPPORTED[s.base] : undefined)
        ?? s.algorithms.map((a) => BC_NO_ALGORITHM[a]).find(Boolean) ?? mimeOnlyDefect(s, 'Bouncy Castle (without bcjmail)')
        ?? (s.inputs.layers?.includes('verify-receipt') ? 'Bouncy Castle has no ESS signed receipt validation (RFC 2634 2.8: receipt against its original, msgSigDigest)' : undefined);
      return reason ? { supported: false, reason } : { supported: true };
    },
    async consume(r) {
      return withJvm((jvm) => openLayers(r, async (l) => {
        const body = layerRequest(r, l);
        if (!body) return { verdict: 'unsupported', reason: `no Bouncy Castle operation for ${l.step} with these inputs` };
        return toVerdict(await jvm.request(body, consumeTimeoutMs(r.sample)));
      }));
    },
    produces: [...(['signed-data/attached', 'signed-data/detached', 'signed-data/ecdsa', 'enveloped-data/ktri', 'enveloped-data/kari',
      'enveloped-data/kekri', 'enveloped-data/pwri', 'auth-enveloped-data/gcm', 'digested-data', 'encrypted-data', 'compressed-data',
      'authenticated-data'] satisfies ProduceFeature[]), ...(g.extraProduces ?? [])],
    async produce(r): Promise<ProduceResult> {
      const v = toVerdict(await withJvm((jvm) => jvm.request(produceRequest(r))));
      switch (v.verdict) {
        case 'accept': return v.content ? { ok: true, bytes: v.content, format: 'der' } : { ok: false, verdict: 'error', reason: 'no bytes produced' };
        case 'reject': return { ok: false, verdict: 'error', reason: v.error };
        case 'unsupported': return { ok: false, verdict: 'unsupported', reason: v.reason };
        case 'error': return { ok: false, verdict: 'error', reason: v.error };
        case 'crash': return { ok: false, verdict: 'crash', reason: v.signal };
        case 'hang': return { ok: false, verdict: 'hang', reason: `no answer from the JVM in ${REQUEST_TIMEOUT_MS} ms` };
      }
    },
    async close() {
      await closeJvm();
    },
  };
}

/** The persistent adapter, on the one JVM above. */
export const bouncycastleAdapter: Adapter = makeAdapter(persistentJvm(jvm), () => jvm.close());
