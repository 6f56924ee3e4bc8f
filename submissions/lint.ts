/**
 * The lint of a submission against the pinned corpus: what a submitter gets back before anything
 * is run. Each finding names the file (and the line of consumed.jsonl); `error` findings make the
 * entry they concern unusable (it is left out), `warning` ones do not. A submission over another
 * corpus is refused outright by the caller, not linted.
 */
import { X509Certificate } from 'node:crypto';
import { PRODUCE_FEATURES } from '../adapters/adapter.ts';
import type { Manifest } from '../core/manifest.ts';
import type { ConsumedLine, SubmissionYaml } from './parse.ts';

export interface LintFinding {
  readonly severity: 'error' | 'warning';
  readonly file: string;
  readonly message: string;
}

const STRAY = /(^|\/)(__MACOSX|\.DS_Store|Thumbs\.db|desktop\.ini|\._[^/]*)(\/|$)/;

export const isPem = (b: Uint8Array): boolean => Buffer.from(b.subarray(0, 200)).toString('latin1').includes('-----BEGIN ');

/** The DER of a PEM (first block) or the bytes as they are. */
export function derOf(b: Uint8Array): Uint8Array {
  if (!isPem(b)) return b;
  const m = /-----BEGIN [^-]+-----([\s\S]*?)-----END [^-]+-----/.exec(Buffer.from(b).toString('latin1'));
  return m ? new Uint8Array(Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64')) : b;
}

export function lintSubmission(files: ReadonlyMap<string, Uint8Array>, sub: SubmissionYaml, consumed: readonly ConsumedLine[], manifest: Manifest): LintFinding[] {
  const out: LintFinding[] = [];
  const referenced = new Set<string>(['submission.yaml', sub.consumed ?? 'consumed.jsonl']);
  const need = (file: string, path: string, what: string) => {
    referenced.add(path);
    if (!files.has(path)) out.push({ severity: 'error', file, message: `${what} ${path} is not in the submission` });
  };
  const at = Date.parse(manifest.validationTime);
  const seenFiles = new Set<string>();
  const seenFeatures = new Set<string>();
  (sub.produced ?? []).forEach((p, i) => {
    const where = `submission.yaml produced[${i}]`;
    if (!(PRODUCE_FEATURES as readonly string[]).includes(p.feature)) out.push({ severity: 'error', file: where, message: `unknown feature "${p.feature}" (known: ${PRODUCE_FEATURES.join(', ')})` });
    if (seenFiles.has(p.file)) out.push({ severity: 'error', file: where, message: `${p.file} is named by two produced entries` });
    seenFiles.add(p.file);
    // One message per feature, as a local stack produces: the report's cells are per feature.
    if (seenFeatures.has(p.feature)) out.push({ severity: 'error', file: where, message: `a second message for feature ${p.feature} (one per feature): left out` });
    seenFeatures.add(p.feature);
    need(where, p.file, 'message');
    if (files.has(p.file) && isPem(files.get(p.file)!)) out.push({ severity: 'warning', file: p.file, message: 'the message is PEM, not DER as its entry says: read as PEM' });
    if (p.content) need(where, p.content, 'content');
    if (p.recipient) { need(where, p.recipient.cert, 'recipient certificate'); need(where, p.recipient.key, 'recipient key'); }
    for (const c of [...(p.trust_anchors ?? []), ...(p.certs ?? [])]) {
      need(where, c, 'certificate');
      const b = files.get(c);
      if (!b) continue;
      try {
        const x = new X509Certificate(Buffer.from(b));
        if (Date.parse(x.validTo) < at || Date.parse(x.validFrom) > at) out.push({ severity: 'warning', file: c, message: `the certificate is not valid at the corpus validation time ${manifest.validationTime} (valid ${x.validFrom} to ${x.validTo})` });
      } catch {
        out.push({ severity: 'error', file: c, message: 'not a certificate (PEM or DER X.509)' });
      }
    }
  });
  const ids = new Set(manifest.samples.map((s) => s.id));
  const seenIds = new Set<string>();
  consumed.forEach((c, i) => {
    const where = `${sub.consumed ?? 'consumed.jsonl'}:${i + 1}`;
    if (!ids.has(c.id)) out.push({ severity: 'error', file: where, message: `sample "${c.id}" is not in the pinned corpus` });
    else if (seenIds.has(c.id)) out.push({ severity: 'error', file: where, message: `sample "${c.id}" is listed twice` });
    seenIds.add(c.id);
  });
  for (const f of [...files.keys()].sort()) {
    if (STRAY.test(f)) out.push({ severity: 'warning', file: f, message: 'stray file (archiver metadata): ignored' });
    else if (!referenced.has(f)) out.push({ severity: 'warning', file: f, message: 'not named by submission.yaml: ignored' });
  }
  return out;
}
