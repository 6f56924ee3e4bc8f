/**
 * A fuzz campaign: fast-check generates (base sample, mutation steps) inputs from a seed; each
 * mutant goes to the checker (a separate consumer process) and to every chosen stack that accepts
 * the unmutated base, through the adapters' persistent processes; the oracles (fuzz/oracles.ts)
 * turn the verdicts into observations. The first input that shows a new (stack, oracle, layer,
 * rule) is then shrunk with fast-check, replaying its run by {seed, path} and accepting a smaller
 * input only when it shows the same key with a message no larger than the best so far (so
 * shrinking never grows a message). `--shard i/n` executes only the runs whose index is i modulo
 * n: shards of one seed cover disjoint runs of the same sequence.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import type { Adapter } from '../adapters/adapter.ts';
import { CheckerClient, type CheckerAnswer } from './checker-client.ts';
import { loadCast } from '../generators/cast.ts';
import { fuzzInput, generatedArbitrary, type FuzzInput } from './arbitrary.ts';
import { findingId, writeFinding, writeFindingsFile, type FindingRecord } from './findings.ts';
import { observationKey, observe, type Observation, type StackRun } from './oracles.ts';
import { applySteps, describeSteps } from './steps.ts';
import { baseline, consumeOnce, loadCorpus, takersOf, targetOf, type Corpus, type Target } from './targets.ts';

export interface Shard { readonly index: number; readonly count: number }

export interface FuzzOptions {
  readonly corpusDir: string;
  readonly adapters: readonly { readonly adapter: Adapter; readonly version: string }[];
  readonly seed: number;
  readonly runs: number;
  /** Stop generating after this long (the runs done so far count). */
  readonly timeMs?: number;
  readonly shard?: Shard;
  readonly bases?: readonly string[];
  /** Also mutate valid SignedData generated on the fly (generators/arbitraries.ts), a quarter of the inputs. */
  readonly generated?: boolean;
  readonly maxSteps?: number;
  /** Executions allowed per shrink. */
  readonly shrinkBudget?: number;
  readonly timeoutMs?: number;
  readonly outDir?: string;
  readonly onProgress?: (p: Progress) => void;
  /** Aborting stops the campaign: no more runs, and each finding keeps the first input that showed it. */
  readonly signal?: AbortSignal;
}

export interface StackStats { execs: number; ms: number }

export interface Progress {
  readonly phase: 'baseline' | 'campaign' | 'shrink';
  readonly run: number;
  readonly runs: number;
  readonly findings: number;
  readonly stacks: ReadonlyMap<string, StackStats>;
}

export interface FuzzResult {
  readonly findings: readonly FindingRecord[];
  readonly runs: number;
  readonly executed: number;
  readonly stacks: ReadonlyMap<string, StackStats>;
  /** Stacks that accepted no base: nothing of theirs was fuzzed. */
  readonly idle: readonly string[];
  readonly interrupted: boolean;
  /** Mutants on which the checker itself failed (died, timed out): bugs of ours, with an example. */
  readonly checkerErrors: { readonly count: number; readonly first: string | null };
  /** Findings whose run did not show them again when replayed (a stack answering differently on the same octets). */
  readonly flaky: readonly string[];
}

interface Execution {
  readonly bytes: Uint8Array;
  readonly checker: CheckerAnswer;
  readonly runs: readonly StackRun[];
  readonly observations: readonly Observation[];
}

interface Discovery {
  readonly run: number;
  readonly observation: Observation;
  readonly size: number;
}

export async function runCampaign(o: FuzzOptions): Promise<FuzzResult> {
  const corpus: Corpus = loadCorpus(o.corpusDir, o.bases);
  if (corpus.bases.length === 0) throw new Error(`no base samples match ${o.bases?.join(',') || '(all)'} in ${o.corpusDir}`);
  const timeoutMs = o.timeoutMs ?? 20_000;
  const maxSteps = o.maxSteps ?? 3;
  const versions = new Map(o.adapters.map((a) => [a.adapter.name, a.version]));
  const stats = new Map(o.adapters.map((a) => [a.adapter.name, { execs: 0, ms: 0 }]));
  const found: Discovery[] = [];
  const keys = new Set<string>();
  const progress = (phase: Progress['phase'], run: number) => o.onProgress?.({ phase, run, runs: o.runs, findings: found.length, stacks: stats });
  progress('baseline', 0);
  const takers = await baseline(corpus, o.adapters.map((a) => a.adapter), timeoutMs);
  const checker = new CheckerClient(o.corpusDir);
  const donors = { donors: corpus.bases.map((b) => b.bytes) };

  const freshTakers = new Map<string, Adapter[]>();
  const target = (input: FuzzInput): Target => {
    const t = targetOf(corpus, input);
    if (!t) throw new Error(`fuzz: no corpus sample signed-data/${input.fresh?.algorithm}/attached to judge a generated message with`);
    return t;
  };
  const takersFor = async (input: FuzzInput, t: Target): Promise<readonly Adapter[]> => {
    if (!input.fresh) return takers[input.base]!;
    let list = freshTakers.get(t.sample.id);
    if (!list) freshTakers.set(t.sample.id, (list = await takersOf(corpus, o.adapters.map((a) => a.adapter), t.sample, timeoutMs)));
    return list;
  };
  const mutate = (input: FuzzInput): Uint8Array => {
    const t = target(input);
    return applySteps(t.bytes, input.steps, donors, input.resign ? t.resign : undefined);
  };

  async function execute(input: FuzzInput, only?: ReadonlySet<string>, bytes = mutate(input)): Promise<Execution> {
    const base = target(input);
    // The checker works in its own process while the stacks run.
    const checked = checker.check(base.sample.id, bytes);
    const runs: StackRun[] = [];
    for (const a of await takersFor(input, base)) {
      if (only && !only.has(a.name)) continue;
      const start = performance.now();
      const verdict = await consumeOnce(a, corpus, base.sample, bytes, timeoutMs);
      const s = stats.get(a.name)!;
      s.execs++;
      s.ms += performance.now() - start;
      runs.push({ stack: a.name, verdict });
    }
    const answer = await checked;
    return { bytes, checker: answer, runs, observations: observe(answer, runs) };
  }

  const arb = fuzzInput(corpus.bases.length, maxSteps, o.generated ? generatedArbitrary(loadCast()) : undefined);
  let run = -1;
  let executed = 0;
  const checkerErrors = { count: 0, first: null as string | null };
  const shard = o.shard ?? { index: 0, count: 1 };
  try {
    // The property never fails on its own: a failure is an abort (ended at once, endOnFailure) or
    // a bug of the fuzzer, which is thrown.
    const campaign = await fc.check(fc.asyncProperty(arb, async (input) => {
      if (o.signal?.aborted) throw new Error('aborted');
      run++;
      if (run % shard.count !== shard.index) return true;
      executed++;
      const e = await execute(input);
      if (!e.checker.ok) {
        checkerErrors.count++;
        checkerErrors.first ??= `run ${run} (seed ${o.seed}, path ${run}): ${e.checker.error}`;
      }
      for (const ob of e.observations) {
        const key = observationKey(ob);
        if (keys.has(key)) continue;
        keys.add(key);
        found.push({ run, observation: ob, size: e.bytes.length });
      }
      progress('campaign', run + 1);
      return true;
    }), { seed: o.seed, numRuns: o.runs, endOnFailure: true, ...(o.timeMs ? { interruptAfterTimeLimit: o.timeMs, markInterruptAsFailure: false } : {}) });
    if (campaign.failed && !o.signal?.aborted) throw new Error(`fuzz: the campaign broke at run ${run}: ${campaign.errorInstance instanceof Error ? campaign.errorInstance.message : String(campaign.errorInstance)}`);

    const findings: FindingRecord[] = [];
    const flaky: string[] = [];
    for (const d of found) {
      const f = await shrink(d);
      if (f) findings.push(f);
      else flaky.push(`${observationKey(d.observation)} (seed ${o.seed}, run ${d.run})`);
      progress('shrink', run + 1);
    }
    if (o.outDir) writeFindingsFile(o.outDir, findings);
    const idle = o.adapters.map((a) => a.adapter.name).filter((n) => ![...takers, ...freshTakers.values()].some((t) => t.some((a) => a.name === n)));
    return { findings, runs: run + 1, executed, stacks: stats, idle, interrupted: o.signal?.aborted ?? false, checkerErrors, flaky };
  } finally {
    await checker.close();
  }

  async function shrink(d: Discovery): Promise<FindingRecord | null> {
    const key = observationKey(d.observation);
    // Differential observations depend on the other stacks' verdicts: they run too.
    const only = d.observation.oracle === 'differential' ? undefined : new Set([d.observation.stack]);
    let best: { input: FuzzInput; e: Execution; ob: Observation } | null = null;
    let budget = o.shrinkBudget ?? 300;
    // Candidates that make the same octets are judged once (smaller numbers often pick the same node).
    const judged = new Map<string, { e: Execution; ob: Observation | undefined }>();
    const r = await fc.check(fc.asyncProperty(arb, async (input) => {
      const bytes = mutate(input);
      // Never a larger message: such a candidate is refused without running anything.
      if (best && bytes.length > best.e.bytes.length) return true;
      const h = createHash('sha256').update(bytes).digest('hex');
      let j = judged.get(h);
      if (!j) {
        // The first evaluation replays the run that found it; the budget bounds the rest.
        if (best && (budget-- <= 0 || o.signal?.aborted)) return true;
        const e = await execute(input, only, bytes);
        j = { e, ob: e.observations.find((x) => observationKey(x) === key) };
        judged.set(h, j);
      }
      if (!j.ob) return true;
      best = { input, e: j.e, ob: j.ob };
      return false;
    }), { seed: o.seed, path: String(d.run) });
    const b = best as { input: FuzzInput; e: Execution; ob: Observation } | null;
    if (!b) return null;
    const id = findingId(o.seed, key);
    const checked = b.e.checker.ok ? b.e.checker : { verdict: 'error', failing: [], reason: b.e.checker.error };
    const f: FindingRecord = {
      version: 1, id, stack: b.ob.stack, stackVersion: versions.get(b.ob.stack) ?? '?', oracle: b.ob.oracle, layer: b.ob.layer, rule: b.ob.rule,
      reproducer: `reproducers/${id}.der`, reproducerSha256: createHash('sha256').update(b.e.bytes).digest('hex'),
      seed: o.seed, path: r.counterexamplePath ?? String(d.run), bases: o.bases ?? [], generated: o.generated ?? false, maxSteps,
      base: target(b.input).sample.id, fresh: b.input.fresh?.algorithm ?? null, steps: b.input.steps, resigned: b.input.resign, stepsText: describeSteps(b.input.steps) + (b.input.resign ? '; re-signed' : ''),
      size: b.e.bytes.length, foundSize: d.size, detail: b.ob.detail,
      checker: { verdict: checked.verdict, failing: checked.failing.slice(0, 10), reason: checked.reason },
    };
    if (o.outDir) writeFinding(o.outDir, f, b.e.bytes);
    return f;
  }
}
