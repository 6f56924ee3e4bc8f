/**
 * GnuPG gpgsm (libksba, libgcrypt) as an adapter. It verifies SignedData (RSA PKCS#1 v1.5,
 * RSASSA-PSS, ECDSA, DSA with SHA-1), reads certs-only messages, decrypts EnvelopedData for an RSA
 * key-transport recipient (PKCS#1 v1.5) or an AES password recipient, and produces signed and
 * key-transport enveloped messages with RSA keys. A GnuPG home with its agent serves the whole
 * run, one for consuming and one for producing (gpgsm-home.ts). gpgsm reads no MIME: S/MIME
 * entities are unwrapped with our own reader (checkers/input.ts) and each CMS layer is handed to
 * gpgsm. Verdicts come from the --status-fd lines, because gpgsm's exit code lies both ways: 2
 * after a good decryption when other recipients' certificates are missing, 0 for a SignedData
 * whose SignerInfo it could not parse (subjectKeyIdentifier signer, RFC 4134 4.7) or whose
 * signature it skipped without a word (two message-digest attributes: NEWSIG, then nothing).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Sample } from '../../core/manifest.ts';
import { loadInput } from '../../checkers/input.ts';
import type { Adapter, ProduceFeature, ProduceRequest, ProduceResult, Support } from '../adapter.ts';
import { consumeTimeoutMs } from '../budget.ts';
import { withTempDir } from '../run.ts';
import type { ConsumeVerdict } from '../verdict.ts';
import { pqUnsupported } from './pq-unsupported.ts';
import { GpgsmHome, GpgsmKeyTypeUnsupported, GpgsmSetupError, HOST_GPGSM, describe, fingerprint, type GpgsmPrograms, type GpgsmRun } from './gpgsm-home.ts';

type Step = 'verify' | 'decrypt' | 'certs';

export function stepsFor(s: Sample): Step[] | string {
  // A defect in the MIME layer (RFC 8551 3: media types, parameters, canonical text) never reaches
  // gpgsm; accepting or rejecting it would be the verdict of the adapter's own MIME reader.
  if (s.format === 'smime' && s.expected !== 'valid' && s.requirements.some((r) => r.startsWith('rfc8551/3.'))) {
    return 'the defect is in the MIME layer (RFC 8551 3), which gpgsm does not read: the adapter unwraps MIME itself';
  }
  if (s.inputs.layers) {
    if (s.inputs.layers.includes('verify-receipt')) return 'gpgsm verifies the receipt signature but cannot check a Receipt against its original (RFC 2634 2.8)';
    return s.inputs.layers.map((l) => (l === 'verify' ? 'verify' : 'decrypt'));
  }
  if (s.contentType === 'signedData') return [s.features.includes('certs-only') ? 'certs' : 'verify'];
  if (s.contentType === 'envelopedData') return ['decrypt'];
  if (s.contentType === 'authEnvelopedData') return 'gpgsm 2.2 has no AuthEnvelopedData (AES-GCM arrived in 2.3)';
  return `gpgsm processes only SignedData and EnvelopedData, not ${s.contentType}`;
}

/** What gpgsm 2.2.40 cannot do, measured on the corpus; the reasons name the missing piece. */
export function unsupportedAlgorithm(s: Sample, steps: readonly Step[]): string | null {
  const a = new Set<string>(s.algorithms);
  if (steps.includes('verify')) {
    if (a.has('ed25519') || a.has('ed448')) return 'gpgsm 2.2 has no EdDSA in CMS (2.4 adds it)';
    if (a.has('dsa') && ['sha256', 'sha384', 'sha512'].some((h) => a.has(h))) return 'libksba 1.6 does not know the id-dsa-with-sha2 signature OIDs ("no signature value available")';
  }
  if (steps.includes('decrypt')) {
    if (a.has('rc2-cbc')) return 'gpgsm does not decrypt RC2';
    if (s.inputs.recipient && a.has('rsaes-pkcs1v15')) return null;
    if (s.inputs.password !== undefined && !a.has('3des-cbc')) return null;
    if (s.inputs.password !== undefined) return 'gpgsm PWRI accepts only 128-bit-block KEK ciphers (AES), not Triple-DES';
    if (a.has('rsaes-oaep')) return 'gpgsm 2.2 has no RSAES-OAEP key transport';
    if (s.inputs.recipient) return `gpgsm cannot import the ${s.inputs.recipient.id} key: PKCS#12 import crashes on EC keys, and it has no X25519/X448/X9.42 DH`;
    return 'gpgsm has no KEKRecipientInfo (its decrypt reports "possibly unsupported KEK info")';
  }
  return null;
}


const epoch = (iso: string): string => String(Math.floor(Date.parse(iso) / 1000));

/** The stack's own words: gpgsm's stderr without the notices our offline configuration causes. */
function errorText(run: GpgsmRun): string {
  const stderr = run.outcome.kind === 'exit' || run.outcome.kind === 'signal' ? run.outcome.stderr : '';
  const lines = stderr.split('\n').map((l) => l.replace(/^gpgsm: /, '').trim())
    .filter((l) => l && !/faked system time|policies not checked|CRLs not checked|option --output ignored/.test(l));
  const status = run.status.filter((l) => /^(BADSIG|ERRSIG|TRUST_|ERROR|DECRYPTION_FAILED|FAILURE)/.test(l));
  const code = run.outcome.kind === 'exit' ? `exit ${run.outcome.code}` : run.outcome.kind;
  return [...lines.slice(-3), ...status].join(' | ') || `gpgsm gave no reason (${code}, status: ${run.status.join(', ') || 'none'})`;
}

/** Every SignerInfo verified (GOODSIG, VALIDSIG) with a chain to a trusted anchor (TRUST_FULLY). */
function signaturesGood(status: readonly string[]): boolean {
  const blocks: string[][] = [];
  for (const l of status) {
    if (l === 'NEWSIG' || l.startsWith('NEWSIG ')) blocks.push([]);
    else blocks.at(-1)?.push(l.split(' ')[0] ?? '');
  }
  if (status.some((l) => l.startsWith('ERROR '))) return false;
  return blocks.length > 0 && blocks.every((b) => b.includes('GOODSIG') && b.includes('VALIDSIG')
    && (b.includes('TRUST_FULLY') || b.includes('TRUST_ULTIMATE'))
    && !b.some((k) => /^(BADSIG|ERRSIG|EXPSIG|EXPKEYSIG|REVKEYSIG|TRUST_NEVER|TRUST_UNDEFINED|TRUST_MARGINAL)$/.test(k)));
}

function processFailure(run: GpgsmRun): ConsumeVerdict | null {
  const o = run.outcome;
  if (o.kind === 'timeout') return { verdict: 'hang' };
  if (o.kind === 'signal') return { verdict: 'crash', signal: o.signal };
  if (o.kind === 'spawn-error') return { verdict: 'error', error: o.message };
  return null;
}

function consumeLayers(h: GpgsmHome, r: Parameters<Adapter['consume']>[0], steps: readonly Step[], tmp: string): ConsumeVerdict {
  const { sample: s, dir } = r;
  const time = ['--faked-system-time', epoch(r.manifest.validationTime)];
  let bytes: Uint8Array = r.bytes;
  let content: Uint8Array | null = null;
  const said: string[] = [];
  const timeoutMs = consumeTimeoutMs(s);
  for (const [n, step] of steps.entries()) {
    // Inner layers are MIME entities (RFC 8551 3.1); gpgsm reads only the CMS inside them.
    let cms = bytes;
    let signedPart: Uint8Array | undefined;
    if (n > 0 || s.format === 'smime') {
      const input = loadInput(bytes);
      if (!input.ok) return { verdict: 'unsupported', reason: `gpgsm reads no MIME, and the adapter found no CMS in layer ${n}: ${input.error}` };
      cms = input.cms;
      signedPart = input.mime?.signedPart;
    }
    const msg = join(tmp, `layer-${n}.p7`);
    const out = join(tmp, `layer-${n}.out`);
    writeFileSync(msg, cms);
    if (step === 'decrypt') {
      const password = s.inputs.password;
      const run = h.gpgsm([...time, ...(password !== undefined ? ['--passphrase-fd', '0'] : []), '--output', out, '--decrypt', msg],
        { timeoutMs, ...(password !== undefined ? { input: Buffer.from(`${password}\n`) } : {}) });
      const failed = processFailure(run);
      if (failed) return failed;
      const ok = run.status.includes('DECRYPTION_OKAY') && !run.status.some((l) => /^(DECRYPTION_FAILED|ERROR )/.test(l));
      if (!ok) return { verdict: 'reject', error: `decrypt: ${errorText(run)}` };
      bytes = content = new Uint8Array(readFileSync(out));
      continue;
    }
    let detached: string | null = null;
    if (signedPart) writeFileSync((detached = join(tmp, `layer-${n}.content`)), signedPart);
    else if (n === 0 && s.inputs.detached && s.inputs.content) detached = join(dir, s.inputs.content);
    const run = h.gpgsm([...time, ...(detached ? ['--verify', msg, detached] : ['--output', out, '--verify', msg])], { timeoutMs });
    const failed = processFailure(run);
    if (failed) return failed;
    if (step === 'certs') {
      // gpgsm: "certs-only message accepted", exit 0 and no signature.
      const ok = run.outcome.kind === 'exit' && run.outcome.code === 0 && !run.status.some((l) => l.startsWith('NEWSIG'));
      if (!ok) return { verdict: 'reject', error: `certs-only: ${errorText(run)}` };
      content = null;
      continue;
    }
    if (!signaturesGood(run.status)) {
      const none = !run.status.some((l) => l.startsWith('NEWSIG'));
      const error = `verify: ${none ? 'no signature verified (gpgsm status has no NEWSIG) | ' : ''}${errorText(run)}`;
      // "no signature value available": libksba's ksba_cms_get_sig_val returned nothing, which it
      // does when _ksba_sigval_to_sexp has no entry for the signatureAlgorithm OID. On a message
      // with a post-quantum algorithm that is a signature gpgsm cannot read, not one it refused.
      const stderr = run.outcome.kind === 'exit' ? run.outcome.stderr : '';
      return (/no signature value available/.test(stderr) ? pqUnsupported('gpgsm (libksba)', error, cms) : null) ?? { verdict: 'reject', error };
    }
    // The lines that made it good (gpgsm's status: GOODSIG and the trust), the stack's words for the report.
    said.push(...run.status.filter((l) => /^(GOODSIG|TRUST_)/.test(l)));
    bytes = content = detached ? new Uint8Array(readFileSync(detached)) : new Uint8Array(readFileSync(out));
  }
  return { verdict: 'accept', content, ...(said.length ? { output: said.join(' | ') } : {}) };
}

function setupFailure(e: unknown): ConsumeVerdict {
  // A recipient key of a type gpgsm cannot import (an EC key named by a ktri, say) is its limit.
  if (e instanceof GpgsmKeyTypeUnsupported) return { verdict: 'unsupported', reason: e.message };
  if (e instanceof GpgsmSetupError) return { verdict: 'error', error: e.message };
  throw e;
}

function produceWith(h: GpgsmHome, r: ProduceRequest): ProduceResult {
  const cert = (id: string) => join(r.keysDir, `${id}.cert.pem`);
  const input = join(r.workDir, 'content.bin');
  const out = join(r.workDir, 'out.der');
  writeFileSync(input, r.content);
  // The cast's CA, as in every manifest's trust anchors: gpgsm signs and encrypts only for valid chains.
  h.trust(cert('carl-rsa'));
  let args: string[];
  if (r.feature === 'enveloped-data/ktri') {
    h.importCert(cert(r.recipient));
    args = ['--recipient', fingerprint(cert(r.recipient)), '--cipher-algo', 'AES256', '--output', out, '--encrypt', input];
  } else {
    try {
      h.importKey(cert(r.signer), join(r.keysDir, `${r.signer}.key.pem`), r.workDir);
    } catch (e) {
      if (e instanceof GpgsmSetupError) return { ok: false, verdict: 'unsupported', reason: e.message };
      throw e;
    }
    const mode = r.feature === 'signed-data/detached' ? '--detach-sign' : '--sign';
    args = ['--local-user', fingerprint(cert(r.signer)), '--output', out, mode, input];
  }
  const run = h.gpgsm(args);
  const o = run.outcome;
  if (o.kind === 'timeout') return { ok: false, verdict: 'hang', reason: 'gpgsm timed out' };
  if (o.kind === 'signal') return { ok: false, verdict: 'crash', reason: `gpgsm died: ${o.signal}` };
  // gpgsm 2.2 prints SIG_CREATED for a signature but no status line for a finished encryption.
  const done = r.feature === 'enveloped-data/ktri' ? existsSync(out) && !run.status.some((l) => /^(INV_RECP|FAILURE|ERROR) /.test(l))
    : run.status.some((l) => l.startsWith('SIG_CREATED '));
  if (o.kind !== 'exit' || o.code !== 0 || !done) return { ok: false, verdict: 'error', reason: `gpgsm: ${describe(o)} ${run.status.join('; ')}` };
  return { ok: true, bytes: new Uint8Array(readFileSync(out)), format: 'der' };
}

/** What differs between the host's gpgsm and another generation of it. */
export interface GpgsmGeneration {
  readonly name: string;
  readonly programs: GpgsmPrograms;
  /** Why this generation cannot process a sample, or null (`steps` from stepsFor). */
  readonly stepsFor: (s: Sample) => Step[] | string;
  readonly unsupportedAlgorithm: (s: Sample, steps: readonly Step[]) => string | null;
}

export type { Step as GpgsmStep };

/** A gpgsm adapter; lineage libksba whatever the generation. */
export function makeGpgsmAdapter(g: GpgsmGeneration): Adapter {
  // Two homes: the producer's keybox holds the signers' certificates, which must not help the
  // consumer verify a message that lacks them.
  const homes: { consume?: GpgsmHome; produce?: GpgsmHome } = {};
  const homeFor = (use: 'consume' | 'produce'): GpgsmHome => (homes[use] ??= GpgsmHome.create(g.programs));
  const stepsFor = g.stepsFor;
  const unsupportedAlgorithm = g.unsupportedAlgorithm;
  const adapter: Adapter = {
    name: g.name,
    lineage: 'libksba',
    async probe() {
      const r = g.programs.run('gpgsm', ['--version']);
      if (r.kind !== 'exit' || r.code !== 0) return { installed: false, reason: `gpgsm --version: ${describe(r)}` };
      const text = r.stdout.toString('utf8');
      const v = (name: string) => new RegExp(`${name}\\)? ([0-9][0-9.]*)`).exec(text)?.[1] ?? '?';
      return { installed: true, version: `gpgsm ${v('GnuPG')} (libksba ${v('libksba')}, libgcrypt ${v('libgcrypt')})` };
    },
    consumes(s: Sample): Support {
      const steps = stepsFor(s);
      if (typeof steps === 'string') return { supported: false, reason: steps };
      const reason = unsupportedAlgorithm(s, steps);
      return reason ? { supported: false, reason } : { supported: true };
    },
    async consume(r) {
      const support = adapter.consumes(r.sample);
      const steps = stepsFor(r.sample);
      if (!support.supported || typeof steps === 'string') return { verdict: 'unsupported', reason: support.supported ? String(steps) : support.reason };
      let h: GpgsmHome;
      try {
        h = homeFor('consume');
        for (const t of r.manifest.trustAnchors) h.trust(join(r.dir, t));
        const rcpt = r.sample.inputs.recipient;
        if (rcpt && steps.includes('decrypt') && r.sample.algorithms.includes('rsaes-pkcs1v15')) {
          withTempDir('gpgsm-p12', (tmp) => h.importKey(join(r.dir, rcpt.cert), join(r.dir, rcpt.key), tmp));
        }
      } catch (e) {
        return setupFailure(e);
      }
      return withTempDir('gpgsm', (tmp) => consumeLayers(h, r, steps, tmp));
    },
    produces: ['signed-data/attached', 'signed-data/detached', 'enveloped-data/ktri'] satisfies ProduceFeature[],
    async produce(r) {
      if (!adapter.produces.includes(r.feature)) return { ok: false, verdict: 'unsupported', reason: `gpgsm adapter does not produce ${r.feature}` };
      try {
        return produceWith(homeFor('produce'), r);
      } catch (e) {
        if (e instanceof GpgsmSetupError) return { ok: false, verdict: 'error', reason: e.message };
        throw e;
      }
    },
    async close() {
      for (const use of ['consume', 'produce'] as const) {
        homes[use]?.close();
        delete homes[use];
      }
    },
  };
  return adapter;
}

export const gpgsmAdapter: Adapter = makeGpgsmAdapter({ name: 'gpgsm', programs: HOST_GPGSM, stepsFor, unsupportedAlgorithm });
