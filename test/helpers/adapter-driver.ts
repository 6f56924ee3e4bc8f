/**
 * Driving one adapter over corpus samples in the adapter tests: find a sample, consume it (with an
 * optional tamper of a copy of its bytes), and check an acceptance with the exact content.
 */
import { expect } from 'vitest';
import type { Adapter } from '../../adapters/adapter.ts';
import type { ConsumeVerdict } from '../../adapters/verdict.ts';
import { CORPUS, loadManifest, readBytes } from './corpus.ts';

/** The last octet of a signed DER sample is the end of the signature value (or of the ciphertext). */
export const flipLast = (b: Uint8Array): void => { b[b.length - 1]! ^= 0x01; };
/** CBC: the padding length octet of the plaintext XOR 0x10, a certain padding failure; for GCM any ciphertext octet fails the tag. */
export const padLength = (b: Uint8Array): void => { b[b.length - 17]! ^= 0x10; };

/** `requireSupported: false` lets a test feed samples the adapter declares unsupported. */
export function adapterDriver(adapter: Adapter, options: { readonly requireSupported?: boolean } = {}) {
  const manifest = loadManifest();
  const sample = (id: string) => {
    const s = manifest.samples.find((x) => x.id === id);
    if (!s) throw new Error(`no sample ${id}`);
    return s;
  };
  const consume = async (id: string, tamper?: (b: Uint8Array) => void): Promise<ConsumeVerdict> => {
    const s = sample(id);
    if (options.requireSupported ?? true) expect(adapter.consumes(s), id).toEqual({ supported: true });
    const bytes = readBytes(CORPUS, s.file).slice();
    tamper?.(bytes);
    return adapter.consume({ manifest, dir: CORPUS, sample: s, bytes });
  };
  const expected = (id: string) => readBytes(CORPUS, sample(id).inputs.content as string);
  const expectAccepted = async (id: string): Promise<void> => {
    const v = await consume(id);
    expect(v.verdict === 'reject' || v.verdict === 'error' ? v.error : v.verdict, id).toBe('accept');
    const content = sample(id).inputs.content;
    if (v.verdict === 'accept' && content) expect(Buffer.from(v.content ?? []).equals(Buffer.from(readBytes(CORPUS, content))), id).toBe(true);
  };
  return { manifest, sample, consume, expected, expectAccepted };
}
