/**
 * Findings: what a rule says about one message, pointing at the bytes. `rule` is a catalog id
 * (rfcNNNN/section/slug) or one of the checker's own structural ids (cmsi/...), listed in
 * checkers/builtin-rules.ts so that every id a finding can carry is documented somewhere.
 */
export type FindingStatus = 'fail' | 'warn' | 'pass';

export interface Finding {
  readonly rule: string;
  readonly level: string;
  readonly status: FindingStatus;
  readonly message: string;
  /** The field, e.g. signedData.signerInfos[0].signedAttrs[1]. */
  readonly path: string;
  /** Byte offset in the CMS the finding is about (see FileResult.origin for what that is). */
  readonly offset: number;
  readonly length: number;
}

export type Verdict = 'valid' | 'invalid' | 'unparseable';

export interface FileResult {
  readonly file: string;
  readonly verdict: Verdict;
  /** How the CMS was found in the file: offsets refer to the decoded CMS unless origin is der. */
  readonly origin: 'der' | 'pem' | 'base64' | 'smime';
  readonly findings: readonly Finding[];
}

/** A byte region and a field path, what every rule needs to point at something. */
export interface Where {
  readonly path: string;
  readonly offset: number;
  readonly length: number;
}
