/**
 * Every sample entry of expectations/<stack>.yaml still holds on the installed stack, so a list
 * cannot go stale: the host's adapter of each family (OpenSSL's entries are held by
 * test/openssl-invalid.test.ts and test/openssl-corpus.test.ts) consumes each sample its file
 * names, for the installed version (before / since), and must give the outcome the entry says; a
 * flag entry must still explain something (one sample of its flag gives its outcome). A
 * stack that learns one (or a new release that fixes a bug) fails here: update the file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { ALL_ADAPTERS } from '../adapters/registry.ts';
import { loadExpectations } from '../core/expectations.ts';
import type { Manifest } from '../core/manifest.ts';
import { holdsFor, versionNumbers } from '../reports/known.ts';
import { CORPUS, readBytes } from './helpers/corpus.ts';

const manifest = parse(readFileSync(join(CORPUS, 'manifest.yaml'), 'utf8')) as Manifest;
/** The host generation of each family (a name without `@`), but OpenSSL's, which has its own tests. */
const hosts = ALL_ADAPTERS.filter((a) => !a.name.includes('@') && a.name !== 'openssl' && loadExpectations(a.name).some((e) => e.sample));
afterAll(async () => {
  for (const a of hosts) await a.close?.();
});

describe('expectations hold on the installed stacks', () => {
  it('covers the families with sample entries', () => expect(hosts.map((a) => a.name).sort()).toEqual(['bouncycastle', 'forge', 'gnutls', 'gpgsm', 'nss', 'pkijs', 'python-cryptography']));
  for (const a of hosts) {
    it(`${a.name}: every sample entry gives its outcome`, async () => {
      const p = await a.probe();
      expect(p.installed, `${a.name} is not installed`).toBe(true);
      const version = versionNumbers(p.installed ? p.version : '');
      const entries = loadExpectations(a.name).filter((e) => e.sample && holdsFor(e, version));
      expect(entries.length).toBeGreaterThan(0);
      for (const e of entries) {
        const s = manifest.samples.find((x) => x.id === e.sample)!;
        const support = a.consumes(s);
        const v = support.supported ? await a.consume({ manifest, dir: CORPUS, sample: s, bytes: readBytes(CORPUS, s.file) }) : null;
        // wrong-content: accepted, with content other than the sample's (interop/tasks.ts's test).
        const wrong = v?.verdict === 'accept' && v.content !== null && s.inputs.content !== undefined
          && !Buffer.from(v.content).equals(readBytes(CORPUS, s.inputs.content));
        // As reports/known.ts matches them: an accept entry holds for an accept with any content.
        const outcome = v === null ? 'unsupported' : wrong && e.outcome === 'wrong-content' ? 'wrong-content' : v.verdict;
        expect(outcome, `${a.name} ${e.sample}: expectations/${a.name}.yaml says ${e.outcome}`).toBe(e.outcome);
      }
      // A flag entry explains every record of its flag with its outcome; it is stale once no sample
      // of the flag gives that outcome any more, so at least one must.
      for (const e of loadExpectations(a.name).filter((x) => x.flag && holdsFor(x, version))) {
        let seen = false;
        for (const s of manifest.samples.filter((x) => x.flags?.includes(e.flag!))) {
          if (!a.consumes(s).supported) continue;
          if ((await a.consume({ manifest, dir: CORPUS, sample: s, bytes: readBytes(CORPUS, s.file) })).verdict === e.outcome) { seen = true; break; }
        }
        expect(seen, `${a.name}: no sample flagged ${e.flag} gives ${e.outcome} any more (expectations/${a.name}.yaml)`).toBe(true);
      }
    }, 120_000);
  }
});
