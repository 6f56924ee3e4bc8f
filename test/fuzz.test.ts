/**
 * cmsi fuzz against the real stacks: a bounded, seeded campaign (OpenSSL, NSS, GnuTLS, Bouncy
 * Castle, gpgsm on three base samples) must rediscover, by itself, three behaviours known from the
 * hand-made corpus (README "What it found"): OpenSSL accepts data after the ContentInfo, NSS never
 * compares a DigestedData digest, gpgsm aborts on an RSASSA-PSS parameter mismatch. Each is checked
 * on the shrunk message independently of the fuzzer (a hand-read length, a digest recomputed
 * with asn1js and node:crypto). Every finding must replay from its files, shrinking must never
 * have grown a message, and the same seed must give the same findings. The decrypt-side oracle
 * table must exist for every stack that decrypts.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Adapter } from '../adapters/adapter.ts';
import { ALL_ADAPTERS } from '../adapters/registry.ts';
import { runCampaign, type FuzzResult } from '../fuzz/campaign.ts';
import { oracleTable } from '../fuzz/decrypt-oracle.ts';
import { FINDINGS_FILE, readFindings, type FindingRecord } from '../fuzz/findings.ts';
import { mergeFindings } from '../fuzz/merge.ts';
import { promoteFinding } from '../fuzz/promote.ts';
import { replayFindings } from '../fuzz/replay.ts';
import { loadCorpus } from '../fuzz/targets.ts';
import { child, decode, oidOf } from './helpers/asn1.ts';
import { REPO } from './helpers/corpus.ts';

const CORPUS = join(REPO, 'corpus');
const STACKS = ['openssl', 'nss', 'gnutls', 'bouncycastle', 'gpgsm'];
const BASES = ['signed-data/rsa-pss-sha256/attached', 'digested-data/sha256', 'signed-data/rsa-sha256/attached'];
const tmp = mkdtempSync(join(tmpdir(), 'cmsi-fuzz-test-'));
const out = join(tmp, 'campaign');
let stacks: { adapter: Adapter; version: string }[] = [];
let result: FuzzResult;

const HASH: Record<string, string> = { '1.3.14.3.2.26': 'sha1', '2.16.840.1.101.3.4.2.1': 'sha256', '2.16.840.1.101.3.4.2.2': 'sha384', '2.16.840.1.101.3.4.2.3': 'sha512' };
const bytesOf = (f: FindingRecord) => new Uint8Array(readFileSync(join(out, f.reproducer)));

/** Length of the first TLV, read by hand (X.690 8.1.3), to see what follows it. */
function firstTlvLength(b: Uint8Array): number {
  const first = b[1]!;
  if (first < 0x80) return 2 + first;
  const n = first & 0x7f;
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + b[2 + i]!;
  return 2 + n + len;
}

beforeAll(async () => {
  for (const a of ALL_ADAPTERS.filter((x) => STACKS.includes(x.name))) {
    const p = await a.probe();
    expect(p.installed, `${a.name} must be installed (bash scripts/setup-stacks.sh): ${p.installed ? '' : p.reason}`).toBe(true);
    if (p.installed) stacks.push({ adapter: a, version: p.version });
  }
  result = await runCampaign({ corpusDir: CORPUS, adapters: stacks, seed: 6, runs: 400, bases: BASES, shrinkBudget: 30, outDir: out, timeoutMs: 20_000 });
}, 600_000);

afterAll(async () => {
  await Promise.all(stacks.map((s) => s.adapter.close()));
  rmSync(tmp, { recursive: true, force: true });
});

describe('cmsi fuzz: a seeded campaign against OpenSSL, NSS, GnuTLS, Bouncy Castle and gpgsm', () => {
  it('runs a few thousand executions and writes one findings line per finding', () => {
    const executions = [...result.stacks.values()].reduce((n, s) => n + s.execs, 0);
    console.log(`fuzz campaign: ${executions} stack executions`);
    expect(executions).toBeGreaterThan(2500);
    for (const name of ['openssl', 'nss', 'gnutls', 'bouncycastle']) expect(result.stacks.get(name)!.execs, name).toBeGreaterThan(100);
    const lines = readFindings(join(out, FINDINGS_FILE)).findings;
    expect(lines.map((f) => f.id)).toEqual(result.findings.map((f) => f.id));
    expect(new Set(lines.map((f) => `${f.stack}|${f.oracle}|${f.layer}|${f.rule}`)).size, 'deduplicated by stack, oracle, layer, rule').toBe(lines.length);
    expect(result.checkerErrors.count, `the checker must judge every mutant: ${result.checkerErrors.first}`).toBe(0);
    expect(result.flaky, 'every finding shows again on its own run').toEqual([]);
  });

  it('rediscovers that OpenSSL accepts data after the ContentInfo (RFC 5652 3)', () => {
    const f = result.findings.find((x) => x.stack === 'openssl' && x.oracle === 'accepts-invalid' && x.rule === 'rfc5652/3/content-info-outer-type');
    expect(f, 'an accepts-invalid finding for OpenSSL at rfc5652/3/content-info-outer-type').toBeDefined();
    const b = bytesOf(f!);
    expect(firstTlvLength(b), 'octets follow the ContentInfo').toBeLessThan(b.length);
    expect(f!.steps.some((s) => s.op === 'trailing')).toBe(true);
  });

  it('rediscovers that NSS never compares a DigestedData digest (RFC 5652 7)', () => {
    const f = result.findings.find((x) => x.stack === 'nss' && x.oracle === 'accepts-invalid' && x.layer === 'crypto' && x.base === 'digested-data/sha256');
    expect(f, 'an accepts-invalid crypto finding for NSS on DigestedData').toBeDefined();
    // DigestedData ::= SEQUENCE { version, digestAlgorithm, encapContentInfo, digest }
    const dd = child(child(decode(bytesOf(f!)), 1), 0);
    const hash = HASH[oidOf(child(child(dd, 1), 0))];
    const content = child(child(child(dd, 2), 1), 0).value;
    const recomputed = hash ? createHash(hash).update(content).digest() : null;
    expect(recomputed && Buffer.from(child(dd, 3).value).equals(recomputed), 'the digest does not match the content').toBeFalsy();
  });

  it('rediscovers that gpgsm aborts on an RSASSA-PSS parameter mismatch', () => {
    const f = result.findings.find((x) => x.stack === 'gpgsm' && x.oracle === 'crash' && x.base === 'signed-data/rsa-pss-sha256/attached');
    expect(f, 'a crash finding for gpgsm on the RSASSA-PSS sample').toBeDefined();
    expect(f!.rule).toMatch(/^signal SIG(ABRT|SEGV)$/);
  });

  it('never grows a message while shrinking, and saves what it shrank to', () => {
    for (const f of result.findings) {
      expect(f.size, f.id).toBeLessThanOrEqual(f.foundSize);
      const b = bytesOf(f);
      expect(b.length, f.id).toBe(f.size);
      expect(createHash('sha256').update(b).digest('hex'), f.id).toBe(f.reproducerSha256);
      expect(existsSync(join(out, f.reproducer.replace(/\.der$/, '.json'))), f.id).toBe(true);
    }
  });

  it('replays every finding from findings.jsonl to the same finding', async () => {
    const outcomes = await replayFindings(join(out, FINDINGS_FILE), CORPUS, stacks.map((s) => s.adapter));
    expect(outcomes).toHaveLength(result.findings.length);
    for (const o of outcomes) expect(o.replayed, o.replayed ? o.id : `${o.id}: ${o.why}`).toBe(true);
  }, 300_000);

  it('promotes a finding to an invalid-corpus case skeleton with its base, catalog ids and flag', () => {
    const f = result.findings.find((x) => x.stack === 'openssl' && x.rule === 'rfc5652/3/content-info-outer-type')!;
    const text = readFileSync(promoteFinding(f, out), 'utf8');
    expect(text).toContain(`id: 'invalid/fuzz/${f.id}'`);
    expect(text).toContain(`base: '${f.base}'`);
    expect(text).toContain(`requirements: ["rfc5652/3/content-info-outer-type"]`);
    expect(text).toContain(`flag: 'TrailingData'`);
    expect(text).toContain(JSON.stringify(f.steps));
  });

  it('gives the same findings for the same seed, sharded or not', async () => {
    const openssl = stacks.filter((s) => s.adapter.name === 'openssl');
    const again = async (dir: string) => (await runCampaign({ corpusDir: CORPUS, adapters: openssl, seed: 9, runs: 40, bases: BASES.slice(1), shrinkBudget: 20, outDir: join(tmp, dir) })).findings
      .map((f) => [f.id, f.path, f.reproducerSha256, f.stepsText]);
    const first = await again('same-1');
    expect(first.length).toBeGreaterThan(0);
    expect(await again('same-2')).toEqual(first);
    // Shards 0/2 and 1/2 execute disjoint halves of the same runs: merged, they hold the same findings.
    for (const index of [0, 1]) {
      await runCampaign({ corpusDir: CORPUS, adapters: openssl, seed: 9, runs: 40, bases: BASES.slice(1), shrinkBudget: 20, outDir: join(tmp, `shard-${index}`), shard: { index, count: 2 } });
    }
    const merged = mergeFindings([join(tmp, 'shard-0'), join(tmp, 'shard-1')], join(tmp, 'merged'));
    expect(merged.map((f) => f.id).sort()).toEqual(first.map((f) => f[0]).sort());
    for (const f of merged) expect(existsSync(join(tmp, 'merged', f.reproducer)), f.id).toBe(true);
  }, 300_000);
});

describe('the decrypt-side oracle table', () => {
  it('has a row, from real runs, for every stack that decrypts, and no broken ciphertext is accepted', async () => {
    const decrypting = stacks.filter((s) => ['openssl', 'nss', 'bouncycastle', 'gpgsm'].includes(s.adapter.name)).map((s) => s.adapter);
    const rows = await oracleTable(loadCorpus(CORPUS, ['-']), decrypting);
    expect(rows.map((r) => r.stack).sort()).toEqual(decrypting.map((a) => a.name).sort());
    // OpenSSL's CMS decryption goes on with a random key when the PKCS #1 v1.5 block is bad (its
    // CMS_decrypt documentation, against Bleichenbacher's attack): the same answer as a CBC error,
    // except about once in 256 runs, when the random key happens to give valid CBC padding and
    // OpenSSL outputs garbage; the table runs it as deployed (decryptAsDeployed), so allow that.
    const randomKey = (stack: string, c: string) => stack === 'openssl' && c === 'pkcs1-padding';
    for (const r of rows) {
      for (const c of ['pkcs1-padding', 'wrong-key', 'cbc-padding'] as const) {
        const cell = r.cells[c];
        if (randomKey(r.stack, c) && cell?.answer === 'accept with other content') continue;
        expect(cell?.verdict, `${r.stack} ${c}`).toBe('reject');
      }
    }
    const o = rows.find((r) => r.stack === 'openssl')!;
    if (o.cells['pkcs1-padding']!.verdict === 'reject') expect(o.cells['pkcs1-padding']!.answer).toBe(o.cells['cbc-padding']!.answer);
  }, 300_000);
});
