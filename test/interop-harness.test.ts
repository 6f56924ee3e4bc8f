/**
 * The interop harness itself, with fake adapters (fakes only here, never in interop claims): a
 * stack that hangs or crashes on a message is recorded as hang/crash for that message and the run
 * goes on; a harness error is `error`, never `reject`. And a run killed midway, resumed, gives the
 * same final results as an uninterrupted run.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Adapter } from '../adapters/adapter.ts';
import { runProgram } from '../adapters/run.ts';
import { readRecords, recordKey, type ConsumeRecord } from '../interop/records.ts';
import { runInterop } from '../interop/run.ts';
import { gateFailures } from '../reports/gates.ts';
import { CORPUS, REPO } from './helpers/corpus.ts';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'cmsi-interop-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A fake stack that runs a real process per message: it sleeps on one sample, kills itself on another. */
function fakeStack(name: string): Adapter {
  return {
    name, lineage: 'fake', produces: [],
    async probe() { return { installed: true, version: '0' }; },
    consumes: (s) => (s.id.startsWith('data/') || s.id === 'digested-data/sha256' ? { supported: true } : { supported: false, reason: 'fake stack' }),
    async consume({ sample }) {
      const script = sample.id === 'data/der' ? 'sleep 30' : sample.id === 'data/ber-indefinite' ? 'kill -SEGV $$' : sample.id === 'digested-data/sha256' ? 'exit 3' : 'true';
      const r = runProgram('/bin/sh', ['-c', script], { timeoutMs: 1000 });
      if (r.kind === 'timeout') return { verdict: 'hang' };
      if (r.kind === 'signal') return { verdict: 'crash', signal: r.signal };
      if (r.kind === 'spawn-error') return { verdict: 'error', error: r.message };
      return r.code === 0 ? { verdict: 'accept', content: null } : { verdict: 'reject', error: `exit ${r.code}` };
    },
    async produce() { return { ok: false, verdict: 'unsupported', reason: 'fake' }; },
    async close() {},
  };
}

/** A fake stack whose adapter code throws: a harness error, which must not read as a reject. */
const throwing: Adapter = { ...fakeStack('thrower'), async consume() { throw new Error('adapter bug'); } };

describe('interop harness', () => {
  it('records hang and crash for the message that caused them and goes on', async () => {
    const out = tmp();
    const { records } = await runInterop({ adapters: [fakeStack('fake')], corpusDir: CORPUS, outDir: out, existing: 'refuse', jobs: 1 });
    const byId = new Map(records.filter((r): r is ConsumeRecord => r.kind === 'consume').map((r) => [r.sample, r]));
    expect(byId.get('data/der')?.verdict).toBe('hang');
    expect(byId.get('data/ber-indefinite')?.verdict).toBe('crash');
    expect(byId.get('digested-data/sha256')?.verdict).toBe('reject');
    expect(byId.get('signed-data/rsa-sha256/attached')?.verdict).toBe('unsupported');
    // every sample got a record: the run went on after the hang and the crash
    expect(byId.size).toBe(readFileSync(join(CORPUS, 'manifest.yaml'), 'utf8').split('\n  - id: ').length - 1);
    // and --fail-on crash (a default gate of cmsi interop) holds on them
    expect(gateFailures(records, [], ['crash'])).toEqual([expect.stringMatching(/^crash: 2 records where a stack crashed, hung or its adapter failed/)]);
    expect(gateFailures(records, [], ['missing-stack'])).toEqual([]);
    // a hang that the stack's expectations explain is named but not counted; the crash still is
    const hangKnown = (r: Pick<ConsumeRecord, 'sample' | 'verdict'>) => (r.sample === 'data/der' && r.verdict === 'hang' ? { sample: 'data/der', outcome: 'hang' as const, reason: 'test' } : null);
    expect(gateFailures(records, [], ['crash'], hangKnown)).toEqual([expect.stringMatching(/^crash: 1 records where a stack crashed, hung or its adapter failed, e\.g\. fake consuming data\/ber-indefinite: crash \(and 1 known from expectations\/<stack>\.yaml, not counted\)$/)]);
    const allKnown = (r: Pick<ConsumeRecord, 'sample' | 'verdict'>) => (r.verdict === 'hang' || r.verdict === 'crash' ? { sample: r.sample, outcome: 'hang' as const, reason: 'test' } : null);
    expect(gateFailures(records, [], ['crash'], allKnown)).toEqual([]);
  }, 60_000);

  it('an adapter that throws is recorded as error, never reject', async () => {
    const out = tmp();
    const { records } = await runInterop({ adapters: [throwing], corpusDir: CORPUS, outDir: out, existing: 'refuse', jobs: 1 });
    const r = records.find((x): x is ConsumeRecord => x.kind === 'consume' && x.sample === 'data/der');
    expect(r?.verdict).toBe('error');
    expect(r?.detail).toContain('adapter bug');
  }, 60_000);

  it('a run killed midway and resumed gives the same results as an uninterrupted run', async () => {
    const full = tmp();
    const cli = join(REPO, 'bin', 'cmsi.js');
    const run = (out: string, extra: string[] = []) => new Promise<number>((resolve) => {
      const p = spawn(process.execPath, [cli, 'interop', '--stacks', 'openssl', '--corpus', CORPUS, '--out', out, ...extra], { stdio: 'ignore' });
      p.on('exit', (code) => resolve(code ?? -1));
    });
    expect(await run(full)).toBe(0);
    const killed = tmp();
    const child = spawn(process.execPath, [cli, 'interop', '--stacks', 'openssl', '--corpus', CORPUS, '--out', killed], { stdio: 'ignore' });
    // Wait until part of the consume phase is on disk, then kill the run hard.
    const consumeFile = join(killed, 'consume.jsonl');
    for (let i = 0; i < 400; i++) {
      await new Promise((r) => setTimeout(r, 25));
      if (existsSync(consumeFile) && readFileSync(consumeFile, 'utf8').split('\n').length > 30) break;
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    const partial = readRecords(killed).filter((r) => r.kind === 'consume').length;
    const total = readRecords(full).filter((r) => r.kind === 'consume').length;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(total);
    expect(await run(killed, ['--resume'])).toBe(0);
    const summary = (dir: string) => readRecords(dir)
      .filter((r) => r.kind !== 'produce')
      .map((r) => `${recordKey(r)} ${'verdict' in r ? r.verdict : ''} ${'contentMatch' in r ? r.contentMatch : ''}`).sort();
    expect(summary(killed)).toEqual(summary(full));
    const producedKeys = (dir: string) => readRecords(dir).filter((r) => r.kind === 'produce').map((r) => `${recordKey(r)} ${r.kind === 'produce' ? r.verdict : ''}`).sort();
    expect(producedKeys(killed)).toEqual(producedKeys(full));
  }, 120_000);
});
