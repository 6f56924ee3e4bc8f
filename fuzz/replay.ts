/**
 * `cmsi fuzz --replay FILE`: each finding of FILE (findings.jsonl, or one reproducer's .json) is
 * regenerated twice, and both must agree with what was saved: fast-check's {seed, path} must give
 * the recorded base and steps again, and the steps applied to the base must give the reproducer's
 * octets. The reproducer is then given to the finding's stack (and to the others when the oracle
 * is differential) and to the checker; the finding replays when the same (stack, oracle, layer,
 * rule) shows again.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Adapter } from '../adapters/adapter.ts';
import { loadCast } from '../generators/cast.ts';
import { fuzzInput, generatedArbitrary, type FuzzInput } from './arbitrary.ts';
import { CheckerClient } from './checker-client.ts';
import { readFindings, type FindingRecord } from './findings.ts';
import { observationKey, observe, type StackRun } from './oracles.ts';
import { applySteps } from './steps.ts';
import { consumeOnce, loadCorpus, targetOf } from './targets.ts';

export type ReplayOutcome =
  | { readonly id: string; readonly replayed: true; readonly detail: string }
  | { readonly id: string; readonly replayed: false; readonly why: string };

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** The input fast-check generates at {seed, path}, without running anything. */
export function inputAt(seed: number, path: string, bases: number, maxSteps: number, generated = false): FuzzInput | null {
  let first: FuzzInput | null = null;
  const arb = fuzzInput(bases, maxSteps, generated ? generatedArbitrary(loadCast()) : undefined);
  fc.check(fc.property(arb, (i) => { first ??= i; return true; }), { seed, path });
  return first;
}

export async function replayFindings(file: string, corpusDir: string, adapters: readonly Adapter[], timeoutMs = 20_000): Promise<ReplayOutcome[]> {
  const { dir, findings } = readFindings(file);
  const out: ReplayOutcome[] = [];
  const checker = new CheckerClient(corpusDir);
  try {
    for (const f of findings) out.push(await replayOne(f, dir));
  } finally {
    await checker.close();
  }
  return out;

  async function replayOne(f: FindingRecord, dir: string): Promise<ReplayOutcome> {
    const no = (why: string): ReplayOutcome => ({ id: f.id, replayed: false, why });
    const corpus = loadCorpus(corpusDir, f.bases);
    const regenerated = inputAt(f.seed, f.path, corpus.bases.length, f.maxSteps, f.generated);
    const base = regenerated ? targetOf(corpus, regenerated) : null;
    if (!regenerated || !base || base.sample.id !== f.base || (regenerated.fresh?.algorithm ?? null) !== f.fresh
      || JSON.stringify(regenerated.steps) !== JSON.stringify(f.steps) || regenerated.resign !== f.resigned) {
      return no(`{seed ${f.seed}, path ${f.path}} no longer generates the recorded input (corpus or fuzzer changed)`);
    }
    const bytes = applySteps(base.bytes, f.steps, { donors: corpus.bases.map((b) => b.bytes) }, f.resigned ? base.resign : undefined);
    if (sha256(bytes) !== f.reproducerSha256) return no('the steps no longer give the reproducer\'s octets');
    const saved = join(dir, f.reproducer);
    if (existsSync(saved) && sha256(new Uint8Array(readFileSync(saved))) !== f.reproducerSha256) return no(`${f.reproducer} was changed`);
    const answer = await checker.check(base.sample.id, bytes);
    const runs: StackRun[] = [];
    for (const a of adapters) {
      if (a.name !== f.stack && f.oracle !== 'differential') continue;
      if (!a.consumes(base.sample).supported) continue;
      // A differential needs the other stacks only where they take the unmutated base.
      if (a.name !== f.stack && (await consumeOnce(a, corpus, base.sample, base.bytes, timeoutMs)).verdict !== 'accept') continue;
      runs.push({ stack: a.name, verdict: await consumeOnce(a, corpus, base.sample, bytes, timeoutMs) });
    }
    if (!runs.some((r) => r.stack === f.stack)) return no(`stack ${f.stack} is not available`);
    const key = observationKey(f);
    const ob = observe(answer, runs).find((x) => observationKey(x) === key);
    return ob ? { id: f.id, replayed: true, detail: ob.detail } : no(`${key} did not show; the stack said: ${JSON.stringify(runs.find((r) => r.stack === f.stack)?.verdict).slice(0, 300)}`);
  }
}
