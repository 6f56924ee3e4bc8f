/**
 * The OpenSSL 3 consumer: `openssl cms` verifies, decrypts, digest-verifies, uncompresses or
 * reads each sample with the inputs the manifest names, layer by layer for nested S/MIME. OpenSSL's
 * own exit status and error text decide accept or reject; the recovered content is returned for a
 * byte comparison by the caller.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Layer, Manifest, Sample } from '../core/manifest.ts';
import { consumeTimeoutMs } from './budget.ts';
import { runProgram, withTempDir, type ProcessOutcome, type RunOptions } from './run.ts';
import type { ConsumeVerdict } from './verdict.ts';

/** How `openssl` is run: the host's, or another generation's (adapters/stacks/openssl-sid.ts). */
export type OpensslRunner = (args: readonly string[], options?: RunOptions) => ProcessOutcome;
export const hostOpenssl: OpensslRunner = (args, options) => runProgram('openssl', args, options);

export function opensslVersion(run: OpensslRunner = hostOpenssl): string | null {
  const r = run(['version']);
  return r.kind === 'exit' && r.code === 0 ? r.stdout.toString().trim() : null;
}

const epochSeconds = (iso: string): string => String(Math.floor(Date.parse(iso) / 1000));

type Step = Layer | 'data' | 'digest' | 'uncompress' | 'encrypted-data' | 'certs';

/** The operations that open a sample: the manifest's layers, or the one its content type implies. */
function stepsFor(s: Sample): Step[] {
  if (s.inputs.layers) return [...s.inputs.layers];
  if (s.features.includes('certs-only')) return ['certs'];
  switch (s.contentType) {
    case 'data': return ['data'];
    case 'digestedData': return ['digest'];
    case 'compressedData': return ['uncompress'];
    case 'encryptedData': return ['encrypted-data'];
    case 'signedData': return ['verify'];
    default: return ['decrypt'];
  }
}

interface StepContext {
  readonly manifest: Manifest;
  readonly dir: string;
  readonly sample: Sample;
  readonly input: string;
  readonly inform: 'DER' | 'SMIME';
  readonly out: string;
  /** One PEM file with every trust anchor (see trustBundle). */
  readonly trustFile: string;
  /** Keep OpenSSL's random-key defence (ConsumeRequest.decryptAsDeployed). */
  readonly asDeployed: boolean;
}

/** `openssl cms` keeps only the last -CAfile, so several trust anchors go into one bundle file. */
function trustBundle(manifest: Manifest, dir: string, tmp: string): string {
  const files = manifest.trustAnchors.map((t) => join(dir, t));
  if (files.length === 1) return files[0] as string;
  const bundle = join(tmp, 'trust-anchors.pem');
  writeFileSync(bundle, files.map((f) => readFileSync(f, 'utf8')).join(''));
  return bundle;
}

function stepArgs(step: Step, c: StepContext): string[] | null {
  const p = (rel: string) => join(c.dir, rel);
  const i = c.sample.inputs;
  // -binary keeps DER content byte-exact. For S/MIME input it is left off: with -binary OpenSSL 3.0
  // strips only the LF before a multipart boundary and digests the CR of the CRLF that RFC 2046
  // 5.1.1 assigns to the boundary, so canonical multipart/signed would fail. Our MIME text is
  // already canonical, so OpenSSL's canonicalization changes nothing.
  const io = ['-inform', c.inform, '-in', c.input, '-out', c.out, ...(c.inform === 'DER' ? ['-binary'] : [])];
  const trust = ['-CAfile', c.trustFile, '-attime', epochSeconds(c.manifest.validationTime), '-purpose', 'any'];
  const legacy = c.sample.algorithms.includes('rc2-cbc') ? ['-provider', 'default', '-provider', 'legacy'] : [];
  switch (step) {
    case 'data': return ['cms', '-data_out', ...io];
    case 'digest': return ['cms', '-digest_verify', ...io];
    case 'uncompress': return ['cms', '-uncompress', ...io];
    case 'encrypted-data': return i.kek ? ['cms', '-EncryptedData_decrypt', '-secretkey', i.kek.key, ...io, ...legacy] : null;
    case 'certs': return ['cms', '-cmsout', '-print', '-noout', '-inform', c.inform, '-in', c.input];
    case 'verify': {
      const detached = i.detached && i.content ? ['-content', p(i.content)] : [];
      return ['cms', '-verify', ...io, ...detached, ...trust];
    }
    case 'verify-receipt': {
      const original = c.manifest.samples.find((s) => s.id === i.receiptFor);
      if (!original) return null;
      return ['cms', '-verify_receipt', c.input, '-rctform', c.inform, '-in', p(original.file), '-inform', 'DER', ...trust];
    }
    case 'decrypt': {
      // -debug_decrypt turns off OpenSSL's defence against the million-message attack: without it a
      // failed key unwrap goes on with a random content-encryption key, and the content then fails
      // its padding check about 255 times in 256 but "decrypts" to garbage otherwise, so one sample
      // got a different outcome from run to run (accept with wrong content, seen in CI). Interop
      // verdicts want the answer that holds in every run: the unwrap failed. No valid sample
      // depends on the defence; the oracle table, which is about it, keeps it (asDeployed).
      const base = ['cms', '-decrypt', ...(c.asDeployed ? [] : ['-debug_decrypt']), ...io, ...legacy];
      if (i.recipient) return [...base, '-recip', p(i.recipient.cert), '-inkey', p(i.recipient.key)];
      if (i.kek?.keyId) return [...base, '-secretkey', i.kek.key, '-secretkeyid', i.kek.keyId];
      if (i.password) return [...base, '-pwri_password', i.password];
      return null;
    }
  }
}

const lastLine = (stderr: string): string => stderr.trim().split('\n').filter(Boolean).slice(-1)[0] ?? 'no error text';

function failure(r: Exclude<ProcessOutcome, { kind: 'exit' }>): ConsumeVerdict {
  if (r.kind === 'timeout') return { verdict: 'hang' };
  if (r.kind === 'signal') return { verdict: 'crash', signal: r.signal };
  return { verdict: 'error', error: r.message };
}

/** Opens a sample with `openssl cms`; `bytes` replaces the sample's file (a produced message). */
export function opensslConsume(manifest: Manifest, manifestDir: string, s: Sample, bytes?: Uint8Array, run: OpensslRunner = hostOpenssl,
  { asDeployed = false }: { readonly asDeployed?: boolean } = {}): ConsumeVerdict {
  return withTempDir('openssl', (tmp) => {
    let input = join(manifestDir, s.file);
    if (bytes) {
      input = join(tmp, s.format === 'smime' ? 'input.eml' : 'input.der');
      writeFileSync(input, bytes);
    }
    let inform: 'DER' | 'SMIME' = s.format === 'smime' ? 'SMIME' : 'DER';
    let content: Uint8Array | null = null;
    const steps = stepsFor(s);
    const said: string[] = [];
    const trustFile = trustBundle(manifest, manifestDir, tmp);
    for (const [n, step] of steps.entries()) {
      // A receipt is verified as a signed message first (recovering the Receipt), then against its original.
      const subs = step === 'verify-receipt' ? (['verify', 'verify-receipt'] as const) : [step];
      for (const sub of subs) {
        const out = join(tmp, `layer-${n}-${sub}.out`);
        const args = stepArgs(sub, { manifest, dir: manifestDir, sample: s, input, inform, out, trustFile, asDeployed });
        if (!args) return { verdict: 'unsupported', reason: `no openssl operation for ${sub} with these inputs` };
        const r = run(args, { timeoutMs: consumeTimeoutMs(s) });
        if (r.kind !== 'exit') return failure(r);
        if (r.code !== 0) return { verdict: 'reject', error: `${sub}: ${lastLine(r.stderr)}` };
        if (r.stderr.trim()) said.push(`${sub}: ${lastLine(r.stderr)}`);
        if (sub !== 'verify-receipt' && sub !== 'certs') content = new Uint8Array(readFileSync(out));
        if (sub === 'verify' && step === 'verify-receipt') continue;
        input = out;
      }
      // Inner layers of S/MIME are MIME entities (RFC 8551 3.1).
      inform = 'SMIME';
    }
    return { verdict: 'accept', content, ...(said.length ? { output: said.join(' | ') } : {}) };
  });
}
