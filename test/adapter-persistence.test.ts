/**
 * The per-message mode of the adapters that keep a persistent process (Bouncy Castle's JVM,
 * python-cryptography's Python worker): createXAdapter({ persistent: false }) really starts a new
 * process for every message and ends it after the answer, while the default instance keeps one,
 * and both modes give the same verdicts (and contents) on the same samples. bench/interop.ts
 * measures the difference; this only checks that the two modes are what they say.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Adapter } from '../adapters/adapter.ts';
import { createBouncyCastleAdapter } from '../adapters/stacks/bouncycastle.ts';
import { createPythonCryptographyAdapter } from '../adapters/stacks/python-cryptography.ts';
import type { ConsumeVerdict } from '../adapters/verdict.ts';
import { CORPUS, loadManifest, readBytes } from './helpers/corpus.ts';
import { processAlive } from '../interop/dir-lock.ts';

const manifest = loadManifest();

async function consume(a: Adapter, id: string): Promise<ConsumeVerdict> {
  const s = manifest.samples.find((x) => x.id === id);
  if (!s) throw new Error(`no sample ${id}`);
  expect(a.consumes(s), `${a.name} ${id}`).toEqual({ supported: true });
  return a.consume({ manifest, dir: CORPUS, sample: s, bytes: readBytes(CORPUS, s.file) });
}

/** The comparable part of a verdict: its kind and, for an accept, the content. */
const summary = (v: ConsumeVerdict) => (v.verdict === 'accept' ? { verdict: v.verdict, content: v.content === null ? null : Buffer.from(v.content).toString('hex') } : { verdict: v.verdict });

const cases: { stack: string; create: (o: { persistent: boolean; onSpawn: (pid: number) => void }) => Adapter; samples: string[] }[] = [
  {
    stack: 'Bouncy Castle',
    create: createBouncyCastleAdapter,
    // A signature, a decryption, and a triple-wrapped message (three layers: one JVM for all three).
    samples: ['signed-data/rsa-sha256/attached', 'enveloped-data/rsa-pkcs1/aes-128-cbc', 'ess/triple-wrapped'],
  },
  {
    stack: 'python-cryptography',
    create: createPythonCryptographyAdapter,
    // Two decryptions and an invalid message it rejects.
    samples: ['enveloped-data/rsa-pkcs1/aes-128-cbc', 'smime/pkcs7-mime/enveloped-data', 'invalid/enveloped/cbc-padding-inconsistent'],
  },
];

describe.each(cases)('$stack: persistent process vs one process per message', ({ create, samples }) => {
  const persistentPids: number[] = [];
  const perMessagePids: number[] = [];
  const persistent = create({ persistent: true, onSpawn: (pid) => persistentPids.push(pid) });
  const perMessage = create({ persistent: false, onSpawn: (pid) => perMessagePids.push(pid) });
  afterAll(async () => {
    await persistent.close();
    await perMessage.close();
  });

  it('starts a fresh process per message, ends it after the answer, and gives the persistent verdicts', async () => {
    const kept: ConsumeVerdict[] = [];
    for (const id of samples) kept.push(await consume(persistent, id));
    expect(persistentPids).toHaveLength(1);
    expect(processAlive(persistentPids[0]!)).toBe(true);

    const fresh: ConsumeVerdict[] = [];
    for (const [n, id] of samples.entries()) {
      fresh.push(await consume(perMessage, id));
      expect(perMessagePids, id).toHaveLength(n + 1);
      expect(processAlive(perMessagePids[n]!), `process of ${id} still running`).toBe(false);
    }
    expect(new Set(perMessagePids).size).toBe(samples.length);
    expect(perMessagePids).not.toContain(persistentPids[0]);

    expect(fresh.map(summary)).toEqual(kept.map(summary));
    // Not a vacuous comparison: the samples are really processed (an accept, and for Python a reject).
    expect(kept.map((v) => v.verdict)).toContain('accept');
    expect(kept.every((v) => v.verdict === 'accept' || v.verdict === 'reject')).toBe(true);
  }, 120_000);
});
