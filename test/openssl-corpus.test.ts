/**
 * Issue 2 acceptance: every valid sample that OpenSSL 3 supports is accepted by `openssl cms` with
 * the manifest's inputs and yields the exact content; the samples it cannot process are listed in
 * adapters/openssl-known.ts with the reason, must still fail there (so the list cannot go stale),
 * and are at least parsed by pkijs (see pkijs-parse.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { opensslConsume, opensslVersion } from '../adapters/openssl.ts';
import { OPENSSL_UNSUPPORTED } from '../adapters/openssl-known.ts';
import { CORPUS, loadValidManifest, readBytes } from './helpers/corpus.ts';

const manifest = loadValidManifest();

describe(`OpenSSL (${opensslVersion() ?? 'missing'}) on the valid corpus`, () => {
  it('is installed', () => expect(opensslVersion()).toMatch(/^OpenSSL 3\./));

  it('lists only samples that exist', () => {
    const ids = new Set(manifest.samples.map((s) => s.id));
    for (const id of Object.keys(OPENSSL_UNSUPPORTED)) expect(ids, id).toContain(id);
  });

  for (const s of manifest.samples) {
    const known = OPENSSL_UNSUPPORTED[s.id];
    if (known) {
      it(`${s.id}: not processed by OpenSSL 3.0 (${known.slice(0, 60)}...)`, () => {
        const v = opensslConsume(manifest, CORPUS, s);
        expect(v.verdict, 'OpenSSL now accepts this sample: move it out of openssl-known.ts').toBe('reject');
      });
    } else {
      it(`${s.id}: accepted with the exact content`, () => {
        const v = opensslConsume(manifest, CORPUS, s);
        expect(v.verdict === 'reject' ? v.error : v.verdict).toBe('accept');
        if (v.verdict === 'accept' && s.inputs.content) {
          expect(Buffer.from(v.content ?? []).equals(Buffer.from(readBytes(CORPUS, s.inputs.content)))).toBe(true);
        }
      });
    }
  }
});
