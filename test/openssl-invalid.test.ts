/**
 * Issue 5: OpenSSL's verdict on every invalid sample it can process, next to our expectation.
 * An invalid sample OpenSSL accepts must be listed in adapters/openssl-invalid-known.ts with the
 * reason the RFC is on our side; a listed sample OpenSSL starts rejecting fails the test too.
 */
import { describe, expect, it } from 'vitest';
import { opensslConsume } from '../adapters/openssl.ts';
import { OPENSSL_UNSUPPORTED } from '../adapters/openssl-known.ts';
import { OPENSSL_ACCEPTS_INVALID, OPENSSL_HANGS_ON } from '../adapters/openssl-invalid-known.ts';
import { CORPUS, loadManifest, readBytes } from './helpers/corpus.ts';

const manifest = loadManifest();
const invalid = manifest.samples.filter((s) => s.expected !== 'valid' && s.base && !OPENSSL_UNSUPPORTED[s.base]);

describe('OpenSSL on the invalid corpus', () => {
  it('lists only samples that exist and are invalid', () => {
    for (const id of Object.keys(OPENSSL_ACCEPTS_INVALID)) {
      expect(manifest.samples.find((s) => s.id === id)?.expected, id).toBe('invalid');
    }
    for (const id of Object.keys(OPENSSL_HANGS_ON)) expect(manifest.samples.find((s) => s.id === id)?.limit, id).toBeDefined();
  });

  for (const s of invalid) {
    const listed = OPENSSL_ACCEPTS_INVALID[s.id];
    const title = `${s.id} (${s.expected}, ${s.flags?.join(',')})`;
    it(title, () => {
      const v = opensslConsume(manifest, CORPUS, s);
      if (OPENSSL_HANGS_ON[s.id]) {
        // A recorded denial of service (expectations/openssl.yaml, outcome: hang): it must still hold.
        expect(v.verdict, `OpenSSL no longer runs ${s.id} to the timeout: remove its hang entry`).toBe('hang');
        return;
      }
      expect(['crash', 'hang', 'error']).not.toContain(v.verdict);
      if (s.expected === 'acceptable') return; // either outcome conforms; recorded in the report
      if (listed) {
        expect(v.verdict, `OpenSSL now rejects ${s.id}: remove it from openssl-invalid-known.ts`).toBe('accept');
      } else {
        // Accepting with other content than the valid base is still an acceptance of a forgery.
        const same = v.verdict === 'accept' && s.inputs.content && v.content
          ? Buffer.from(v.content).equals(Buffer.from(readBytes(CORPUS, s.inputs.content))) : false;
        expect(v.verdict === 'accept' ? `accepted${same ? '' : ' (other content)'}` : 'rejected', `OpenSSL accepts invalid ${s.id}`).toBe('rejected');
      }
    });
  }
});
