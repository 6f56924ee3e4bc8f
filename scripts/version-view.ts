/**
 * The version view (issue 13): every corpus sample consumed by two generations of the same stack
 * (the host's OpenSSL 3.0, Bouncy Castle 1.72, NSS 3.87, GnuTLS 3.7 and gpgsm 2.2, and the Debian
 * unstable root's 3.6, 1.86, 3.132, 3.8 and 2.4), regardless of the known-unsupported lists (NSS,
 * GnuTLS and gpgsm are built here without their declared limits, so both generations really try
 * every sample their driver has an operation for), and the samples whose outcome changed. An outcome
 * is the verdict, with `accept` split by whether the recovered content equals the manifest's.
 * Writes docs/version-view.md (or the path given) and prints a summary.
 *
 *   npx tsx scripts/version-view.ts [corpus/manifest.yaml] [docs/version-view.md]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Adapter } from '../adapters/adapter.ts';
import { opensslAdapter } from '../adapters/stacks/openssl.ts';
import { createSidOpensslAdapter } from '../adapters/stacks/openssl-sid.ts';
import { bouncycastleAdapter } from '../adapters/stacks/bouncycastle.ts';
import { createSidBouncyCastleAdapter } from '../adapters/stacks/bouncycastle-sid.ts';
import { makeNssAdapter, nssAdapter, nssVersionWith } from '../adapters/stacks/nss.ts';
import { createSidNssAdapter } from '../adapters/stacks/nss-sid.ts';
import { gnutlsAdapter, makeGnutlsAdapter } from '../adapters/stacks/gnutls.ts';
import { createSidGnutlsAdapter } from '../adapters/stacks/gnutls-sid.ts';
import { gpgsmAdapter, makeGpgsmAdapter, stepsFor } from '../adapters/stacks/gpgsm.ts';
import { createSidGpgsmAdapter, SID_GPGSM } from '../adapters/stacks/gpgsm-sid.ts';
import { HOST_GPGSM } from '../adapters/stacks/gpgsm-home.ts';
import { runInSidRoot, SID_ROOT } from '../adapters/sid-root.ts';
import { runProgram } from '../adapters/run.ts';
import type { ConsumeVerdict } from '../adapters/verdict.ts';
import { loadManifestFile } from '../core/manifest-file.ts';
import type { Sample } from '../core/manifest.ts';

const manifestPath = resolve(process.argv[2] ?? 'corpus/manifest.yaml');
const outPath = resolve(process.argv[3] ?? 'docs/version-view.md');
const manifest = loadManifestFile(manifestPath);
const dir = dirname(manifestPath);

function outcome(s: Sample, v: ConsumeVerdict): { key: string; detail: string } {
  switch (v.verdict) {
    case 'accept': {
      if (!s.inputs.content || v.content === null) return { key: 'accept', detail: '' };
      const want = readFileSync(join(dir, s.inputs.content));
      return Buffer.from(v.content).equals(want) ? { key: 'accept', detail: '' } : { key: 'accept-other-content', detail: `${v.content.length} bytes` };
    }
    case 'reject': return { key: 'reject', detail: v.error };
    case 'unsupported': return { key: 'unsupported', detail: v.reason };
    case 'error': return { key: 'error', detail: v.error };
    case 'crash': return { key: 'crash', detail: v.signal };
    case 'hang': return { key: 'hang', detail: '' };
  }
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ').slice(0, 160);

async function compare(older: Adapter, newer: Adapter): Promise<string[]> {
  const [po, pn] = [await older.probe(), await newer.probe()];
  if (!po.installed || !pn.installed) return [`## ${older.name} against ${newer.name}`, '', `not run: ${!po.installed ? po.reason : ''} ${!pn.installed ? pn.reason : ''}`, ''];
  const changed: string[] = [];
  const counts = new Map<string, number>();
  for (const s of manifest.samples) {
    const bytes = new Uint8Array(readFileSync(join(dir, s.file)));
    const a = outcome(s, await older.consume({ manifest, dir, sample: s, bytes }));
    const b = outcome(s, await newer.consume({ manifest, dir, sample: s, bytes }));
    if (a.key === b.key) continue;
    const k = `${a.key} -> ${b.key}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
    changed.push(`| ${s.id} | ${s.expected} | ${a.key} | ${b.key} | ${cell(a.key.startsWith('accept') ? b.detail : a.detail)} |`);
  }
  await older.close();
  await newer.close();
  const summary = [...counts].map(([k, n]) => `${k}: ${n}`).join('; ');
  console.log(`${older.name} (${po.version}) -> ${newer.name} (${pn.version}): ${changed.length} of ${manifest.samples.length} samples changed (${summary})`);
  return [
    `## ${po.version} against ${pn.version}`, '',
    `${changed.length} of ${manifest.samples.length} samples changed outcome (${summary || 'none'}).`, '',
    '| sample | expected | older | newer | error text (of the side that did not accept) |', '|---|---|---|---|---|', ...changed, '',
  ];
}

const lines = ['# Version view: what changed between two generations of a stack', '',
  `Made by scripts/version-view.ts from ${manifest.samples.length} samples (seed ${manifest.seed}); every sample is consumed by both`,
  'generations, ignoring the known-unsupported lists. `accept-other-content`: accepted, but the content differs from the manifest\'s.', ''];
lines.push(...await compare(opensslAdapter, createSidOpensslAdapter()));
lines.push(...await compare(bouncycastleAdapter, createSidBouncyCastleAdapter()));
// The same drivers without the declared limits (the names stay those of the registered adapters).
const noLimit = () => null;
// gpgsm: AuthEnvelopedData tried too (2.3 added AES-GCM), as a decryption.
const gpgsmSteps: typeof stepsFor = (s) => (s.contentType === 'authEnvelopedData' && !s.inputs.layers ? ['decrypt'] : stepsFor(s));
const sidNss = createSidNssAdapter();
lines.push(...await compare(
  makeNssAdapter({ name: nssAdapter.name, run: runProgram, version: () => nssVersionWith(runProgram, '/usr/bin/cmsutil'), missing: 'cmsutil missing', unsupported: noLimit }),
  makeNssAdapter({ name: sidNss.name, run: runInSidRoot, version: () => nssVersionWith(runInSidRoot, '/usr/bin/cmsutil', (p) => SID_ROOT + p), missing: 'the unstable root is not built', unsupported: noLimit })));
lines.push(...await compare(
  makeGnutlsAdapter({ name: gnutlsAdapter.name, run: runProgram, missing: 'certtool missing', unsupported: noLimit }),
  makeGnutlsAdapter({ name: createSidGnutlsAdapter().name, run: runInSidRoot, missing: 'the unstable root is not built', unsupported: noLimit })));
lines.push(...await compare(
  makeGpgsmAdapter({ name: gpgsmAdapter.name, programs: HOST_GPGSM, stepsFor: gpgsmSteps, unsupportedAlgorithm: noLimit }),
  makeGpgsmAdapter({ name: createSidGpgsmAdapter().name, programs: SID_GPGSM, stepsFor: gpgsmSteps, unsupportedAlgorithm: noLimit })));
writeFileSync(outPath, lines.join('\n'));
console.log(`written ${outPath}`);
