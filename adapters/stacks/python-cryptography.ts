/**
 * pyca/cryptography's pkcs7 module (the `python3` on PATH; cryptography 48, on OpenSSL, so lineage
 * openssl) as an adapter. It decrypts EnvelopedData for an RSA PKCS#1 v1.5 key-transport recipient
 * with AES-128-CBC or AES-256-CBC content (DER, or an S/MIME entity through its own
 * pkcs7_decrypt_smime), reads certs-only messages, and produces signed (RSA, ECDSA) and enveloped
 * messages. It cannot verify: the module has no verify API. One Python process serves the whole
 * run (adapters/stacks/python/pkcs7_server.py, JSON lines); its death is a crash, no answer a hang.
 * createPythonCryptographyAdapter({ persistent: false }) makes an instance that starts a fresh
 * process for every message and ends it after the answer (bench/interop.ts compares the two).
 */
import { join } from 'node:path';
import type { Sample } from '../../core/manifest.ts';
import type { Adapter, ProduceFeature, ProduceResult, Support } from '../adapter.ts';
import type { ConsumeVerdict } from '../verdict.ts';
import { JsonLineWorker, type WorkerReply } from './json-worker.ts';
import { repoPath } from '../../core/paths.ts';

const SERVER = repoPath('adapters', 'stacks', 'python', 'pkcs7_server.py');

const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');
const unb64 = (s: unknown): Uint8Array => new Uint8Array(Buffer.from(String(s), 'base64'));

const CONTENT_CIPHERS = ['aes-128-cbc', 'aes-256-cbc'] as const;

function unsupported(s: Sample): string | null {
  if (s.inputs.layers && (s.inputs.layers.length !== 1 || s.inputs.layers[0] !== 'decrypt')) {
    return 'python-cryptography cannot verify, so it cannot open signed layers';
  }
  if (s.contentType === 'signedData') {
    if (!s.features.includes('certs-only')) return 'python-cryptography\'s pkcs7 module has no verify API';
    if (s.format === 'smime') return 'python-cryptography reads certs-only messages only as DER or PEM, not S/MIME';
    return null;
  }
  if (s.contentType !== 'envelopedData') return `python-cryptography's pkcs7 module does not process ${s.contentType}`;
  if (s.format === 'ber') return 'pkcs7_decrypt_der reads DER only (a BER indefinite length fails with InvalidLength)';
  const a = new Set<string>(s.algorithms);
  if (!s.inputs.recipient || !a.has('rsaes-pkcs1v15')) {
    return a.has('rsaes-oaep')
      ? 'python-cryptography decrypts only RSA PKCS#1 v1.5 key transport, not OAEP'
      : 'python-cryptography decrypts only for RSA key-transport recipients (no kari, kekri, pwri)';
  }
  if (!CONTENT_CIPHERS.some((c) => a.has(c))) return 'python-cryptography decrypts only AES-128-CBC and AES-256-CBC content';
  return null;
}

function verdictOf(r: WorkerReply): ConsumeVerdict | Record<string, unknown> {
  switch (r.kind) {
    case 'timeout': return { verdict: 'hang' };
    case 'died': return { verdict: 'crash', signal: `${r.how}${r.stderr ? `: ${r.stderr.split('\n').slice(-1)[0]}` : ''}` };
    case 'spawn-error': return { verdict: 'error', error: `python3: ${r.message}` };
    case 'answer': {
      if (r.body.ok === true) return r.body;
      const error = String(r.body.error ?? 'no error text');
      if (r.body.kind === 'reject') return { verdict: 'reject', error };
      if (r.body.kind === 'unsupported') return { verdict: 'unsupported', reason: error };
      return { verdict: 'error', error };
    }
  }
}

const isVerdict = (v: ConsumeVerdict | Record<string, unknown>): v is ConsumeVerdict => typeof v.verdict === 'string';

export interface PythonCryptographyAdapterOptions {
  /** true (default): one Python process serves every request until close(). false: one per message. */
  readonly persistent?: boolean;
  /** Called with the process id of every Python process the instance starts. */
  readonly onSpawn?: (pid: number) => void;
}

/** A python-cryptography adapter instance; see PythonCryptographyAdapterOptions. */
export function createPythonCryptographyAdapter(options: PythonCryptographyAdapterOptions = {}): Adapter {
  const persistent = options.persistent !== false;
  const shared = persistent ? new JsonLineWorker('python3', [SERVER], options.onSpawn) : null;
  /** One request: on the shared process, or on a fresh one that is ended after its answer. */
  const ask = async (body: Record<string, unknown>): Promise<WorkerReply> => {
    if (shared) return shared.request(body);
    const fresh = new JsonLineWorker('python3', [SERVER], options.onSpawn);
    try {
      return await fresh.request(body);
    } finally {
      await fresh.stop();
    }
  };
  return {
    name: 'python-cryptography',
    lineage: 'openssl',
    async probe() {
      const v = verdictOf(await ask({ op: 'version' }));
      if (isVerdict(v)) return { installed: false, reason: `python3 with cryptography: ${v.verdict === 'error' || v.verdict === 'reject' ? v.error : v.verdict}` };
      return { installed: true, version: `cryptography ${String(v.cryptography)} (Python ${String(v.python)}, ${String(v.openssl)})` };
    },
    consumes(s: Sample): Support {
      const reason = unsupported(s);
      return reason ? { supported: false, reason } : { supported: true };
    },
    async consume(r) {
      const reason = unsupported(r.sample);
      if (reason) return { verdict: 'unsupported', reason };
      if (r.sample.contentType === 'signedData') {
        const v = verdictOf(await ask({ op: 'certs', message: b64(r.bytes) }));
        return isVerdict(v) ? v : { verdict: 'accept', content: null };
      }
      const rcpt = r.sample.inputs.recipient!;
      const v = verdictOf(await ask({
        op: 'decrypt', message: b64(r.bytes), smime: r.sample.format === 'smime', cert: join(r.dir, rcpt.cert), key: join(r.dir, rcpt.key),
      }));
      return isVerdict(v) ? v : { verdict: 'accept', content: unb64(v.content) };
    },
    produces: ['signed-data/attached', 'signed-data/detached', 'signed-data/ecdsa', 'enveloped-data/ktri'] satisfies ProduceFeature[],
    async produce(r): Promise<ProduceResult> {
      const cert = (id: string) => join(r.keysDir, `${id}.cert.pem`);
      const key = (id: string) => join(r.keysDir, `${id}.key.pem`);
      let request: Record<string, unknown>;
      switch (r.feature) {
        case 'signed-data/attached':
        case 'signed-data/detached':
          request = { op: 'sign', cert: cert(r.signer), key: key(r.signer), detached: r.feature === 'signed-data/detached' };
          break;
        case 'signed-data/ecdsa':
          request = { op: 'sign', cert: cert('alice-p256'), key: key('alice-p256'), detached: false };
          break;
        case 'enveloped-data/ktri':
          request = { op: 'encrypt', cert: cert(r.recipient), cipher: 'aes-256-cbc' };
          break;
        default:
          return { ok: false, verdict: 'unsupported', reason: `python-cryptography adapter does not produce ${r.feature}` };
      }
      const v = verdictOf(await ask({ ...request, content: b64(r.content) }));
      if (!isVerdict(v)) return { ok: true, bytes: unb64(v.der), format: 'der' };
      switch (v.verdict) {
        case 'hang': return { ok: false, verdict: 'hang', reason: 'python3 did not answer in time' };
        case 'crash': return { ok: false, verdict: 'crash', reason: v.signal };
        case 'unsupported': return { ok: false, verdict: 'unsupported', reason: v.reason };
        case 'reject': case 'error': return { ok: false, verdict: 'error', reason: v.error };
        default: return { ok: false, verdict: 'error', reason: `unexpected answer ${v.verdict}` };
      }
    },
    async close() {
      await shared?.stop();
    },
  };
}

/** The persistent adapter: one Python process for the whole run. */
export const pythonCryptographyAdapter: Adapter = createPythonCryptographyAdapter();
