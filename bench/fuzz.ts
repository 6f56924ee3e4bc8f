/**
 * Fuzz throughput (part of `npm run bench`): executions per second per stack in a short seeded
 * campaign (cmsi fuzz, shrinking kept to one execution per finding), run twice in the same
 * process on the same inputs: once with Bouncy Castle's persistent JVM, once with one JVM per
 * message. The ratio is the gain of the persistent process under fuzzing load. No assertions: a
 * table, then one JSON line (prefix "BENCH_FUZZ "). BENCH_FUZZ_RUNS sets the runs (default 60).
 */
import type { Adapter } from '../adapters/adapter.ts';
import { gnutlsAdapter } from '../adapters/stacks/gnutls.ts';
import { nssAdapter } from '../adapters/stacks/nss.ts';
import { opensslAdapter } from '../adapters/stacks/openssl.ts';
import { createBouncyCastleAdapter } from '../adapters/stacks/bouncycastle.ts';
import { runCampaign } from '../fuzz/campaign.ts';

const RUNS = Number(process.env.BENCH_FUZZ_RUNS ?? 60);
const BASES = ['signed-data/rsa-sha256/attached', 'digested-data/sha256'];
const CORPUS = new URL('../corpus', import.meta.url).pathname;

async function campaign(adapters: readonly Adapter[]): Promise<Map<string, { execs: number; perSecond: number }>> {
  const installed: { adapter: Adapter; version: string }[] = [];
  for (const a of adapters) {
    const p = await a.probe();
    if (p.installed) installed.push({ adapter: a, version: p.version });
  }
  try {
    const r = await runCampaign({ corpusDir: CORPUS, adapters: installed, seed: 1, runs: RUNS, bases: BASES, shrinkBudget: 1 });
    return new Map([...r.stacks].map(([n, s]) => [n, { execs: s.execs, perSecond: s.ms > 0 ? (1000 * s.execs) / s.ms : 0 }]));
  } finally {
    await Promise.all(installed.map((i) => i.adapter.close()));
  }
}

export async function benchFuzz(): Promise<void> {
  const persistent = await campaign([opensslAdapter, nssAdapter, gnutlsAdapter, createBouncyCastleAdapter({ persistent: true })]);
  const perMessage = await campaign([createBouncyCastleAdapter({ persistent: false })]);
  console.log(`\nFuzz throughput (cmsi fuzz, seed 1, ${RUNS} runs on ${BASES.join(', ')}):`);
  console.log('| stack | executions | executions/s |\n|---|---|---|');
  for (const [n, s] of persistent) console.log(`| ${n} | ${s.execs} | ${s.perSecond.toFixed(1)} |`);
  const bc = persistent.get('bouncycastle');
  const fresh = perMessage.get('bouncycastle');
  if (bc && fresh) console.log(`| bouncycastle, one JVM per message | ${fresh.execs} | ${fresh.perSecond.toFixed(1)} (persistent ${(bc.perSecond / Math.max(fresh.perSecond, 1e-9)).toFixed(1)}x faster) |`);
  console.log(`BENCH_FUZZ ${JSON.stringify({ runs: RUNS, stacks: Object.fromEntries(persistent), bouncycastlePerMessage: fresh ?? null })}`);
}
