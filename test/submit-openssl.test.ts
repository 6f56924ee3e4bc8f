/**
 * Acceptance of cmsi submit with a real submission: what the local OpenSSL adapter consumed and
 * produced in a real interop run is written out as a submission (consumed.jsonl, the produced
 * messages, the cast's certificates and keys they need), zipped, and submitted under another name
 * with OpenSSL's lineage. The report must show it beside the local OpenSSL, marked submitted,
 * with the same consume verdicts, its messages cross-verified by the local OpenSSL, and the pair
 * never counted as two independent implementations.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { opensslAdapter } from '../adapters/stacks/openssl.ts';
import { readRecords, type ConsumeRecord, type CrossRecord, type ProduceRecord, type ResultRecord, type StackRecord } from '../interop/records.ts';
import { producedSample } from '../interop/produced-sample.ts';
import { runInterop } from '../interop/run.ts';
import { PRODUCE_PASSWORD } from '../interop/produced-sample.ts';
import { cmsi } from './helpers/cmsi-cli.ts';
import { loadCatalog } from '../core/catalog.ts';
import { readiness } from '../reports/readiness.ts';
import { CORPUS } from './helpers/corpus.ts';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const work = mkdtempSync(join(tmpdir(), 'cmsi-submit-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const results = join(work, 'results');

let local: ResultRecord[] = [];

/** The submission: OpenSSL's own results and messages, as files an implementer would send. */
function buildSubmission(records: readonly ResultRecord[]): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  const manifest = parse(readFileSync(join(CORPUS, 'manifest.yaml'), 'utf8')) as { samples: { id: string; inputs: { content?: string } }[] };
  const contentOf = new Map(manifest.samples.map((s) => [s.id, s.inputs.content]));
  const manifestSha = sha256(readFileSync(join(CORPUS, 'manifest.yaml')));
  const lines = records.filter((r): r is ConsumeRecord => r.kind === 'consume' && r.stack === 'openssl' && r.verdict !== 'error').map((r) => {
    const sample = r.sample;
    const base: Record<string, string> = { id: sample, actual: r.verdict === 'accept' || r.verdict === 'reject' || r.verdict === 'unsupported' || r.verdict === 'crash' ? r.verdict : 'hang' };
    // The content OpenSSL recovered: the corpus content when it matched, something else when not.
    if (r.verdict === 'accept' && r.contentMatch !== null) {
      const bytes = readFileSync(join(CORPUS, contentOf.get(sample)!));
      base.content_sha256 = r.contentMatch ? sha256(bytes) : sha256(new Uint8Array([...bytes, 0]));
    }
    if (r.detail) base.error = r.detail;
    return JSON.stringify(base);
  });
  files['consumed.jsonl'] = new TextEncoder().encode(`${lines.join('\n')}\n`);
  const produced = records.filter((r): r is ProduceRecord => r.kind === 'produce' && r.stack === 'openssl' && r.verdict === 'produced');
  const yaml: string[] = ['format: 1', 'implementation: {name: acme-smime, version: "4.2.0", vendor: Acme, lineage: openssl, contact: a@b.example}', 'date: "2026-12-01"', `corpus: {manifest_sha256: ${manifestSha}}`, 'produced:'];
  const add = (rel: string) => { files[`produced/${rel}`] = new Uint8Array(readFileSync(join(results, 'produced', rel))); return `produced/${rel}`; };
  for (const p of produced) {
    const inputs = producedSample('openssl', p.feature as never, p.file!).inputs;
    const entry: string[] = [`  - file: ${add(p.file!)}`, `    feature: ${p.feature}`];
    if (inputs.content) entry.push(`    content: ${add(inputs.content)}`);
    if (inputs.detached) entry.push('    detached: true');
    entry.push(`    trust_anchors: [${add('keys/carl-rsa.cert.pem')}]`);
    if (inputs.signerCerts?.length) entry.push(`    certs: [${inputs.signerCerts.map(add).join(', ')}]`);
    if (inputs.recipient) entry.push(`    recipient: {cert: ${add(inputs.recipient.cert)}, key: ${add(inputs.recipient.key)}}`);
    if (inputs.password) entry.push(`    password: "${PRODUCE_PASSWORD}"`);
    if (inputs.kek) entry.push(`    kek: {${inputs.kek.keyId ? `key_id: "${inputs.kek.keyId}", ` : ''}key: "${inputs.kek.key}"}`);
    yaml.push(...entry);
  }
  files['submission.yaml'] = new TextEncoder().encode(`${yaml.join('\n')}\n`);
  return zipSync(files);
}

describe('cmsi submit: OpenSSL results submitted under another name', () => {
  beforeAll(async () => {
    local = [...(await runInterop({ adapters: [opensslAdapter], corpusDir: CORPUS, outDir: results, existing: 'refuse', jobs: 1 })).records];
  }, 600_000);

  it('is accepted, consumed by the local OpenSSL, and reported beside it with the same outcomes and lineage', () => {
    const zip = join(work, 'acme.zip');
    writeFileSync(zip, buildSubmission(local));
    const r = cmsi(['submit', zip, '--corpus', CORPUS, '--out', results, '--stacks', 'openssl']);
    expect(r.stderr).toBe('');
    expect([0, 1]).toContain(r.code);
    expect(r.stdout).toMatch(/submit: acme-smime 4\.2\.0 \(lineage openssl\) added to/);
    const all = readRecords(results);
    const stack = all.find((x): x is StackRecord => x.kind === 'stack' && x.stack === 'acme-smime');
    expect(stack).toMatchObject({ source: 'submitted', lineage: 'openssl', version: '4.2.0' });
    const verdicts = (name: string) => new Map(all.filter((x): x is ConsumeRecord => x.kind === 'consume' && x.stack === name).map((x) => [x.sample, [x.verdict, x.contentMatch]]));
    const mine = verdicts('openssl');
    const theirs = verdicts('acme-smime');
    expect(theirs.size).toBeGreaterThan(200);
    for (const [id, v] of theirs) expect([id, v]).toEqual([id, mine.get(id)]);
    // Every message OpenSSL made, submitted, is judged by cmsi check as the local one was, and the local OpenSSL consumes it as it consumed its own.
    const produced = all.filter((x): x is ProduceRecord => x.kind === 'produce');
    const localMade = produced.filter((x) => x.stack === 'openssl' && x.verdict === 'produced');
    for (const p of localMade) {
      const sub = produced.find((x) => x.stack === 'acme-smime' && x.feature === p.feature);
      expect(sub?.check?.verdict, p.feature).toBe(p.check?.verdict);
      const cross = all.find((x): x is CrossRecord => x.kind === 'cross' && x.producer === 'acme-smime' && x.consumer === 'openssl' && x.feature === p.feature);
      expect(cross?.verdict, p.feature).toBe('accept');
      expect(cross?.contentMatch, p.feature).not.toBe(false);
    }
    // The report: the submitted implementation beside the local stack, marked so, the same lineage.
    const md = cmsi(['report', '--results', results, '--format', 'md']);
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/\| acme-smime \| 4\.2\.0 \| openssl \| submitted \|/);
    expect(md.stdout).toMatch(/\| openssl \| [^|]+ \| openssl \| installed \|/);
    // Counted as one lineage: the submitted messages the local OpenSSL accepted make no requirement ready,
    // while the same records with the submission under its own lineage do.
    const cat = loadCatalog();
    expect(readiness(cat.entries, all).filter((x) => x.status === 'ready')).toEqual([]);
    const relabelled = all.map((x) => ('lineage' in x && (x as StackRecord).stack === 'acme-smime' ? { ...x, lineage: 'acme' } : x)) as ResultRecord[];
    expect(readiness(cat.entries, relabelled).filter((x) => x.status === 'ready').length).toBeGreaterThan(0);
    expect(md.stdout).toMatch(/## Readiness per RFC/);
  }, 600_000);

  it('refuses a second submission under a name the results already hold, and one over another corpus', () => {
    const dir = join(work, 'again');
    mkdirSync(dir);
    writeFileSync(join(dir, 'submission.yaml'), `format: 1\nimplementation: {name: acme-smime, version: "4.2.1", lineage: openssl}\ndate: "2026-12-02"\ncorpus: {manifest_sha256: ${sha256(readFileSync(join(CORPUS, 'manifest.yaml')))}}\n`);
    const r = cmsi(['submit', dir, '--corpus', CORPUS, '--out', results, '--stacks', 'openssl']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/already holds a stack named acme-smime/);
    writeFileSync(join(dir, 'submission.yaml'), `format: 1\nimplementation: {name: acme-two, version: "1", lineage: acme}\ndate: "2026-12-02"\ncorpus: {manifest_sha256: "${'0'.repeat(64)}"}\n`);
    const o = cmsi(['submit', dir, '--corpus', CORPUS, '--out', results]);
    expect(o.code).toBe(2);
    expect(o.stderr).toMatch(/ran against the corpus with manifest SHA-256 0000/);
  });
});
