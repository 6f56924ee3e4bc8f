/**
 * The manifest's `originator-info` feature says what the bytes hold: a DER EnvelopedData,
 * AuthenticatedData or AuthEnvelopedData sample lists it exactly when its originatorInfo [0] is
 * there (RFC 5652 6.1, 9.1; RFC 5083 2.1). Adapters declare stacks that cannot read an
 * originatorInfo unsupported by this feature (forge); a sample that has one without saying so
 * would count that stack's refusal as a right reject for the wrong reason.
 */
import { describe, expect, it } from 'vitest';
import { readDer, type DerNode } from '../core/der/reader.ts';
import { CORPUS, loadManifest, readBytes } from './helpers/corpus.ts';

const WITH_ORIGINATOR_INFO = new Set(['envelopedData', 'authData', 'authEnvelopedData']);

/** Whether the ContentInfo's content has the [0] originatorInfo after its version; null if unreadable. */
function hasOriginatorInfo(bytes: Uint8Array): boolean | null {
  const { root } = readDer(bytes, { allowTrailing: true });
  const explicit: DerNode | undefined = root?.children[1];
  const body = explicit?.children[0];
  const second = body?.children[1];
  if (!second) return null;
  return second.cls === 'context' && second.tag === 0 && second.constructed;
}

describe('manifest feature originator-info', () => {
  it('is listed exactly by the DER samples whose originatorInfo is present', () => {
    const wrong: string[] = [];
    let judged = 0;
    for (const s of loadManifest().samples) {
      if (s.format !== 'der' || !WITH_ORIGINATOR_INFO.has(s.contentType)) continue;
      const has = hasOriginatorInfo(readBytes(CORPUS, s.file));
      if (has === null) continue; // too broken to have a second field: nothing to say
      judged++;
      if (has !== s.features.includes('originator-info')) wrong.push(`${s.id}: originatorInfo ${has ? 'present' : 'absent'}, feature ${has ? 'missing' : 'listed'}`);
    }
    expect(judged).toBeGreaterThan(50);
    expect(wrong).toEqual([]);
  });
});
