/**
 * The python-cryptography adapter driven for real through its one Python process: enveloped and
 * certs-only samples accepted with the exact content, a tampered copy rejected, signed samples
 * declared unsupported (no verify API), its products accepted by `openssl cms`, and the worker's
 * death and silence reported as crash and hang.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ProduceFeature } from '../adapters/adapter.ts';
import { runProgram } from '../adapters/run.ts';
import { JsonLineWorker } from '../adapters/stacks/json-worker.ts';
import { pythonCryptographyAdapter as py } from '../adapters/stacks/python-cryptography.ts';
import { CORPUS, readBytes } from './helpers/corpus.ts';
import { adapterDriver } from './helpers/adapter-driver.ts';

const { sample, consume } = adapterDriver(py);

afterAll(() => py.close());

describe('python-cryptography adapter', () => {
  it('probes cryptography in the python3 on PATH', async () => {
    const p = await py.probe();
    expect(p.installed && p.version).toMatch(/^cryptography \d+\.\d+/);
  });

  it('decrypts enveloped samples (DER and S/MIME) to the exact content', async () => {
    for (const id of ['enveloped-data/rsa-pkcs1/aes-128-cbc', 'enveloped-data/rsa-pkcs1/aes-256-cbc', 'smime/pkcs7-mime/enveloped-data']) {
      const v = await consume(id);
      expect(v.verdict === 'reject' || v.verdict === 'error' ? v.error : v.verdict, id).toBe('accept');
      const expected = readBytes(CORPUS, sample(id).inputs.content!);
      expect(v.verdict === 'accept' && Buffer.from(v.content ?? []).equals(Buffer.from(expected)), id).toBe(true);
    }
  });

  it('reads a certs-only message', async () => {
    expect(await consume('signed-data/certs-only')).toEqual({ verdict: 'accept', content: null });
  });

  it('rejects an enveloped message with a flipped ciphertext octet', async () => {
    const v = await consume('enveloped-data/rsa-pkcs1/aes-128-cbc', (b) => { b[b.length - 1]! ^= 0x01; });
    expect(v.verdict).toBe('reject');
  });

  it('declares what the pkcs7 module cannot do', () => {
    for (const [id, reason] of [['signed-data/rsa-sha256/attached', /no verify API/], ['enveloped-data/rsa-pkcs1/3des-cbc', /AES-128-CBC and AES-256-CBC/],
      ['enveloped-data/rsa-oaep-sha1/aes-128-cbc', /not OAEP/], ['enveloped-data/kek-aes/aes-128-cbc', /RSA key-transport/],
      ['smime/nested/signed-then-enveloped', /cannot verify/], ['digested-data/sha256', /does not process digestedData/]] as const) {
      const support = py.consumes(sample(id));
      expect(support.supported, id).toBe(false);
      expect(!support.supported && support.reason, id).toMatch(reason);
    }
  });

  it('produces signed and enveloped messages that openssl cms accepts', async () => {
    const content = new TextEncoder().encode('Content-Type: text/plain\r\n\r\nProduced by python-cryptography for the adapter test.\r\n');
    const keys = join(CORPUS, 'keys');
    for (const feature of py.produces) {
      const work = mkdtempSync(join(tmpdir(), 'cmsi-pyca-test-'));
      try {
        const r = await py.produce({ feature, content, keysDir: keys, signer: 'alice-rsa', recipient: 'bob-rsa', kek: { keyId: new Uint8Array(8), key: new Uint8Array(16) }, password: 'unused', workDir: work });
        expect(r.ok ? 'produced' : r.reason, feature).toBe('produced');
        if (!r.ok) continue;
        writeFileSync(join(work, 'm.der'), r.bytes);
        writeFileSync(join(work, 'content.txt'), content);
        const p = runProgram('openssl', opensslArgs(feature, join(work, 'm.der'), join(work, 'content.txt'), join(work, 'out.bin'), keys));
        expect(p.kind === 'exit' && p.code === 0 ? 'ok' : p, feature).toBe('ok');
        if (feature !== 'signed-data/detached') expect(Buffer.from(readBytes(work, 'out.bin')).equals(Buffer.from(content)), feature).toBe(true);
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    }
  });
});

describe('JSON-lines worker', () => {
  it('reports a worker killed by a signal as died, with the signal', async () => {
    const w = new JsonLineWorker('python3', ['-c', 'import os, signal; os.kill(os.getpid(), signal.SIGSEGV)']);
    expect(await w.request({ op: 'version' })).toMatchObject({ kind: 'died', how: 'SIGSEGV' });
  });

  it('reports a silent worker as a timeout and starts a fresh one for the next request', async () => {
    const w = new JsonLineWorker('python3', ['-c', 'import sys, time\nfor line in sys.stdin:\n    time.sleep(60) if "sleep" in line else print(line, end="", flush=True)']);
    expect(await w.request({ op: 'sleep' }, 300)).toEqual({ kind: 'timeout' });
    expect(await w.request({ op: 'echo' }, 5_000)).toMatchObject({ kind: 'answer', body: { op: 'echo' } });
    w.stop();
  });

  it('reports a missing program as a spawn error, never as a verdict', async () => {
    const w = new JsonLineWorker('/nonexistent/python3', []);
    expect(await w.request({ op: 'version' })).toMatchObject({ kind: 'spawn-error' });
  });
});

function opensslArgs(feature: ProduceFeature, msg: string, content: string, out: string, keys: string): string[] {
  const io = ['-inform', 'DER', '-in', msg, '-binary', '-out', out];
  if (feature === 'enveloped-data/ktri') return ['cms', '-decrypt', ...io, '-recip', join(keys, 'bob-rsa.cert.pem'), '-inkey', join(keys, 'bob-rsa.key.pem')];
  const detached = feature === 'signed-data/detached' ? ['-content', content] : [];
  return ['cms', '-verify', ...io, ...detached, '-CAfile', join(keys, 'carl-rsa.cert.pem'), '-purpose', 'any'];
}
