/**
 * Findings: what a rule says about one message, pointing at the bytes. `rule` is a catalog id
 * (rfcNNNN/section/slug) or one of the checker's own structural ids (cmsi/...), listed in
 * checkers/builtin-rules.ts so that every id a finding can carry is documented somewhere.
 *
 * Every finding belongs to one layer, so that an implementor can tell at once whether a message
 * failed for its bytes, its ASN.1, its cryptography, its certificates, its path to a trust anchor,
 * an algorithm policy or its MIME wrapping.
 */
import { LAYERS, type Layer } from '../core/layers.ts';
import type { Expectation } from './expectation.ts';
import type { CmsSource } from './input.ts';
import type { FileRegion } from './source-map.ts';

export { LAYERS, type Layer };

/**
 * pass / fail / warn (a SHOULD-level failure) are decisions; `unchecked` says the rule could not
 * be decided (no certificate, no key, no content, an algorithm the checker does not implement):
 * its own outcome, never a pass and never a failure.
 */
export type FindingStatus = 'fail' | 'warn' | 'pass' | 'unchecked';

export interface Finding {
  readonly rule: string;
  readonly level: string;
  readonly status: FindingStatus;
  readonly layer: Layer;
  readonly message: string;
  /** The field, e.g. signedData.signerInfos[0].signedAttrs[1]. */
  readonly path: string;
  /** Byte offset in the CMS the finding is about (see FileResult.origin for what that is). */
  readonly offset: number;
  readonly length: number;
  /**
   * The same place in the original file when the CMS was decoded from it (PEM, base64, MIME): the
   * base64 characters that encode these octets, or the MIME headers for MIME-layer findings.
   * Absent when the file is the CMS itself (then it equals offset and length).
   */
  readonly file?: FileRegion;
  /**
   * A failure of a statement that binds the producer while receivers must accept the message
   * (catalog `receivers: must-accept`): it makes the verdict `acceptable`, not `invalid`.
   */
  readonly producerOnly?: true;
}

/**
 * valid: every rule that ran passed (warnings allowed) and nothing was left undecided;
 * acceptable: the only MUST failures are ones that bind the producer while the RFCs oblige
 *   receivers to accept the message (catalog `receivers: must-accept`, e.g. NULL vs absent SHA-2
 *   parameters, RFC 5754 2);
 * invalid: a MUST-level rule failed;
 * unchecked: no MUST failed, but something could not be decided (a missing input, an unsupported
 *   algorithm) or a resource limit stopped the check (then `limit` says which, and always wins:
 *   a limit is never a verdict about the message);
 * unparseable: the bytes are not a CMS structure at all.
 */
export type Verdict = 'valid' | 'acceptable' | 'invalid' | 'unchecked' | 'unparseable';

/** Per layer: the worst outcome among its findings; `none` when no rule of the layer ran. */
export type LayerStatus = 'pass' | 'warn' | 'acceptable' | 'fail' | 'unchecked' | 'none';

/** A resource bound that stopped the check, and how to raise it. */
export interface LimitHit {
  readonly limit: string;
  readonly value: number;
  /** The command-line flag that raises it, e.g. --max-nodes. */
  readonly flag: string;
  readonly message: string;
  readonly offset: number;
}

export interface FileResult {
  readonly file: string;
  readonly verdict: Verdict;
  /**
   * How the CMS was found in the file: offsets refer to the decoded CMS unless origin is der or
   * ber (the file is the binary CMS itself; ber when it uses encodings DER forbids).
   */
  readonly origin: 'der' | 'ber' | 'pem' | 'base64' | 'smime';
  readonly findings: readonly Finding[];
  readonly layers: Readonly<Record<Layer, LayerStatus>>;
  /** The first decisive finding, by layer order: what the verdict is for, in one line. */
  readonly reason: string | null;
  readonly limit?: LimitHit;
  /** Where the CMS is in the file (absent for input that is not CMS at all). */
  readonly source?: CmsSource;
  /** With a manifest: the verdict the sample should have, and whether it does. */
  readonly expectation?: Expectation;
  /** When a certification path was validated: at what time, chosen how, with how many anchors. */
  readonly validation?: Validation;
}

/**
 * The validation time of the path layer and its source: --at, the manifest's validationTime, or
 * the wall clock (never the signer's signing-time, which is reported as `claimed` only);
 * `anchors` 0 means trust was not checked.
 */
export interface Validation {
  readonly time: string;
  readonly source: 'at' | 'manifest' | 'now';
  readonly anchors: number;
  /** The first signer's signing-time attribute, when readable: what the signer claims, not used. */
  readonly claimed?: string;
}

/** A byte region and a field path, what every rule needs to point at something. */
export interface Where {
  readonly path: string;
  readonly offset: number;
  readonly length: number;
}
