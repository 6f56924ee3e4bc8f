/**
 * Reproducibility (issue 2, point 5): the same seed gives identical trees, equal to the committed
 * corpus/, and a different seed changes the randomized samples.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../generators/generate.ts';
import { CORPUS } from './helpers/corpus.ts';

function tree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p).toString('base64'));
    }
  };
  walk(dir);
  return out;
}

const dirs: string[] = [];
const fresh = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'cmsi-repro-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('corpus reproducibility', () => {
  const a = fresh();
  const b = fresh();
  generateCorpus(a, '1');
  generateCorpus(b, '1');
  const ta = tree(a);

  it('the same seed twice gives identical trees', () => {
    expect(ta.size).toBeGreaterThan(60);
    expect(tree(b)).toEqual(ta);
  });

  it('seed 1 equals the committed corpus/ byte for byte', () => {
    const committed = tree(CORPUS);
    const missing = [...ta.keys()].filter((k) => !committed.has(k));
    const extra = [...committed.keys()].filter((k) => !ta.has(k));
    const differing = [...ta.keys()].filter((k) => committed.has(k) && committed.get(k) !== ta.get(k));
    expect({ missing, extra, differing }).toEqual({ missing: [], extra: [], differing: [] });
  });

  it('another seed changes every sample that draws randomness and keeps the deterministic ones', () => {
    const c = fresh();
    generateCorpus(c, '2');
    const tc = tree(c);
    const changed = [...ta.keys()].filter((k) => k.startsWith('samples/') && tc.get(k) !== ta.get(k));
    // RSA-PSS salts, CEKs/IVs, ephemeral keys and MAC keys come from the seed ...
    expect(changed).toContain('samples/enveloped-data/rsa-pkcs1/aes-128-cbc.der');
    expect(changed).toContain('samples/signed-data/rsa-pss-sha256/attached.der');
    expect(changed).toContain('samples/enveloped-data/x25519/aes-128-cbc.der');
    // ... while PKCS #1 v1.5, RFC 6979 and EdDSA signatures do not depend on it.
    expect(changed).not.toContain('samples/signed-data/rsa-sha256/attached.der');
    expect(changed).not.toContain('samples/signed-data/ecdsa-p256-sha256/attached.der');
    expect(changed).not.toContain('samples/signed-data/dsa-sha256/attached.der');
  });
});
