/**
 * Test helper: one adapter produces a feature with the cast's keys, the way the interop run asks
 * (interop/run.ts), and the message is judged by `openssl cms` (opensslConsume with the produced
 * sample's inputs) and by our checker (checkBytes with the recipient key, KEK or password).
 */
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Adapter, ProduceFeature } from '../../adapters/adapter.ts';
import { opensslConsume } from '../../adapters/openssl.ts';
import type { ConsumeVerdict } from '../../adapters/verdict.ts';
import { checkBytes } from '../../checkers/engine.ts';
import type { FileResult } from '../../checkers/finding.ts';
import { loadCatalog } from '../../core/catalog.ts';
import type { Sample } from '../../core/manifest.ts';
import { PRODUCE_KEK, PRODUCE_PASSWORD, producedSample } from '../../interop/produced-sample.ts';
import { CORPUS, loadManifest } from './corpus.ts';

export const PRODUCED_CONTENT = new TextEncoder().encode('Content-Type: text/plain\r\n\r\nProduced for the cms-interop adapter test.\r\n');

export interface Produced {
  readonly sample: Sample;
  readonly bytes: Uint8Array;
  /** openssl cms on the message, with the produced sample's inputs. */
  readonly openssl: ConsumeVerdict;
  /** The adapter's own stack consuming what it produced. */
  readonly self: ConsumeVerdict;
  readonly checker: FileResult;
}

const pemDer = (path: string): Uint8Array =>
  new Uint8Array(Buffer.from(readFileSync(path, 'utf8').replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64'));

/** True when an accept verdict carries exactly `content`. */
export const acceptsWith = (v: ConsumeVerdict, content: Uint8Array): boolean =>
  v.verdict === 'accept' && v.content !== null && Buffer.from(v.content).equals(Buffer.from(content));

export const verdictText = (v: ConsumeVerdict): string =>
  v.verdict === 'reject' || v.verdict === 'error' ? `${v.verdict}: ${v.error}` : v.verdict === 'unsupported' ? `unsupported: ${v.reason}` : v.verdict;

export async function produceAndJudge(a: Adapter, feature: ProduceFeature): Promise<Produced> {
  const dir = mkdtempSync(join(tmpdir(), 'cmsi-produced-test-'));
  try {
    symlinkSync(join(CORPUS, 'keys'), join(dir, 'keys'));
    writeFileSync(join(dir, 'content.txt'), PRODUCED_CONTENT);
    const r = await a.produce({ feature, content: PRODUCED_CONTENT, keysDir: join(dir, 'keys'), signer: 'alice-rsa', recipient: 'bob-rsa', kek: PRODUCE_KEK, password: PRODUCE_PASSWORD, workDir: dir });
    if (!r.ok) throw new Error(`${a.name} could not produce ${feature}: ${r.verdict} ${r.reason}`);
    const file = `${feature.replace(/\//g, '_')}.der`;
    writeFileSync(join(dir, file), r.bytes);
    const sample = producedSample(a.name, feature, file);
    const manifest = { ...loadManifest(), trustAnchors: ['keys/carl-rsa.cert.pem'], samples: [sample] };
    const i = sample.inputs;
    const checker = checkBytes(file, r.bytes, {
      catalog: loadCatalog(), profile: 'current',
      certs: (i.signerCerts ?? []).map((c) => pemDer(join(dir, c))),
      content: i.detached ? PRODUCED_CONTENT : null,
      keys: i.recipient ? [{ key: pemDer(join(dir, i.recipient.key)), cert: pemDer(join(dir, i.recipient.cert)) }] : [],
      ...(i.password ? { password: i.password } : {}),
      ...(i.kek ? { kek: { keyId: i.kek.keyId ? new Uint8Array(Buffer.from(i.kek.keyId, 'hex')) : null, key: new Uint8Array(Buffer.from(i.kek.key, 'hex')) } } : {}),
    });
    return {
      sample, bytes: r.bytes, checker,
      openssl: opensslConsume(manifest, dir, sample, r.bytes),
      self: await a.consume({ manifest, dir, sample, bytes: r.bytes }),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const failedRules = (r: FileResult): string[] => [...new Set(r.findings.filter((f) => f.status === 'fail').map((f) => f.rule))];
