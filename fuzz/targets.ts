/**
 * What a campaign fuzzes: the corpus's valid single-layer DER/BER samples (the base messages every
 * mutation starts from), and for each base the stacks that take it, i.e. that support it and
 * accept the unmutated sample (a stack that already rejects the base would only report that, on
 * every mutant). Bases are chosen by id prefix (`--bases`); the order is the manifest's, so the
 * same corpus and options give the same base indices, which {seed, path} depend on.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Adapter } from '../adapters/adapter.ts';
import type { ConsumeVerdict } from '../adapters/verdict.ts';
import { loadManifestFile } from '../core/manifest-file.ts';
import type { Manifest, Sample } from '../core/manifest.ts';
import { keyBesideCertificate, makeResigner } from './resign.ts';

const FUZZED_TYPES = new Set(['signedData', 'digestedData', 'envelopedData', 'authEnvelopedData', 'encryptedData']);

export interface Base {
  readonly sample: Sample;
  readonly bytes: Uint8Array;
  readonly resign: (bytes: Uint8Array) => Uint8Array;
}

export interface Corpus {
  readonly dir: string;
  readonly manifest: Manifest;
  readonly bases: readonly Base[];
}

export function eligible(s: Sample): boolean {
  return s.expected === 'valid' && s.format !== 'smime' && !s.inputs.layers && FUZZED_TYPES.has(s.contentType) && !s.features.includes('certs-only');
}

export function loadCorpus(dir: string, prefixes: readonly string[] = []): Corpus {
  const manifest = loadManifestFile(join(dir, 'manifest.yaml'));
  const chosen = manifest.samples.filter((s) => eligible(s) && (prefixes.length === 0 || prefixes.some((p) => s.id.startsWith(p))));
  const bases = chosen.map((sample) => {
    const cert = sample.inputs.signerCerts?.[0];
    const detached = sample.inputs.detached && sample.inputs.content ? new Uint8Array(readFileSync(join(dir, sample.inputs.content))) : null;
    return { sample, bytes: new Uint8Array(readFileSync(join(dir, sample.file))), resign: makeResigner(cert ? keyBesideCertificate(join(dir, cert)) : null, detached) };
  });
  return { dir, manifest, bases };
}

/** One consume with a time bound of our own (in-process stacks have none). */
export async function consumeOnce(adapter: Adapter, corpus: Corpus, sample: Sample, bytes: Uint8Array, timeoutMs: number,
  { decryptAsDeployed = false }: { readonly decryptAsDeployed?: boolean } = {}): Promise<ConsumeVerdict> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<ConsumeVerdict>((resolve) => { timer = setTimeout(() => resolve({ verdict: 'hang' }), timeoutMs); });
  try {
    return await Promise.race([adapter.consume({ manifest: corpus.manifest, dir: corpus.dir, sample, bytes, decryptAsDeployed }).catch((e: Error) => ({ verdict: 'error' as const, error: `adapter threw: ${e.message}` })), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** What an input mutates: a corpus base, or a fresh message with the corpus sample of its kind. */
export interface Target {
  readonly sample: Sample;
  readonly bytes: Uint8Array;
  readonly resign: (bytes: Uint8Array) => Uint8Array;
}

/**
 * The target of an input: its base sample, or (a generated message) the fresh bytes judged with
 * the inputs of the corpus's attached SignedData of the same algorithm (signer certificate, trust
 * anchors). Null when the corpus has no such sample.
 */
export function targetOf(corpus: Corpus, input: { readonly base: number; readonly fresh?: { readonly algorithm: string; readonly bytes: Uint8Array } | null }): Target | null {
  if (!input.fresh) return corpus.bases[input.base] ?? null;
  const sample = corpus.manifest.samples.find((s) => s.id === `signed-data/${input.fresh!.algorithm}/attached`);
  if (!sample) return null;
  const cert = sample.inputs.signerCerts?.[0];
  return { sample, bytes: input.fresh.bytes, resign: makeResigner(cert ? keyBesideCertificate(join(corpus.dir, cert)) : null, null) };
}

/** For each base index, the adapters that support it and accept it unmutated. */
export async function baseline(corpus: Corpus, adapters: readonly Adapter[], timeoutMs: number): Promise<Adapter[][]> {
  const out: Adapter[][] = [];
  for (const b of corpus.bases) out.push(await takersOf(corpus, adapters, b.sample, timeoutMs));
  return out;
}

/** The adapters that support a sample and accept its corpus file. */
export async function takersOf(corpus: Corpus, adapters: readonly Adapter[], sample: Sample, timeoutMs: number): Promise<Adapter[]> {
  const takers: Adapter[] = [];
  const bytes = new Uint8Array(readFileSync(join(corpus.dir, sample.file)));
  for (const a of adapters) {
    if (!a.consumes(sample).supported) continue;
    if ((await consumeOnce(a, corpus, sample, bytes, timeoutMs)).verdict === 'accept') takers.push(a);
  }
  return takers;
}
