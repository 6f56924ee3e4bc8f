/**
 * Mozilla NSS (`cmsutil` from libnss3-tools, the CMS code Thunderbird uses) as an adapter.
 *
 * Consumer: `cmsutil -D` decodes a message, verifies every SignerInfo and decrypts EnvelopedData
 * with a key in an NSS database. Each set of inputs (trust anchors, recipient key, signer
 * certificates a message does not carry) gets its own NSS database in a temporary directory,
 * made once with `certutil -N --empty-password`: anchors imported with trust "CT,C,C", keys through
 * a PKCS#12 that `openssl pkcs12` builds and `pk12util` imports. Keying the databases by their
 * inputs keeps verdicts independent of the order messages arrive in. close() removes them all.
 * NSS reads no MIME (Thunderbird's libmime does): S/MIME entities are unwrapped with our reader
 * (layers.ts) and each CMS layer is handed to cmsutil.
 *
 * The verdict comes from the header lines `-h` prints (`signerN.status=GoodSignature`), never from
 * the exit code alone: with `-h`, cmsutil exits 0 whatever the signature status. The header and
 * the content share the output file; the header ends with the line of the innermost level
 * (`level=1.1; `).
 *
 * Validation time: cmsutil has no option for it. NSS validates the signer's certificate at the
 * signingTime attribute when there is one, else at the current time, so the manifest's
 * validationTime cannot be applied (the cast's certificates are valid until 2099, RFC 4134's until
 * 2039). Certificates are checked for certUsageEmailSigner, cmsutil's default.
 *
 * What NSS 3.87 cannot do (measured on the corpus, see nssUnsupported): KeyAgreeRecipientInfo and
 * KEKRecipientInfo (its RecipientInfo template tags them [1]/[2] EXPLICIT where RFC 5652's module
 * has IMPLICIT TAGS: a standard kekri fails with SEC_ERROR_BAD_DER, the same kekri re-wrapped
 * EXPLICIT gets past the decoder), PasswordRecipientInfo (no [3] alternative at all), so any message
 * with one of these recipients fails to decode even when a key-transport recipient is ours;
 * RSAES-OAEP, EdDSA, AuthEnvelopedData, AuthenticatedData, CompressedData, receipt validation, and
 * EncryptedData with a raw key. Two leniencies, consumed as they are because that is what NSS does:
 * it decodes DigestedData but never compares the digest (the comparison in
 * NSS_CMSDigestedData_Decode_AfterEnd is a TODO), and it checks only the last octet of CBC padding
 * (1..block size), not the padding octets.
 *
 * Producer: `cmsutil -S` signs (RSA, ECDSA; always with signed attributes, -G, because without them
 * NSS 3.87 writes an ECDSA signature as raw r||s, which neither OpenSSL nor NSS itself verifies) and
 * `cmsutil -E` encrypts for an RSA recipient. Lineage: nss.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Sample } from '../../core/manifest.ts';
import type { Adapter, ConsumeRequest, ProduceFeature, ProduceRequest, ProduceResult, Support } from '../adapter.ts';
import { onCleanup } from '../cleanup.ts';
import { runProgram, withTempDir, type ProcessOutcome, type ProgramRunner } from '../run.ts';
import type { ConsumeVerdict } from '../verdict.ts';
import { openLayers, stepsFor, trustAnchorPaths, type LayerInput, mimeOnlyDefect } from './layers.ts';
import { pqUnsupported } from './pq-unsupported.ts';

/** The password of the throw-away PKCS#12 files that carry keys into a database. */
const P12_PASSWORD = 'cmsi-nss-transfer';

class NssSetupError extends Error {}

const stderrText = (stderr: string): string =>
  stderr.split('\n').map((l) => l.trim())
    // Shutdown noise after a failure says nothing about the message.
    .filter((l) => l !== '' && !l.includes('NSS_Shutdown failed'))
    .join('; ') || 'no error text';

function must(run: ProgramRunner, cmd: string, args: readonly string[], what: string): void {
  const r = run(cmd, args);
  if (r.kind === 'exit' && r.code === 0) return;
  const why = r.kind === 'exit' ? stderrText(r.stderr) : r.kind === 'signal' ? `killed by ${r.signal}` : r.kind === 'timeout' ? 'timed out' : r.message;
  throw new NssSetupError(`${what}: ${cmd} ${why}`);
}

/** What a database holds; equal setups share one database. */
interface DbSetup {
  readonly anchors: readonly string[];
  readonly keys: readonly { readonly cert: string; readonly key: string }[];
  readonly certs: readonly string[];
}

/** One NSS database in a temporary directory, made once, removed by close(). */
class NssDb {
  private constructor(readonly dir: string, private readonly run: ProgramRunner) {}

  get spec(): string {
    return `sql:${this.dir}`;
  }

  static create(run: ProgramRunner, setup: DbSetup, parent?: string): NssDb {
    const dir = parent ? join(parent, 'nssdb') : mkdtempSync(join(tmpdir(), 'cmsi-nss-db-'));
    mkdirSync(dir, { recursive: true });
    const db = new NssDb(dir, run);
    try {
      must(run, 'certutil', ['-N', '-d', db.spec, '--empty-password'], 'creating the NSS database');
      setup.anchors.forEach((a, i) => must(run, 'certutil', ['-A', '-d', db.spec, '-n', `anchor-${i}`, '-t', 'CT,C,C', '-i', a], `importing trust anchor ${a}`));
      setup.certs.forEach((c, i) => must(run, 'certutil', ['-A', '-d', db.spec, '-n', `cert-${i}`, '-t', ',,', '-i', c], `importing certificate ${c}`));
      setup.keys.forEach((k, i) => db.importKey(`key-${i}`, k.cert, k.key));
    } catch (e) {
      if (!parent) rmSync(dir, { recursive: true, force: true });
      throw e;
    }
    return db;
  }

  /** Imports a certificate and its private key under `nick`, through a PKCS#12 file. */
  importKey(nick: string, cert: string, key: string): void {
    const p12 = join(this.dir, `${nick}.p12`);
    must(this.run, 'openssl', ['pkcs12', '-export', '-in', cert, '-inkey', key, '-name', nick, '-out', p12, '-passout', `pass:${P12_PASSWORD}`], `building a PKCS#12 for ${key}`);
    must(this.run, 'pk12util', ['-i', p12, '-d', this.spec, '-W', P12_PASSWORD], `importing ${key}`);
    rmSync(p12, { force: true });
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The databases of one adapter instance, keyed by their setup. */
class NssDbs {
  private readonly databases = new Map<string, NssDb>();
  private releaseDatabases: (() => void) | null = null;

  constructor(private readonly run: ProgramRunner) {}

  close(): void {
    for (const db of this.databases.values()) db.remove();
    this.databases.clear();
    this.releaseDatabases?.();
    this.releaseDatabases = null;
  }

  for(setup: DbSetup): NssDb {
    const key = JSON.stringify(setup);
    let db = this.databases.get(key);
    if (!db) {
      db = NssDb.create(this.run, setup);
      this.databases.set(key, db);
      // An interrupted run, or a harness that never calls close(), still leaves no database behind.
      this.releaseDatabases ??= onCleanup('NSS databases', () => this.close());
    }
    return db;
  }
}

/** The database a sample needs: the manifest's anchors, its recipient key, and the signer
 * certificates the message does not carry (cmsutil finds a signer's certificate only in the
 * message or in the database). */
function setupFor(r: ConsumeRequest): DbSetup {
  const s = r.sample;
  const abs = (p: string) => resolve(r.dir, p);
  const carriesCerts = s.features.includes('certificates-included');
  return {
    anchors: trustAnchorPaths(r).map((p) => resolve(p)),
    keys: s.inputs.recipient ? [{ cert: abs(s.inputs.recipient.cert), key: abs(s.inputs.recipient.key) }] : [],
    certs: carriesCerts ? [] : (s.inputs.signerCerts ?? []).map(abs),
  };
}

/** The first `name` on PATH, or null. */
function onPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(':').filter(Boolean)) {
    const p = join(dir, name);
    if (existsSync(p)) return p;
  }
  return null;
}

/** The NSS library version, read from the libsmime3 that cmsutil loads ("Version: NSS 3.87.1").
 * `bin` is cmsutil's path and `hostPath` maps a path of the runner's system to the host's. */
export function nssVersionWith(run: ProgramRunner, bin: string | null, hostPath: (p: string) => string = (p) => p): string | null {
  if (!bin) return null;
  const libs = run('ldd', [bin]);
  if (libs.kind !== 'exit' || libs.code !== 0) return null;
  const found = /libsmime3\.so\S*\s+=>\s+(\S+)/.exec(libs.stdout.toString())?.[1];
  const lib = found ? hostPath(found) : null;
  if (!lib || !existsSync(lib)) return null;
  const m = /Version: NSS (\d+\.\d+(?:\.\d+)*)/.exec(readFileSync(lib).toString('latin1'));
  return m ? `NSS ${m[1]}` : null;
}

const ALGORITHMS_FOR_KARI = ['ecdh-p256', 'ecdh-p384', 'x25519', 'x448', 'esdh-x942'] as const;

/** Why NSS 3.87 cannot process a sample at all, or null; every reason was measured. */
export function nssUnsupported(s: Sample): string | null {
  const a = new Set<string>(s.algorithms);
  if (s.inputs.layers?.includes('verify-receipt')) return 'cmsutil verifies the receipt signature but has no receipt validation against the original (RFC 2634 2.8)';
  for (const step of stepsFor(s)) {
    switch (step) {
      case 'encrypted-data': return 'cmsutil cannot be given a raw key for EncryptedData (only the bulk key of another enveloped message, -e); without one it exits 0 with no content';
      case 'uncompress': return 'NSS has no CompressedData (RFC 3274): SEC_ERROR_UNRECOGNIZED_OID';
      case 'verify':
        if (a.has('ed25519') || a.has('ed448')) return 'NSS 3.87 has no EdDSA in CMS (RFC 8419): signer status ProcessingError';
        break;
      case 'decrypt': {
        if (s.contentType === 'authEnvelopedData') return 'NSS 3.87 has no AuthEnvelopedData (RFC 5083): SEC_ERROR_UNRECOGNIZED_OID';
        if (s.contentType === 'authData') return 'NSS 3.87 has no AuthenticatedData (RFC 5652 9): SEC_ERROR_UNRECOGNIZED_OID';
        if (s.inputs.recipient && a.has('rsaes-pkcs1v15')) break;
        if (a.has('rsaes-oaep')) return 'NSS 3.87 CMS has no RSAES-OAEP key transport: SEC_ERROR_UNSUPPORTED_KEYALG';
        if (ALGORITHMS_FOR_KARI.some((k) => a.has(k))) return 'NSS 3.87 cannot decode a KeyAgreeRecipientInfo (SEC_ERROR_BAD_DER): its template tags kari [1] EXPLICIT, RFC 5652 6.2 has it IMPLICIT';
        if (s.inputs.password !== undefined) return 'NSS has no PasswordRecipientInfo (RFC 3211): its RecipientInfo CHOICE has no [3], SEC_ERROR_BAD_DER';
        if (s.inputs.kek) return 'NSS 3.87 cannot decode a KEKRecipientInfo (SEC_ERROR_BAD_DER): its template tags kekri [2] EXPLICIT, RFC 5652 6.2 has it IMPLICIT';
        return 'no RSA key-transport recipient key among the inputs';
      }
      default: break;
    }
  }
  return null;
}

interface Header {
  /** The content type of each level, outermost first; null where cmsutil prints none (DigestedData). */
  readonly types: (string | null)[];
  readonly nsigners: number[];
  readonly signers: { readonly n: number; readonly id: string; readonly status: string }[];
  /** Where the content starts in the output. */
  readonly end: number;
}

/** Splits cmsutil -h output into its header (see the file comment) and the content. */
export function parseHeader(out: Buffer): Header | null {
  if (!out.subarray(0, 7).equals(Buffer.from('SMIME: '))) return null;
  const text = out.toString('latin1');
  const last = text.indexOf('\tlevel=1.1; ');
  // A certs-only message (no signers) returns before the innermost level: it is all header.
  const nl = last < 0 ? -1 : text.indexOf('\n', last);
  const end = last < 0 || nl < 0 ? out.length : nl + 1;
  const head = text.slice(0, end);
  const types = [...head.matchAll(/\tlevel=1\.\d+; (?:type=(\w+); )?/g)].map((m) => m[1] ?? null);
  const nsigners = [...head.matchAll(/nsigners=(\d+);/g)].map((m) => Number(m[1]));
  const signers = [...head.matchAll(/signer(\d+)\.id="([^"\n]*)"; signer\d+\.status=(\w+);/g)].map((m) => ({ n: Number(m[1]), id: m[2] ?? '', status: m[3] ?? '' }));
  return { types, nsigners, signers, end };
}

const EXPECTED_OUTER: Partial<Record<LayerInput['step'], string>> = { verify: 'signedData', certs: 'signedData', decrypt: 'envelopedData' };

function notExit(r: Exclude<ProcessOutcome, { kind: 'exit' }>): ConsumeVerdict {
  if (r.kind === 'timeout') return { verdict: 'hang' };
  if (r.kind === 'signal') return { verdict: 'crash', signal: r.signal };
  return { verdict: 'error', error: r.message };
}

/** One CMS layer through `cmsutil -D`. */
function decodeLayer(run: ProgramRunner, db: NssDb, layer: LayerInput, name: string): ConsumeVerdict {
  return withTempDir('nss', (tmp) => {
    const input = join(tmp, 'layer.cms');
    const out = join(tmp, 'layer.out');
    writeFileSync(input, layer.cms);
    const args = ['-D', '-d', db.spec, '-i', input, '-o', out, '-h', '1'];
    if (layer.detached) {
      const content = join(tmp, 'detached.bin');
      writeFileSync(content, layer.detached);
      args.push('-c', content);
    }
    const r = run('cmsutil', args);
    if (r.kind !== 'exit') return notExit(r);
    const stderr = stderrText(r.stderr);
    if (/NSS_Init|NSS_Initialize|unable to open|could not open/i.test(stderr) && r.code !== 0) return { verdict: 'error', error: `cmsutil setup: ${stderr}` };
    // NSS 3.132 knows ML-DSA but not SLH-DSA: importing the message's certificates stops at the
    // signer's key ('cert import failed: SEC_ERROR_UNSUPPORTED_KEYALG'), before any signer status.
    if (r.code !== 0) return (/SEC_ERROR_UNSUPPORTED_KEYALG/.test(stderr) ? pqUnsupported(name, stderr, layer.cms) : null) ?? { verdict: 'reject', error: stderr };
    let output: Buffer;
    try {
      output = readFileSync(out);
    } catch (e) {
      return { verdict: 'error', error: `cmsutil wrote no output: ${(e as Error).message}` };
    }
    const h = parseHeader(output);
    if (!h) return { verdict: 'error', error: 'cmsutil output has no SMIME: header' };
    const expected = EXPECTED_OUTER[layer.step];
    if (expected && h.types[0] !== expected) return { verdict: 'reject', error: `expected ${expected}, cmsutil decoded ${h.types[0] ?? 'an unnamed type'}` };
    if (h.types.includes('encryptedData')) return { verdict: 'unsupported', reason: 'cmsutil decodes EncryptedData only with the bulk key of another enveloped message' };
    const bad = h.signers.filter((s) => s.status !== 'GoodSignature');
    if (bad.length > 0) {
      const error = bad.map((s) => `signer${s.n} ("${s.id}") status=${s.status}`).join('; ');
      // NSS_CMSSignerInfo_Verify sets ProcessingError when CERT_ExtractPublicKey cannot read the
      // signer's key (a key type NSS does not know), SignatureAlgorithmUnknown for an unknown
      // signature OID: on a post-quantum message these say "no such algorithm", not "bad".
      const unknownAlgorithm = bad.every((s) => /^(ProcessingError|SignatureAlgorithmUnknown|SignatureAlgorithmUnsupported)$/.test(s.status));
      return (unknownAlgorithm ? pqUnsupported(name, error, layer.cms) : null) ?? { verdict: 'reject', error };
    }
    // Exit 0 with nsigners=0: the certificates of a certs-only message passed NSS's check.
    if (h.nsigners.includes(0)) return { verdict: 'accept', content: null };
    if (layer.step === 'verify' && h.signers.length === 0) return { verdict: 'reject', error: 'cmsutil reported no signer status' };
    return { verdict: 'accept', content: new Uint8Array(output.subarray(h.end)), ...(h.signers.length ? { output: h.signers.map((s) => `signer${s.n} ("${s.id}") status=${s.status}`).join('; ') } : {}) };
  });
}

async function consume(run: ProgramRunner, dbs: NssDbs, unsupported: (s: Sample) => string | null, r: ConsumeRequest, name: string): Promise<ConsumeVerdict> {
  const why = unsupported(r.sample);
  if (why) return { verdict: 'unsupported', reason: why };
  let db: NssDb;
  try {
    db = dbs.for(setupFor(r));
  } catch (e) {
    return { verdict: 'error', error: (e as Error).message };
  }
  return openLayers(r, async (layer) => decodeLayer(run, db, layer, name));
}

function produceWith(run: ProgramRunner, r: ProduceRequest): ProduceResult {
  const cert = (id: string) => join(r.keysDir, `${id}.cert.pem`);
  const key = (id: string) => join(r.keysDir, `${id}.key.pem`);
  const input = join(r.workDir, 'content.bin');
  const out = join(r.workDir, 'out.der');
  writeFileSync(input, r.content);
  const signer = r.feature === 'signed-data/ecdsa' ? 'alice-p256' : r.signer;
  const encrypting = r.feature === 'enveloped-data/ktri';
  const db = NssDb.create(run, {
    anchors: [cert('carl-rsa')],
    keys: encrypting ? [] : [{ cert: cert(signer), key: key(signer) }],
    certs: encrypting ? [cert(r.recipient)] : [],
  }, r.workDir);
  // Nicknames follow NssDb.create: key-0 is the signer, cert-0 the recipient.
  const args = encrypting
    ? ['-E', '-d', db.spec, '-r', 'cert-0', '-i', input, '-o', out]
    // -Y NONE: no SMIMEEncryptionKeyPreference, else cmsutil looks for an encryption certificate
    // under the signer's nickname and fails on key usage. -G: signed attributes (see the file comment).
    : ['-S', '-d', db.spec, '-N', 'key-0', '-Y', 'NONE', '-G', '-H', 'SHA256', '-i', input, '-o', out, ...(r.feature === 'signed-data/detached' ? ['-T'] : [])];
  const p = run('cmsutil', args);
  if (p.kind === 'timeout') return { ok: false, verdict: 'hang', reason: 'cmsutil timed out' };
  if (p.kind === 'signal') return { ok: false, verdict: 'crash', reason: `cmsutil died: ${p.signal}` };
  if (p.kind === 'spawn-error') return { ok: false, verdict: 'error', reason: p.message };
  if (p.code !== 0) return { ok: false, verdict: 'error', reason: stderrText(p.stderr) };
  return { ok: true, bytes: new Uint8Array(readFileSync(out)), format: 'der' };
}

const PRODUCES = ['signed-data/attached', 'signed-data/detached', 'signed-data/ecdsa', 'enveloped-data/ktri'] as const satisfies readonly ProduceFeature[];

/** What differs between the host's NSS and another generation of it. */
export interface NssGeneration {
  readonly name: string;
  readonly run: ProgramRunner;
  /** The NSS version ("NSS 3.87.1"), or null when cmsutil is missing. */
  readonly version: () => string | null;
  readonly missing: string;
  /** Why this generation cannot process a sample at all, or null. */
  readonly unsupported: (s: Sample) => string | null;
}

/** An NSS adapter; lineage nss whatever the generation. */
export function makeNssAdapter(g: NssGeneration): Adapter {
  const dbs = new NssDbs(g.run);
  return {
    name: g.name,
    lineage: 'nss',
    async probe() {
      const v = g.version();
      return v ? { installed: true, version: v } : { installed: false, reason: g.missing };
    },
    consumes(s: Sample): Support {
      const reason = mimeOnlyDefect(s, 'NSS cmsutil') ?? g.unsupported(s);
      return reason ? { supported: false, reason } : { supported: true };
    },
    consume: (r) => consume(g.run, dbs, g.unsupported, r, `NSS cmsutil (${g.name})`),
    produces: PRODUCES,
    async produce(r): Promise<ProduceResult> {
      if (!(PRODUCES as readonly string[]).includes(r.feature)) return { ok: false, verdict: 'unsupported', reason: `cmsutil does not produce ${r.feature}` };
      try {
        return produceWith(g.run, r);
      } catch (e) {
        return { ok: false, verdict: 'error', reason: (e as Error).message };
      }
    },
    async close() {
      dbs.close();
    },
  };
}

export const nssAdapter: Adapter = makeNssAdapter({
  name: 'nss',
  run: runProgram,
  version: () => nssVersionWith(runProgram, onPath('cmsutil')),
  missing: 'cmsutil (libnss3-tools) not on PATH, or its libsmime3 has no version string',
  unsupported: nssUnsupported,
});
