/**
 * Opening a sample layer by layer, for the adapters whose stack has no S/MIME (MIME) support of its
 * own: Bouncy Castle without bcjmail, pkijs, node-forge. The adapter unwraps the MIME carrier with
 * the checker's reader (checkers/input.ts: application/pkcs7-mime bodies, the two parts of
 * multipart/signed, canonical CRLF for the signed part), then the stack processes the CMS object.
 * Inner layers of S/MIME are MIME entities again (RFC 8551 3.1), so each layer's output goes through
 * the same reader. A MIME carrier the reader cannot take apart is a rejected message, and says so.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadInput } from '../../checkers/input.ts';
import type { Layer, Sample } from '../../core/manifest.ts';
import type { ConsumeRequest } from '../adapter.ts';
import type { ConsumeVerdict } from '../verdict.ts';

export type Step = Layer | 'data' | 'digest' | 'uncompress' | 'encrypted-data' | 'certs';

/** The operations that open a sample: the manifest's layers, or the one its content type implies. */
export function stepsFor(s: Sample): Step[] {
  if (s.inputs.layers) return [...s.inputs.layers];
  if (s.features.includes('certs-only')) return ['certs'];
  switch (s.contentType) {
    case 'data': return ['data'];
    case 'digestedData': return ['digest'];
    case 'compressedData': return ['uncompress'];
    case 'encryptedData': return ['encrypted-data'];
    case 'signedData': return ['verify'];
    default: return ['decrypt'];
  }
}

export interface LayerInput {
  readonly step: Step;
  /** 0 for the outermost layer. */
  readonly index: number;
  /** The CMS ContentInfo of this layer (DER or BER). */
  readonly cms: Uint8Array;
  /** Detached content for a signature: the manifest's content file, or multipart/signed's first part. */
  readonly detached: Uint8Array | null;
}

/** Absolute paths of the manifest's trust anchors. */
export const trustAnchorPaths = (r: ConsumeRequest): string[] => r.manifest.trustAnchors.map((t) => join(r.dir, t));

/**
 * Runs `open` on each layer, outermost first; the first verdict other than accept ends it. The
 * final accept carries the innermost content.
 */
export async function openLayers(r: ConsumeRequest, open: (layer: LayerInput) => Promise<ConsumeVerdict>): Promise<ConsumeVerdict> {
  const s = r.sample;
  let bytes: Uint8Array = r.bytes;
  let content: Uint8Array | null = null;
  const said: string[] = [];
  for (const [index, step] of stepsFor(s).entries()) {
    let cms = bytes;
    let detached: Uint8Array | null = null;
    if (s.format === 'smime') {
      const loaded = loadInput(bytes);
      if (!loaded.ok) return { verdict: 'reject', error: `S/MIME layer ${index} (adapter's MIME reader): ${loaded.error}` };
      cms = loaded.cms;
      detached = loaded.mime?.signedPart ?? null;
    } else if (step === 'verify' && index === 0 && s.inputs.detached && s.inputs.content) {
      detached = new Uint8Array(readFileSync(join(r.dir, s.inputs.content)));
    }
    const v = await open({ step, index, cms, detached });
    if (v.verdict !== 'accept') return v;
    if (v.output) said.push(v.output);
    content = v.content;
    bytes = v.content ?? new Uint8Array();
  }
  return { verdict: 'accept', content, ...(said.length ? { output: said.join(' | ') } : {}) };
}

/**
 * Flags of defects that lie in the MIME layer alone: MimeMismatch (the MIME headers contradict the
 * CMS), EfailDirectExfiltration (unencrypted text/html parts around a sound EnvelopedData; the
 * adapter's MIME reader takes the pkcs7-mime part out of the multipart/mixed and the stack decrypts
 * a message with nothing wrong in it).
 */
const MIME_ONLY_FLAGS: readonly string[] = ['MimeMismatch', 'EfailDirectExfiltration'];

/**
 * For a stack without S/MIME: an invalid sample whose defect lies in the MIME layer would be
 * judged by the adapter's lenient MIME reader, not by the stack, so it is not the stack's to
 * consume. Returns the reason, or null.
 */
export function mimeOnlyDefect(s: Sample, stack: string): string | null {
  if (s.format !== 'smime' || s.expected === 'valid' || !s.flags?.some((f) => MIME_ONLY_FLAGS.includes(f))) return null;
  return `${stack} has no S/MIME layer: the MIME-level defect would be judged by the adapter's MIME reader, not by ${stack}`;
}
