/**
 * `cmsi check`: validates CMS / S/MIME messages against the requirement catalog. All files are
 * checked in this one process. Exit 0 when every input is valid (or, with --manifest, when every
 * verdict is the one the manifest expects), 1 otherwise, 2 on usage or I/O errors.
 */
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadCatalog, type Catalog } from '../core/catalog.ts';
import type { Manifest } from '../core/manifest.ts';
import { parseManifest, readManifest } from '../core/manifest-file.ts';
import { PROFILES, type Profile } from '../core/vocabulary.ts';
import { checkBytes, DEFAULT_MAX_DEPTH, DEFAULT_MAX_NODES, type CheckOptions } from '../checkers/engine.ts';
import { DEFAULT_MAX_PBKDF2_ITERATIONS } from '../checkers/crypto/recipients.ts';
import { readCertificate } from '../checkers/x509/certificate.ts';
import { parseAt } from '../checkers/x509/validation-time.ts';
import { LAYERS, type Layer } from '../core/layers.ts';
import type { FileResult } from '../checkers/finding.ts';
import { formatJson } from '../checkers/format/json.ts';
import { formatJunit } from '../checkers/format/junit.ts';
import { formatSarif } from '../checkers/format/sarif.ts';
import { formatText } from '../checkers/format/text.ts';
import { pairKeysWithCertificates } from '../checkers/crypto/recipient-keys.ts';
import { judge } from '../checkers/expectation.ts';
import { DEFAULT_MAX_INPUT, InputError, InputTooLarge, inputName, packageVersion, readInput, readInputText, writeOutput } from './io.ts';
import { UsageError } from './usage.ts';
import { DEFAULT_STREAM_ABOVE } from './check-file.ts';
import { checkTask, POOL_MIN_FILES, readTaskSync, runTasks, type CheckTask, type Outcome, type PortableOptions } from './check-tasks.ts';
import { availableParallelism } from 'node:os';
import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import { describeFsError } from '../core/fs-errors.ts';

export const CHECK_HELP = `usage: cmsi check FILE... [options]
       cmsi check --manifest corpus/manifest.yaml [options]

Checks each FILE (DER, BER, PEM "CMS"/"PKCS7", base64, or an S/MIME .eml with
application/pkcs7-mime or multipart/signed) against the requirement catalog (cmsi rules).
Static rules always run; crypto rules run when the inputs are there: certificates in the
message or --cert, the content in the message, --content, or the signed part of multipart/signed.

  --format text|json|jsonl|sarif|junit
                                   report format (default text); jsonl: one JSON result per line,
                                   printed as soon as it and the files before it are checked
  --profile current|v3             which profile's requirements apply (default current)
  --cert FILE                      a certificate (PEM or DER) to find signers and recipients by;
                                   repeatable
  --content FILE                   detached content for a detached signature; for other content
                                   types, the content expected after decrypting/decompressing
  --key FILE                       a recipient private key (PKCS#8 PEM or DER) to decrypt with;
                                   repeatable; paired with the --cert holding its public key
  --password P                     the password of a PasswordRecipientInfo (RFC 3211)
  --kek [KEYID:]KEY                a KEK for KEKRecipientInfo, hex (KEYID matches kekid), or the
                                   bare content key of an EncryptedData
  --original FILE                  for a signed Receipt: the original message, to check msgSigDigest
  --ca FILE                        a trust anchor certificate (PEM or DER) for path validation;
                                   repeatable; without one, trust is not checked (paths are
                                   still followed as far as the message's certificates go)
  --crl FILE                       a CRL (PEM or DER) for revocation checks, beside the message's
  --at TIME                        validate paths at TIME (2026-06-01 or 2026-06-01T12:00:00Z);
                                   default: now, never the signer's signing-time attribute,
                                   which the signer chooses (RFC 8550 6; a back-dated signature
                                   by an expired key is the BC CVE-2026-59641 class)
  --layers L,L                     check only these layers (encoding, structure, crypto,
                                   certificate, path, policy, mime); the others do not run
  --manifest FILE                  check a whole corpus with each sample's own inputs, and report
                                   every sample whose verdict differs from the manifest's
  --jobs N                         check on N threads, this one and N-1 workers (default: the
                                   number of cores); results stay in input order; fewer than 8
                                   files: this thread only
  --stream-above MIB               messages and detached contents larger than MIB mebibytes
                                   (default 64) are read in chunks, never whole: an attached
                                   id-data SignedData is walked as a stream, its eContent only
                                   digested; a detached content only digested
  --max-depth N                    nesting bound of the BER reader (default 64)
  --max-nodes N                    node bound of the BER reader (default 200000); a message past
                                   a bound is unchecked (limit), never valid or invalid
  --max-input MIB                  how much of stdin, a pipe or a device is read (default 256):
                                   a message past it is unchecked (limit); regular files are
                                   not bounded by it (the large ones are streamed)
  --max-pbkdf2-iterations N        PBKDF2 iterations spent on one message's password
                                   recipients (default 2000000); a larger iterationCount is
                                   a limit (unchecked), not a failure: RFC 3211 allows any
  --passes                         text format: also list the rules that passed
  --out FILE                       write the report to FILE instead of stdout

Verdicts: valid; acceptable (only producer MUSTs that receivers must tolerate are broken, e.g.
NULL parameters in a SHA-256 AlgorithmIdentifier, RFC 5754 2); invalid (a MUST-level rule or a
crypto check failed; SHOULD failures are warnings); unchecked (nothing failed, but something
could not be decided: a missing certificate, key or content, an unsupported algorithm, or a
resource limit); unparseable (not a CMS structure). The text output opens each file with its
verdict and the first layer that decided it (encoding, structure, crypto, certificate, path,
policy, mime).

Exit codes: 0 every file valid or acceptable; 1 a file invalid or unparseable (with --manifest:
a verdict differs from the manifest's); 3 none invalid, but a file unchecked; 2 usage or I/O error.

Example: cmsi check corpus/samples/signed-data/rsa-sha256/attached.der --format json`;

function readCert(path: string): Uint8Array {
  const bytes = Buffer.from(readInput(path, 'certificate'));
  const text = bytes.toString('latin1');
  const m = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/.exec(text);
  return new Uint8Array(m ? Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64') : bytes);
}

function render(format: string, results: readonly FileResult[], catalog: Catalog, passes: boolean): string {
  switch (format) {
    case 'json': return formatJson(results);
    case 'sarif': return formatSarif(results, catalog, packageVersion());
    case 'junit': return formatJunit(results);
    default: return formatText(results, { passes });
  }
}

export function checkCommand(argv: readonly string[]): number | Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv], allowPositionals: true, strict: true,
    options: {
      format: { type: 'string', default: 'text' }, profile: { type: 'string', default: 'current' },
      cert: { type: 'string', multiple: true }, content: { type: 'string' }, manifest: { type: 'string' }, original: { type: 'string' },
      key: { type: 'string', multiple: true }, password: { type: 'string' }, kek: { type: 'string' },
      passes: { type: 'boolean' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' },
      ca: { type: 'string', multiple: true }, crl: { type: 'string', multiple: true }, at: { type: 'string' }, layers: { type: 'string' },
      jobs: { type: 'string' }, 'stream-above': { type: 'string' }, 'max-depth': { type: 'string' }, 'max-nodes': { type: 'string' }, 'max-input': { type: 'string' },
      'max-pbkdf2-iterations': { type: 'string' },
    },
  });
  if (values.help) {
    console.log(CHECK_HELP);
    return 0;
  }
  const format = values.format!;
  if (!['text', 'json', 'jsonl', 'sarif', 'junit'].includes(format)) throw new UsageError(`--format must be text, json, jsonl, sarif or junit, got "${format}"`);
  if (!(PROFILES as readonly string[]).includes(values.profile!)) throw new UsageError(`--profile must be current or v3, got "${values.profile}"`);
  const profile = values.profile as Profile;
  if (!values.manifest && positionals.length === 0) throw new UsageError('no input: give FILE... or --manifest FILE (see cmsi check --help)');
  const jobs = positiveInt(values.jobs, '--jobs', availableParallelism());
  const bounds = { maxDepth: positiveInt(values['max-depth'], '--max-depth', DEFAULT_MAX_DEPTH), maxNodes: positiveInt(values['max-nodes'], '--max-nodes', DEFAULT_MAX_NODES),
    maxPbkdf2Iterations: positiveInt(values['max-pbkdf2-iterations'], '--max-pbkdf2-iterations', DEFAULT_MAX_PBKDF2_ITERATIONS) };
  const streamAbove = values['stream-above'] === undefined ? DEFAULT_STREAM_ABOVE : nonNegativeInt(values['stream-above'], '--stream-above') * 1024 * 1024;
  const maxInput = positiveInt(values['max-input'], '--max-input', DEFAULT_MAX_INPUT / (1024 * 1024)) * 1024 * 1024;
  const catalog = loadCatalog();
  const certs = (values.cert ?? []).map(readCert);
  const x509 = x509Options(values);
  // --content FILE is digested from the file in chunks when checked (never read whole for a
  // SignedData); stdin is read here.
  const contentFile = values.content !== undefined && regularFileSize(values.content) > streamAbove ? values.content : undefined;
  const content = values.content !== undefined && contentFile === undefined ? readInput(values.content, '--content', maxInput, 'give it as a regular file (streamed above --stream-above) or raise --max-input') : null;
  const original = values.original ? readInput(values.original, '--original') : undefined;
  const keyMaterial = {
    ...(values.key?.length ? { keys: pairKeysWithCertificates(values.key.map((k) => readInput(k, '--key')), certs) } : {}),
    ...(values.password !== undefined ? { password: values.password } : {}),
    ...(values.kek ? { kek: parseKek(values.kek) } : {}),
  };
  const tasks: CheckTask[] = [];
  const samples: (Manifest['samples'][number] | undefined)[] = [];
  if (values.manifest) {
    const m = manifestTasks(values.manifest, profile, { ...(x509.layers ? { layers: x509.layers } : {}), ...bounds });
    tasks.push(...m.tasks);
    samples.push(...m.samples);
  }
  const shared: PortableOptions = { profile, certs, certLabels: values.cert ?? [], content, ...(contentFile !== undefined ? { contentFile } : {}), ...keyMaterial, ...x509, ...bounds, ...(original ? { original } : {}) };
  for (const file of positionals) {
    // stdin is read here, once; files are read when their turn comes (runTasks reads ahead).
    tasks.push({ name: inputName(file), path: file, what: 'file', options: shared, streamAbove, maxInput, ...(file === '-' || file === '' ? readStdin(file, maxInput) : {}) });
  }
  const results: FileResult[] = [];
  const mismatches: string[] = [];
  const sink = format === 'jsonl' ? lineSink(values.out) : null;
  const finish = (): number => {
    if (sink) sink.close();
    else writeOutput(values.out, render(format, results, catalog, !!values.passes));
    if (values.manifest) {
      if (mismatches.length) process.stderr.write(`${mismatches.length} ${mismatches.length === 1 ? 'sample differs' : 'samples differ'} from the manifest:\n${mismatches.join('\n')}\n`);
      else process.stderr.write(`all ${results.length} samples have the verdict the manifest expects (${expectedCounts(results)})\n`);
      return mismatches.length ? 1 : 0;
    }
    return exitCodeOf(results);
  };
  // In jsonl mode an outcome's result has no findings (its line has them): 100,000 files never
  // sit in memory, only what the exit code and the manifest summary need.
  const take = (o: Outcome, i: number): void | Promise<void> => {
    const e = o.result.expectation;
    if (e && !e.matches) mismatches.push(`  ${samples[i]!.id}: ${e.mismatch}`);
    results.push(o.result);
    return o.line !== undefined ? sink?.write(o.line) : undefined;
  };
  if (tasks.length < POOL_MIN_FILES) {
    // A few files: checked here, synchronously (no pool to start, no read-ahead to gain).
    tasks.forEach((t, i) => {
      void take(checkTask(t, readTaskSync(t), catalog, !!sink), i);
    });
    return finish();
  }
  return runTasks(tasks, { jobs, catalog, lines: !!sink, onResult: take }).then(finish, (e: unknown) => {
    sink?.close();
    throw e;
  });
}

/** stdin's bytes for its task, or the mark that it gave more than --max-input (a limit outcome). */
function readStdin(file: string, maxInput: number): Pick<CheckTask, 'bytes' | 'oversized'> {
  try {
    return { bytes: readInput(file, 'file', maxInput) };
  } catch (e) {
    if (e instanceof InputTooLarge) return { oversized: true };
    throw e;
  }
}

/**
 * The size of a regular file that can be opened (-1 for anything else: stdin, a pipe, a missing
 * file, which readInput then reads or names in its error).
 */
function regularFileSize(path: string): number {
  if (path === '' || path === '-') return -1;
  try {
    closeSync(openSync(path, 'r'));
    const s = statSync(path);
    return s.isFile() ? s.size : -1;
  } catch {
    return -1;
  }
}

function nonNegativeInt(value: string, flag: string): number {
  if (!/^(0|[1-9][0-9]{0,6})$/.test(value)) throw new UsageError(`${flag} must be a whole number of mebibytes, got "${value}"`);
  return Number(value);
}

function positiveInt(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^[1-9][0-9]{0,8}$/.test(value)) throw new UsageError(`${flag} must be a positive integer, got "${value}"`);
  return Number(value);
}

/** Where jsonl lines go as they are ready: stdout (waiting for a slow reader) or --out FILE. */
function lineSink(out: string | undefined): { write(line: string | Uint8Array): void | Promise<void>; close(): void } {
  if (out === undefined || out === '-') {
    return {
      write: (line) => (process.stdout.write(line) ? undefined : new Promise<void>((r) => process.stdout.once('drain', () => r()))),
      close: () => undefined,
    };
  }
  if (out === '') throw new UsageError('--out needs a file name');
  let fd: number;
  try {
    fd = openSync(out, 'w');
  } catch (e) {
    throw new InputError(`cannot write ${out}: ${describeFsError(e)}`);
  }
  return {
    write: (line) => {
      try {
        if (typeof line === 'string') writeSync(fd, line);
        else for (let at = 0; at < line.length;) at += writeSync(fd, line, at);
      } catch (e) {
        throw new InputError(`cannot write ${out}: ${describeFsError(e)}`);
      }
    },
    close: () => closeSync(fd),
  };
}

/** 1 when any file is invalid or unparseable, else 3 when any is unchecked, else 0. */
export function exitCodeOf(results: readonly FileResult[]): number {
  if (results.some((r) => r.verdict === 'invalid' || r.verdict === 'unparseable')) return 1;
  return results.some((r) => r.verdict === 'unchecked') ? 3 : 0;
}

/** --ca, --crl, --at and --layers as CheckOptions; a usage error for what cannot be read. */
function x509Options(values: { ca?: string[]; crl?: string[]; at?: string; layers?: string }): Pick<CheckOptions, 'anchors' | 'crls' | 'at' | 'layers'> {
  const anchors = (values.ca ?? []).map((f) => {
    const der = readCert(f);
    if (!readCertificate(der).ok) throw new UsageError(`--ca ${f} is not a parseable X.509 certificate`);
    return { der, label: `--ca ${f}` };
  });
  const crls = (values.crl ?? []).map((f) => ({ der: readPemOrDer(f, 'X509 CRL'), label: `--crl ${f}` }));
  let at: CheckOptions['at'];
  if (values.at !== undefined) {
    const ms = parseAt(values.at);
    if (ms === null) throw new UsageError(`--at must be a date or an ISO 8601 instant (2026-06-01, 2026-06-01T12:00:00Z), got "${values.at}"`);
    at = { ms, source: 'at' };
  }
  let layers: Layer[] | undefined;
  if (values.layers !== undefined) {
    layers = values.layers.split(',').map((l) => l.trim()).filter(Boolean) as Layer[];
    const bad = layers.filter((l) => !(LAYERS as readonly string[]).includes(l));
    if (bad.length || !layers.length) throw new UsageError(`--layers takes a comma-separated list of ${LAYERS.join(', ')}; got "${values.layers}"`);
  }
  return { ...(anchors.length ? { anchors } : {}), ...(crls.length ? { crls } : {}), ...(at ? { at } : {}), ...(layers ? { layers } : {}) };
}

function readPemOrDer(path: string, label: string): Uint8Array {
  const bytes = readInput(path, label === 'X509 CRL' ? 'CRL' : label);
  const text = Buffer.from(bytes).toString('latin1');
  const m = new RegExp(`-----BEGIN ${label}-----([\\s\\S]*?)-----END ${label}-----`).exec(text);
  return m ? new Uint8Array(Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64')) : bytes;
}

const HEX = /^(?:[0-9a-fA-F]{2})+$/;

/** --kek KEYID:KEY or KEY, both hex. */
export function parseKek(value: string): { keyId: Uint8Array | null; key: Uint8Array } {
  const [a, b, ...rest] = value.split(':');
  const keyHex = b === undefined ? a! : b;
  const idHex = b === undefined ? null : a!;
  if (rest.length || !HEX.test(keyHex) || (idHex !== null && !HEX.test(idHex))) throw new UsageError(`--kek must be KEYID:KEY or KEY in hex, got "${value}"`);
  return { keyId: idHex === null ? null : new Uint8Array(Buffer.from(idHex, 'hex')), key: new Uint8Array(Buffer.from(keyHex, 'hex')) };
}

/**
 * A sample's key material and expected content: its recipient key and certificate, password and
 * KEK; the content when it is detached, or when the sample is one layer of a non-signed type (the
 * content then is what decryption or decompression must yield). With layers, only the outermost
 * is checked, so the content is not compared.
 */
function sampleInputs(dir: string, s: Manifest['samples'][number]) {
  const i = s.inputs;
  const read = (p: string) => readInput(join(dir, p), `input of ${s.id}`);
  const compare = !i.layers && s.contentType !== 'signedData';
  return {
    content: i.content && (i.detached || compare) ? read(i.content) : null,
    ...(i.recipient ? { keys: [{ key: read(i.recipient.key), cert: read(i.recipient.cert) }] } : {}),
    ...(i.password !== undefined ? { password: i.password } : {}),
    ...(i.kek ? { kek: { keyId: i.kek.keyId ? new Uint8Array(Buffer.from(i.kek.keyId, 'hex')) : null, key: new Uint8Array(Buffer.from(i.kek.key, 'hex')) } } : {}),
  };
}

/** The manifest at PATH (`-`: stdin, its paths then relative to the working directory), validated. */
function loadManifestArg(path: string): Manifest {
  const read = path === '-' ? parseManifest('stdin', readInputText('-', '--manifest')) : readManifest(path);
  if (!read.ok) throw new InputError(read.error);
  return read.manifest;
}

/** "116 valid, 152 invalid, 5 acceptable": acceptable samples are never counted as invalid ones. */
function expectedCounts(results: readonly FileResult[]): string {
  const n = (e: string) => results.filter((r) => r.expectation?.expected === e).length;
  return `${n('valid')} valid, ${n('invalid')} invalid, ${n('acceptable')} acceptable`;
}

/** One task per manifest sample, with the sample's own inputs (cli/check-tasks.ts runs them). */
export function manifestTasks(path: string, profile: Profile, extra: Pick<CheckOptions, 'layers' | 'maxDepth' | 'maxNodes' | 'maxPbkdf2Iterations'> = {}): { tasks: CheckTask[]; samples: Manifest['samples'][number][] } {
  const dir = path === '-' ? '.' : dirname(path);
  const manifest = loadManifestArg(path);
  const anchors = manifest.trustAnchors.map((c) => readCert(join(dir, c)));
  // The manifest's trust anchors and validation time: paths are validated as of that time, so
  // the corpus checks the same way on any day (no wall clock).
  const x509 = {
    anchors: anchors.map((der, i) => ({ der, label: `trust anchor ${manifest.trustAnchors[i]}` })),
    at: { ms: Date.parse(manifest.validationTime), source: 'manifest' as const },
    ...extra,
  };
  const tasks = manifest.samples.map((s): CheckTask => {
    const certs = [...(s.inputs.signerCerts ?? []).map((c) => readCert(join(dir, c))), ...anchors];
    const inputs = sampleInputs(dir, s);
    // A sample is judged under the requested profile when it belongs to it, else under its own
    // (an S/MIME v3-only sample is not expected to meet RFC 8551).
    const own = s.profiles.includes(profile) ? profile : (s.profiles[0] ?? profile);
    const originalSample = s.inputs.receiptFor ? manifest.samples.find((o) => o.id === s.inputs.receiptFor) : undefined;
    const original = originalSample ? readInput(join(dir, originalSample.file), `original of ${s.id}`) : undefined;
    const certLabels = [...(s.inputs.signerCerts ?? []), ...manifest.trustAnchors];
    const crls = (s.inputs.crls ?? []).map((c) => ({ der: readPemOrDer(join(dir, c), 'X509 CRL'), label: c }));
    return { name: s.file, path: join(dir, s.file), what: `sample ${s.id}`, streamAbove: DEFAULT_STREAM_ABOVE, sample: { id: s.id, expected: s.expected, requirements: s.requirements, ...(s.limit ? { limit: s.limit } : {}) }, options: { profile: own, certs, certLabels, ...inputs, ...x509, ...(crls.length ? { crls } : {}), ...(original ? { original } : {}) } };
  });
  return { tasks, samples: [...manifest.samples] };
}

export function checkManifest(path: string, catalog: Catalog, profile: Profile, extra: Pick<CheckOptions, 'layers'> = {}): { results: FileResult[]; mismatches: string[] } {
  const { tasks, samples } = manifestTasks(path, profile, extra);
  const results: FileResult[] = [];
  const mismatches: string[] = [];
  tasks.forEach((t, i) => {
    const s = samples[i]!;
    const r = checkBytes(t.name, readInput(t.path, t.what), { catalog, ...t.options });
    const expectation = judge(s, r);
    results.push({ ...r, expectation });
    if (!expectation.matches) mismatches.push(`  ${s.id}: ${expectation.mismatch}`);
  });
  return { results, mismatches };
}
