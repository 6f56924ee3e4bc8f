/**
 * `cmsi fuzz`: differential fuzz campaigns against the stacks (fuzz/campaign.ts), replay and
 * promotion of their findings, shard merging, and the decrypt-side oracle table. Loaded only when
 * the command runs (cli/main.ts), so `cmsi --help` stays fast. The help is cli/fuzz-help.ts.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Adapter } from '../adapters/adapter.ts';
import { ALL_ADAPTERS } from '../adapters/registry.ts';
import { runCampaign, type Progress, type Shard } from '../fuzz/campaign.ts';
import { oracleTable, oracleTableMarkdown } from '../fuzz/decrypt-oracle.ts';
import { FINDINGS_FILE, readFindings, type FindingRecord } from '../fuzz/findings.ts';
import { mergeFindings } from '../fuzz/merge.ts';
import { promoteFinding } from '../fuzz/promote.ts';
import { replayFindings } from '../fuzz/replay.ts';
import { loadCorpus } from '../fuzz/targets.ts';
import { FUZZ_HELP } from './fuzz-help.ts';
import { exitCodeOf, withInterruption } from './interrupt.ts';
import { UsageError } from './usage.ts';

const DEFAULT_STACKS = ['openssl', 'nss', 'gnutls', 'bouncycastle', 'gpgsm'];

export function parseDuration(text: string): number {
  const m = /^(\d+)(ms|s|m|h)$/.exec(text.trim());
  if (!m) throw new UsageError(`--time wants a duration such as 30s, 10m or 2h, got "${text}"`);
  return Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h'];
}

export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index >= count) throw new UsageError(`--shard wants i/n with 0 <= i < n, got "${text}"`);
  return { index, count };
}

const integer = (name: string, text: string, min: number, max: number): number => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be an integer ${min}-${max}, got "${text}"`);
  return n;
};

async function installedStacks(list: string | undefined): Promise<{ adapter: Adapter; version: string }[]> {
  const names = list ? list.split(',').map((s) => s.trim()).filter(Boolean) : DEFAULT_STACKS;
  const unknown = names.filter((n) => !ALL_ADAPTERS.some((a) => a.name === n));
  if (unknown.length) throw new UsageError(`unknown stack ${unknown.join(', ')} (known: ${ALL_ADAPTERS.map((a) => a.name).join(', ')})`);
  const out: { adapter: Adapter; version: string }[] = [];
  for (const a of ALL_ADAPTERS.filter((x) => names.includes(x.name))) {
    const p = await a.probe();
    if (p.installed) out.push({ adapter: a, version: p.version });
    else process.stderr.write(`cmsi fuzz: ${a.name} is not installed (${p.reason}); fuzzing without it\n`);
  }
  if (!out.length) throw new UsageError(`none of the stacks ${names.join(', ')} is installed (bash scripts/setup-stacks.sh installs them)`);
  return out;
}

const rate = (s: { execs: number; ms: number }) => (s.ms > 0 ? (1000 * s.execs) / s.ms : 0);
const throughput = (stacks: Progress['stacks']) => [...stacks].map(([n, s]) => `${n} ${rate(s).toFixed(0)}/s`).join(', ');

/** Live progress: one redrawn line on a terminal, a plain line every 10 % of the runs otherwise. */
function progressPrinter(): { update: (p: Progress) => void; end: () => void } {
  const tty = process.stderr.isTTY === true;
  let lastPct = -10;
  let drawn = false;
  return {
    update(p) {
      const pct = Math.floor((100 * p.run) / Math.max(p.runs, 1));
      const line = `fuzz ${p.phase} ${p.run}/${p.runs} runs, ${p.findings} finding(s); ${throughput(p.stacks)}`;
      if (tty) {
        const columns = process.stderr.columns || 100;
        process.stderr.write(`\r${line.slice(0, columns - 1).padEnd(columns - 1)}`);
        drawn = true;
      } else if (p.phase === 'campaign' && pct >= lastPct + 10) {
        lastPct = pct - (pct % 10);
        process.stderr.write(`${line}\n`);
      }
    },
    end() {
      if (drawn) process.stderr.write('\n');
    },
  };
}

export function summary(findings: readonly FindingRecord[]): string {
  if (!findings.length) return 'no findings';
  const lines = findings.map((f) => `  ${f.id}  ${f.stack.padEnd(13)} ${f.oracle.padEnd(15)} ${f.layer.padEnd(10)} ${f.rule.slice(0, 70)}  (${f.size} octets, base ${f.base})`);
  return `${findings.length} finding(s):\n${lines.join('\n')}`;
}

/** --jobs N: N shard processes of this very command, then their findings merged into --out. */
async function runJobs(argv: readonly string[], jobs: number, out: string): Promise<number> {
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--jobs' || argv[i] === '--out') i++;
    else if (!argv[i]!.startsWith('--jobs=') && !argv[i]!.startsWith('--out=')) rest.push(argv[i]!);
  }
  const dirs = Array.from({ length: jobs }, (_, k) => join(out, 'shards', `${k}`));
  const codes = await Promise.all(dirs.map((dir, k) => new Promise<number>((done) => {
    const child = spawn(process.execPath, [...process.execArgv, process.argv[1]!, 'fuzz', ...rest, '--shard', `${k}/${jobs}`, '--out', dir], { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('exit', (code) => done(code ?? 4));
  })));
  if (codes.some((c) => c !== 0 && c !== 1)) throw new Error(`a shard process failed (exit codes ${codes.join(', ')})`);
  const merged = mergeFindings(dirs, out);
  console.log(`${summary(merged)}\nmerged ${jobs} shards into ${join(out, FINDINGS_FILE)}`);
  return merged.length ? 1 : 0;
}

export async function fuzzCommand(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: [...argv], strict: true, allowPositionals: true, options: {
    stacks: { type: 'string' }, seed: { type: 'string', default: '1' }, runs: { type: 'string' }, time: { type: 'string' },
    out: { type: 'string', default: 'out/fuzz' }, jobs: { type: 'string', default: '1' }, shard: { type: 'string' },
    bases: { type: 'string' }, shrink: { type: 'string', default: '300' }, timeout: { type: 'string', default: '20000' },
    corpus: { type: 'string', default: 'corpus' }, replay: { type: 'string' }, promote: { type: 'string' },
    merge: { type: 'boolean' }, 'oracle-table': { type: 'boolean' }, generated: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
  } });
  if (values.help) {
    console.log(FUZZ_HELP);
    return 0;
  }
  if (positionals.length && !values.merge) throw new UsageError(`unexpected argument "${positionals[0]}" (see cmsi fuzz --help)`);
  if (values.runs && values.time) throw new UsageError('give --runs or --time, not both');
  const corpusDir = resolve(values.corpus!);
  const out = values.out!;
  const timeoutMs = integer('timeout', values.timeout!, 100, 600_000);
  // Every option is checked before a stack is started (Bouncy Castle's probe starts a JVM).
  const jobs = integer('jobs', values.jobs!, 1, 64);
  const seed = integer('seed', values.seed!, -(2 ** 31), 2 ** 31 - 1);
  const timeMs = values.time ? parseDuration(values.time) : undefined;
  const runs = values.runs ? integer('runs', values.runs, 1, 1e9) : timeMs ? 1e9 : 1000;
  const shard = values.shard ? parseShard(values.shard) : undefined;
  const shrinkBudget = integer('shrink', values.shrink!, 1, 1e6);
  if (values.replay && !existsSync(values.replay)) throw new UsageError(`${values.replay} does not exist`);
  if (!existsSync(join(corpusDir, 'manifest.yaml'))) throw new UsageError(`${join(corpusDir, 'manifest.yaml')} does not exist (--corpus DIR)`);

  if (values.promote) {
    const file = join(out, FINDINGS_FILE);
    if (!existsSync(file)) throw new UsageError(`${file} does not exist: run a campaign with --out ${out} first`);
    const f = readFindings(file).findings.find((x) => x.id === values.promote);
    if (!f) throw new UsageError(`no finding ${values.promote} in ${file}`);
    console.log(`wrote ${promoteFinding(f, out)}: finish the TODOs, then move it to generators/mutations/<category>/ and list it in the category's index.ts`);
    return 0;
  }
  if (values.merge) {
    if (!positionals.length) throw new UsageError('--merge wants the shard directories: cmsi fuzz --merge DIR... --out DIR');
    const merged = mergeFindings(positionals, out);
    console.log(`${summary(merged)}\nmerged ${positionals.length} directories into ${join(out, FINDINGS_FILE)}`);
    return merged.length ? 1 : 0;
  }
  const stacks = await installedStacks(values.stacks);
  const close = () => Promise.all(stacks.map((s) => s.adapter.close().catch(() => undefined)));
  try {
    if (values.replay) {
      const outcomes = await replayFindings(values.replay, corpusDir, stacks.map((s) => s.adapter), timeoutMs);
      for (const o of outcomes) console.log(o.replayed ? `replayed      ${o.id}: ${o.detail}` : `NOT replayed  ${o.id}: ${o.why}`);
      return outcomes.every((o) => o.replayed) ? 0 : 1;
    }
    if (values['oracle-table']) {
      console.log(oracleTableMarkdown(await oracleTable(loadCorpus(corpusDir, ['-']), stacks.map((s) => s.adapter), timeoutMs)));
      return 0;
    }
    if (jobs > 1 && !shard) return await runJobs(argv, jobs, out);
    const printer = progressPrinter();
    const { value: r, signal } = await withInterruption('cmsi fuzz', (abort) => runCampaign({
      corpusDir, adapters: stacks, seed, runs, ...(timeMs ? { timeMs } : {}), ...(shard ? { shard } : {}),
      ...(values.bases ? { bases: values.bases.split(',').map((b) => b.trim()).filter(Boolean) } : {}),
      ...(values.generated ? { generated: true } : {}), shrinkBudget, timeoutMs, outDir: out, onProgress: printer.update, signal: abort,
    }));
    printer.end();
    console.log(`${r.runs} runs, ${r.executed} executed by this process; per stack: ${[...r.stacks].map(([n, s]) => `${n} ${s.execs} executions, ${rate(s).toFixed(1)}/s`).join('; ')}`);
    if (r.checkerErrors.count) console.log(`the checker failed on ${r.checkerErrors.count} mutant(s), a bug of cmsi; first: ${r.checkerErrors.first}`);
    if (r.flaky.length) console.log(`not reproducible when replayed (left out): ${r.flaky.join('; ')}`);
    if (r.idle.length) console.log(`not fuzzed (accepted no base sample): ${r.idle.join(', ')}`);
    console.log(`${summary(r.findings)}\nfindings: ${join(out, FINDINGS_FILE)}; replay: cmsi fuzz --replay ${join(out, FINDINGS_FILE)}`);
    if (signal) return exitCodeOf(signal);
    return r.findings.length ? 1 : 0;
  } finally {
    await close();
  }
}
