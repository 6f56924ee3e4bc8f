/**
 * Issue 6 acceptance: a full interop run over the whole corpus with every stack finishes, the
 * report lists every stack with its version read from the stack, and every stack processes real
 * messages (the per-stack tests show each accepts valid signed/enveloped samples with the exact
 * content and rejects tampered ones). Every produced message is cross-checked by the others.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ALL_ADAPTERS } from '../adapters/registry.ts';
import type { ConsumeRecord, CrossRecord, StackRecord } from '../interop/records.ts';
import { runInterop } from '../interop/run.ts';
import { renderMarkdown } from '../reports/markdown.ts';
import { buildModel } from '../reports/model.ts';
import { CORPUS, loadManifest } from './helpers/corpus.ts';

const out = mkdtempSync(join(tmpdir(), 'cmsi-full-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('a full interop run', () => {
  it('runs every stack over the whole corpus and cross-verifies what they produce', async () => {
    const { records } = await runInterop({ adapters: ALL_ADAPTERS, corpusDir: CORPUS, outDir: out, existing: 'refuse', jobs: 2 });
    const stacks = records.filter((r): r is StackRecord => r.kind === 'stack');
    expect(stacks.map((s) => s.stack).sort()).toEqual(ALL_ADAPTERS.map((a) => a.name).sort());
    for (const s of stacks) {
      expect(s.installed, `${s.stack} installed (${s.reason ?? ''})`).toBe(true);
      expect(s.version ?? '', s.stack).toMatch(/\d+\.\d+/);
    }
    const samples = loadManifest().samples.length;
    const consume = records.filter((r): r is ConsumeRecord => r.kind === 'consume');
    expect(consume.length).toBe(samples * ALL_ADAPTERS.length);
    for (const a of ALL_ADAPTERS) {
      const accepted = consume.filter((r) => r.stack === a.name && r.expected === 'valid' && r.verdict === 'accept' && r.contentMatch !== false);
      expect(accepted.length, `${a.name} accepts some valid samples with the exact content`).toBeGreaterThan(0);
      expect(consume.filter((r) => r.stack === a.name && r.verdict === 'error').map((r) => `${r.sample}: ${r.detail}`), `${a.name} adapter errors`).toEqual([]);
    }
    const cross = records.filter((r): r is CrossRecord => r.kind === 'cross');
    expect(cross.some((c) => c.verdict === 'accept' && c.contentMatch === true)).toBe(true);
    const md = renderMarkdown(buildModel(records));
    for (const s of stacks) expect(md).toContain(`| ${s.stack} | ${s.version} |`);
  }, 600_000);
});
