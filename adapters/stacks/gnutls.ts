/**
 * GnuTLS (`certtool` from gnutls-bin) as an adapter. certtool handles PKCS #7 / CMS SignedData
 * only: it verifies (--p7-verify), reads certs-only messages (--p7-info) and signs (--p7-sign,
 * --p7-detached-sign). Every other content type is unsupported. certtool's own S/MIME conversion
 * (--smime-to-p7) just base64-decodes the body after the first blank line (a multipart/signed
 * message comes out as garbage), so S/MIME entities are unwrapped with our reader (layers.ts) and
 * each CMS layer is handed to certtool.
 *
 * Verdicts come from the "Signature status:" lines on stderr, one per SignerInfo, not from the exit
 * code: certtool sets it from the last SignerInfo only, so a bad first signature followed by a good
 * second one exits 0. A message with no SignerInfo exits 1 without a word.
 *
 * Trust: the manifest's anchors go into one bundle for --load-ca-certificate. GnuTLS looks for the
 * signer's certificate only in the message; when a sample's message carries none (its features
 * lack certificates-included) and names one signer certificate, the adapter checks that
 * certificate's chain with `certtool --verify` and then the signature with --load-certificate
 * (gnutls_pkcs7_verify_direct). GnuTLS reports every failure to find a trusted signer (unknown
 * issuer, expired certificate, a SHA-1 certificate signature, which its default policy calls
 * broken) as "Public key signature verification has failed", the same words as a bad signature; on
 * that error the adapter runs certtool once more with --verify-allow-broken and says so in the
 * verdict when the message passes that way. The verdict stays a rejection: it is GnuTLS's default.
 *
 * Validation time: certtool has no option for it; GnuTLS validates the signer's chain at the
 * current time, so the manifest's validationTime cannot be applied (the cast's certificates are
 * valid until 2099, RFC 4134's until 2039). No key purpose is required (no --verify-purpose).
 * Lineage: gnutls.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Sample } from '../../core/manifest.ts';
import type { Adapter, ConsumeRequest, ProduceFeature, ProduceRequest, ProduceResult, Support } from '../adapter.ts';
import { makeTempDir, runProgram, type ProcessOutcome, type ProgramRunner } from '../run.ts';
import type { ConsumeVerdict } from '../verdict.ts';
import { openLayers, stepsFor, trustAnchorPaths, type LayerInput, mimeOnlyDefect } from './layers.ts';
import { pqUnsupported } from './pq-unsupported.ts';

export function certtoolVersion(run: ProgramRunner): string | null {
  const r = run('certtool', ['--version']);
  if (r.kind !== 'exit' || r.code !== 0) return null;
  const m = /certtool (\d+\.\d+\.\d+)/.exec(r.stdout.toString());
  return m ? `GnuTLS ${m[1]}` : null;
}

/** Why certtool cannot process a sample at all, or null; every reason was measured. */
export function gnutlsUnsupported(s: Sample): string | null {
  const a = new Set<string>(s.algorithms);
  if (s.inputs.layers?.includes('verify-receipt')) return 'certtool verifies the receipt signature but has no receipt validation against the original (RFC 2634 2.8)';
  for (const step of stepsFor(s)) {
    if (step === 'decrypt') return 'certtool cannot decrypt: it processes PKCS #7 SignedData only (--p7-verify, --p7-info)';
    if (step !== 'verify' && step !== 'certs') return `certtool processes PKCS #7 SignedData only (--p7-verify, --p7-info), not ${s.contentType}`;
  }
  if (a.has('ed448') || a.has('shake256')) return 'GnuTLS 3.7 cannot hash with id-shake256 in PKCS #7 (Ed448, RFC 8419 3.1): "The request is invalid"';
  if (!s.features.includes('certificates-included') && (s.inputs.signerCerts?.length ?? 0) > 1) {
    return 'the signers\' certificates are not in the message, and certtool takes only one outside certificate (--load-certificate)';
  }
  return null;
}

const NOISE = /^(Loaded CAs \(\d+ available\))?$/;
const stderrLines = (stderr: string): string[] => stderr.split('\n').map((l) => l.trim()).filter((l) => !NOISE.test(l));

function notExit(r: Exclude<ProcessOutcome, { kind: 'exit' }>): ConsumeVerdict {
  if (r.kind === 'timeout') return { verdict: 'hang' };
  if (r.kind === 'signal') return { verdict: 'crash', signal: r.signal };
  return { verdict: 'error', error: r.message };
}

const SIG_FAILED = 'Public key signature verification has failed';

interface VerifyRun {
  readonly outcome: ProcessOutcome;
  /** One entry per SignerInfo, in order: "ok" or the failure text. */
  readonly statuses: string[];
}

function p7verify(run: ProgramRunner, args: readonly string[]): VerifyRun {
  const outcome = run('certtool', args);
  const statuses = outcome.kind === 'exit'
    ? [...outcome.stderr.matchAll(/Signature status: (?:verification failed: )?(.*)/g)].map((m) => (m[1] ?? '').trim())
    : [];
  return { outcome, statuses };
}

interface Context {
  readonly run: ProgramRunner;
  readonly tmp: string;
  readonly bundle: string;
  /** The one signer certificate to use when the message carries none (see the file comment). */
  readonly signerCert: string | null;
}

function verifyLayer(c: Context, layer: LayerInput, input: string): ConsumeVerdict {
  const out = join(c.tmp, `layer-${layer.index}.out`);
  if (c.signerCert) {
    // The chain of the outside certificate first: --load-certificate alone trusts it blindly.
    const chain = c.run('certtool', ['--verify', '--infile', c.signerCert, '--load-ca-certificate', c.bundle]);
    if (chain.kind !== 'exit') return notExit(chain);
    if (chain.code !== 0) {
      const why = /Chain verification output: (.*)/.exec(chain.stdout.toString())?.[1] ?? stderrLines(chain.stderr).join('; ');
      return { verdict: 'reject', error: `signer certificate: ${why}` };
    }
  }
  const args = ['--p7-verify', '--inder', '--infile', input, '--p7-show-data', '--outfile', out,
    ...(c.signerCert ? ['--load-certificate', c.signerCert] : ['--load-ca-certificate', c.bundle])];
  if (layer.detached) {
    const data = join(c.tmp, `layer-${layer.index}.detached`);
    writeFileSync(data, layer.detached);
    args.push('--load-data', data);
  }
  const run = p7verify(c.run, args);
  if (run.outcome.kind !== 'exit') return notExit(run.outcome);
  const failed = run.statuses.map((s, n) => ({ n, s })).filter((x) => x.s !== 'ok');
  if (run.statuses.length === 0) {
    const text = stderrLines(run.outcome.stderr).join('; ');
    const error = text || 'certtool found no SignerInfo to verify';
    return unknownSignatureAlgorithm(c, args, layer.cms, error) ?? { verdict: 'reject', error };
  }
  if (failed.length > 0) {
    let error = failed.map((x) => `signer ${x.n}: ${x.s}`).join('; ');
    if (failed.some((x) => x.s.startsWith(SIG_FAILED))) {
      // The same words cover a bad signature and an untrusted signer: ask once more under a
      // policy that allows what GnuTLS calls broken, and report what changes.
      const again = p7verify(c.run, [...args, '--verify-allow-broken']);
      if (again.outcome.kind === 'exit' && again.statuses.join('|') !== run.statuses.join('|')) {
        error += ` (with --verify-allow-broken, which admits e.g. SHA-1 certificate signatures: ${again.statuses.map((x, n) => `signer ${n}: ${x}`).join('; ')})`;
      }
    }
    return { verdict: 'reject', error };
  }
  if (run.outcome.code !== 0) return { verdict: 'error', error: `certtool exited ${run.outcome.code} after good signatures: ${stderrLines(run.outcome.stderr).join('; ')}` };
  try {
    return { verdict: 'accept', content: new Uint8Array(readFileSync(out)), output: run.statuses.map((x, n) => `signer ${n}: ${x}`).join('; ') };
  } catch (e) {
    return { verdict: 'error', error: `certtool wrote no content: ${(e as Error).message}` };
  }
}

/**
 * certtool prints no status at all when gnutls_pkcs7_get_signature_info fails, as it does on a
 * signature OID GnuTLS does not know; its debug log (-d 2) names it ("Unknown SIGN OID: '...'").
 * Asked only after such a silent failure; a post-quantum OID there makes the verdict unsupported.
 */
function unknownSignatureAlgorithm(c: Context, args: readonly string[], cms: Uint8Array, error: string): ConsumeVerdict | null {
  const again = c.run('certtool', [...args, '-d', '2']);
  if (again.kind !== 'exit') return null;
  const oid = /Unknown SIGN OID: '([0-9.]+)'/.exec(again.stderr.toString())?.[1];
  return oid ? pqUnsupported('GnuTLS certtool', `${error} (its debug log: "Unknown SIGN OID: '${oid}'")`, cms, oid) : null;
}

function openLayer(c: Context, layer: LayerInput): ConsumeVerdict {
  const input = join(c.tmp, `layer-${layer.index}.cms`);
  writeFileSync(input, layer.cms);
  if (layer.step === 'certs') {
    const r = c.run('certtool', ['--p7-info', '--inder', '--infile', input]);
    if (r.kind !== 'exit') return notExit(r);
    return r.code === 0 ? { verdict: 'accept', content: null } : { verdict: 'reject', error: stderrLines(r.stderr).join('; ') || `exit ${r.code}` };
  }
  if (layer.step === 'verify') return verifyLayer(c, layer, input);
  return { verdict: 'unsupported', reason: `certtool has no operation for ${layer.step}` };
}

async function consume(run: ProgramRunner, unsupported: (s: Sample) => string | null, r: ConsumeRequest): Promise<ConsumeVerdict> {
  const why = unsupported(r.sample);
  if (why) return { verdict: 'unsupported', reason: why };
  // Not withTempDir: the layers are opened asynchronously, and the directory must outlive them all.
  const scratch = makeTempDir('gnutls');
  const tmp = scratch.dir;
  try {
    const bundle = join(tmp, 'trust-anchors.pem');
    writeFileSync(bundle, trustAnchorPaths(r).map((p) => readFileSync(p, 'utf8')).join('\n'));
    const s = r.sample;
    const outside = !s.features.includes('certificates-included') && s.inputs.signerCerts?.length === 1 ? join(r.dir, s.inputs.signerCerts[0] as string) : null;
    const c: Context = { run, tmp, bundle, signerCert: outside };
    return await openLayers(r, async (layer) => openLayer(c, layer));
  } finally {
    scratch.remove();
  }
}

const PRODUCES = ['signed-data/attached', 'signed-data/detached', 'signed-data/ecdsa'] as const satisfies readonly ProduceFeature[];

function produceWith(run: ProgramRunner, r: ProduceRequest): ProduceResult {
  const signer = r.feature === 'signed-data/ecdsa' ? 'alice-p256' : r.signer;
  const input = join(r.workDir, 'content.bin');
  const out = join(r.workDir, 'out.der');
  writeFileSync(input, r.content);
  const p = run('certtool', [r.feature === 'signed-data/detached' ? '--p7-detached-sign' : '--p7-sign',
    '--load-privkey', join(r.keysDir, `${signer}.key.pem`), '--load-certificate', join(r.keysDir, `${signer}.cert.pem`),
    '--hash', 'SHA256', '--p7-time', '--infile', input, '--outder', '--outfile', out]);
  if (p.kind === 'timeout') return { ok: false, verdict: 'hang', reason: 'certtool timed out' };
  if (p.kind === 'signal') return { ok: false, verdict: 'crash', reason: `certtool died: ${p.signal}` };
  if (p.kind === 'spawn-error') return { ok: false, verdict: 'error', reason: p.message };
  if (p.code !== 0) return { ok: false, verdict: 'error', reason: stderrLines(p.stderr).join('; ') || `exit ${p.code}` };
  return { ok: true, bytes: new Uint8Array(readFileSync(out)), format: 'der' };
}

/** What differs between the host's GnuTLS and another generation of it. */
export interface GnutlsGeneration {
  readonly name: string;
  readonly run: ProgramRunner;
  readonly missing: string;
  /** Why this generation's certtool cannot process a sample at all, or null. */
  readonly unsupported: (s: Sample) => string | null;
}

/** A GnuTLS certtool adapter; lineage gnutls whatever the generation. */
export function makeGnutlsAdapter(g: GnutlsGeneration): Adapter {
  return {
    name: g.name,
    lineage: 'gnutls',
    async probe() {
      const v = certtoolVersion(g.run);
      return v ? { installed: true, version: v } : { installed: false, reason: g.missing };
    },
    consumes(s: Sample): Support {
      const reason = mimeOnlyDefect(s, 'GnuTLS certtool') ?? g.unsupported(s);
      return reason ? { supported: false, reason } : { supported: true };
    },
    consume: (r) => consume(g.run, g.unsupported, r),
    produces: PRODUCES,
    async produce(r): Promise<ProduceResult> {
      if (!(PRODUCES as readonly string[]).includes(r.feature)) return { ok: false, verdict: 'unsupported', reason: `certtool signs PKCS #7 SignedData only, not ${r.feature}` };
      return produceWith(g.run, r);
    },
    async close() {},
  };
}

export const gnutlsAdapter: Adapter = makeGnutlsAdapter({
  name: 'gnutls',
  run: runProgram,
  missing: 'certtool (gnutls-bin) not on PATH',
  unsupported: gnutlsUnsupported,
});
