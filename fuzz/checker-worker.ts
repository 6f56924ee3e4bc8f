/**
 * The checker as a separate consumer of fuzzed messages: a process that reads one JSON request per
 * line ({id, sample, bytes: base64}) and answers with the checker's verdict on those bytes, judged
 * with the corpus sample's own inputs (certificates, trust anchors, keys, content, validation time),
 * as `cmsi check --manifest` judges the sample itself. The fuzzer (generator side) never imports
 * the checker: data flows one way, messages in, verdicts out (fuzz/checker-client.ts).
 *
 * usage: node checker-worker.js CORPUS_DIR
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { loadCatalog } from '../core/catalog.ts';
import { contentOf, readDer, type DerNode } from '../core/der/reader.ts';
import { LAYERS } from '../core/layers.ts';
import { loadManifestFile } from '../core/manifest-file.ts';
import type { Sample } from '../core/manifest.ts';
import { checkBytes, type CheckOptions } from '../checkers/engine.ts';
import type { FileResult } from '../checkers/finding.ts';

const dir = process.argv[2] ?? 'corpus';
const manifest = loadManifestFile(join(dir, 'manifest.yaml'));
const catalog = loadCatalog();
const read = (p: string) => new Uint8Array(readFileSync(join(dir, p)));
const der = (p: string): Uint8Array => {
  const text = Buffer.from(read(p)).toString('latin1');
  const m = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/.exec(text);
  return m ? new Uint8Array(Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64')) : read(p);
};
const anchors = manifest.trustAnchors.map((t) => ({ der: der(t), label: `trust anchor ${t}` }));
const at = { ms: Date.parse(manifest.validationTime), source: 'manifest' as const };
const options = new Map<string, CheckOptions>();

function optionsFor(s: Sample): CheckOptions {
  const i = s.inputs;
  const compare = !i.layers && s.contentType !== 'signedData';
  return {
    catalog, profile: s.profiles.includes('current') ? 'current' : (s.profiles[0] ?? 'current'), anchors, at,
    certs: [...(i.signerCerts ?? []).map(der), ...anchors.map((a) => a.der)],
    content: i.content && (i.detached || compare) ? read(i.content) : null,
    ...(i.recipient ? { keys: [{ key: read(i.recipient.key), cert: read(i.recipient.cert) }] } : {}),
    ...(i.password !== undefined ? { password: i.password } : {}),
    ...(i.kek ? { kek: { keyId: i.kek.keyId ? new Uint8Array(Buffer.from(i.kek.keyId, 'hex')) : null, key: new Uint8Array(Buffer.from(i.kek.key, 'hex')) } } : {}),
  };
}

/** The MUST-level failures, in layer order: the first is what the verdict is for. */
function failing(r: FileResult): { rule: string; layer: string }[] {
  const fails = r.findings.filter((f) => f.status === 'fail' && !f.producerOnly);
  return fails.sort((a, b) => LAYERS.indexOf(a.layer) - LAYERS.indexOf(b.layer)).map((f) => ({ rule: f.rule, layer: f.layer }));
}

const octetsOf = (b: Uint8Array, n: DerNode): Buffer => (n.constructed ? Buffer.concat(n.children.map((c) => octetsOf(b, c))) : Buffer.from(contentOf(b, n)));

/**
 * The content a consumer should return: what the checker decrypted or decompressed last, else the
 * eContent of a SignedData or DigestedData (both hold encapContentInfo third), else the detached
 * content it was given. Null when there is none to compare with.
 */
function contentOfMessage(bytes: Uint8Array, recovered: Uint8Array | null, o: CheckOptions): string | null {
  let content: Uint8Array | null = recovered;
  if (!content) {
    const root = readDer(bytes, { allowTrailing: true }).root;
    const e = root?.children[1]?.children[0]?.children[2]?.children[1]?.children[0];
    content = e && e.tag === 4 ? octetsOf(bytes, e) : o.content;
  }
  return content ? createHash('sha256').update(content).digest('hex') : null;
}

const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  let id: unknown = null;
  try {
    const req = JSON.parse(line) as { id: number; sample: string; bytes: string };
    id = req.id;
    const s = manifest.samples.find((x) => x.id === req.sample);
    if (!s) throw new Error(`no sample ${req.sample}`);
    let o = options.get(s.id);
    if (!o) options.set(s.id, (o = optionsFor(s)));
    const bytes = new Uint8Array(Buffer.from(req.bytes, 'base64'));
    let recovered: Uint8Array | null = null;
    const r = checkBytes(s.file, bytes, { ...o, onRecovered: (c) => { recovered = c; } });
    const contentSha256 = r.verdict === 'valid' || r.verdict === 'acceptable' ? contentOfMessage(bytes, recovered, o) : null;
    process.stdout.write(`${JSON.stringify({ id, verdict: r.verdict, failing: failing(r), reason: r.reason?.slice(0, 300) ?? null, contentSha256 })}\n`);
  } catch (e) {
    process.stdout.write(`${JSON.stringify({ id, error: (e as Error).message })}\n`);
  }
});
