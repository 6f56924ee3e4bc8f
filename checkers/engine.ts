/**
 * The checker engine: one file in, one FileResult out. It finds the CMS (checkers/input.ts),
 * reads it with the strict reader, builds the view for its content type, runs every static rule
 * and, when inputs allow, the crypto rules, then decides the verdict (checkers/verdict.ts):
 * unparseable when the bytes are not a CMS structure, else valid, acceptable, invalid or
 * unchecked. A resource bound of the reader (depth, node count) is a limit, not a finding.
 */
import type { Catalog } from '../core/catalog.ts';
import { readDer, type DefectCode, type DerNode } from '../core/der/reader.ts';
import { decodeOid } from '../core/der/values.ts';
import { OID, oidName } from '../core/oids.ts';
import type { Profile } from '../core/vocabulary.ts';
import type { Layer } from '../core/layers.ts';
import { CheckContext } from './context.ts';
import { at, oidValue } from './cms/fields.ts';
import { CONTENT_TYPE_CHECKERS } from './content-types.ts';
import type { FileResult, Finding, Verdict, Where } from './finding.ts';
import { decide, layerStatuses } from './verdict.ts';
import { loadInput, type CmsSource } from './input.ts';
import { sourceMapper } from './source-map.ts';
import { checkMime } from './rules/mime.ts';
import { checkSmimeContent } from './rules/rfc8551-smime-content.ts';
import { checkMixedOrigins } from './rules/rfc8551-origins.ts';
import type { LabelledInput } from './x509/certificate-set.ts';
import type { CertificateInputs } from './x509/check-signed-data.ts';
import type { GivenTime } from './x509/validation-time.ts';
import { fileSource, wholeContent, type ContentSource, type SignedContent } from './crypto/content-source.ts';

export interface CheckOptions {
  readonly catalog: Catalog;
  readonly profile: Profile;
  readonly certs: readonly Uint8Array[];
  readonly content: Uint8Array | null;
  /**
   * Detached content read in chunks when needed, never whole for a SignedData: a source (tests,
   * the API) or a file name (what crosses to a worker thread). `content` wins when both are given.
   */
  readonly contentSource?: ContentSource;
  readonly contentFile?: string;
  /** Set by the streaming path (checkers/stream/): the attached eContent's digests. */
  readonly streamed?: SignedContent;
  /** Recipient private keys (PKCS#8 PEM or DER) with their certificates, for decryption rules. */
  readonly keys?: readonly { readonly key: Uint8Array; readonly cert: Uint8Array | null }[];
  readonly password?: string;
  /** KEK (with its key identifier) or the bare key of an EncryptedData, hex-decoded. */
  readonly kek?: { readonly keyId: Uint8Array | null; readonly key: Uint8Array };
  /**
   * multipart/signed: the signed first part (set by the engine from the input). What the
   * signature covers, in place of any eContent the SignedData carries beside it (RFC 8551 3.5.3).
   */
  readonly signedPart?: Uint8Array;
  /** For a signed Receipt: the original message it acknowledges (RFC 2634 2.6). */
  readonly original?: Uint8Array;
  /** Called with each content the check recovered (decrypted, decompressed), for cmsi inspect. */
  readonly onRecovered?: (content: Uint8Array, at: Where) => void;
  /** Names for `certs`, in order (the --cert file names), to cite in certificate findings. */
  readonly certLabels?: readonly string[];
  /** Trust anchors (--ca, the manifest's trustAnchors): with none, trust is not checked. */
  readonly anchors?: readonly LabelledInput[];
  /** CRLs beyond those in the message (--crl). */
  readonly crls?: readonly LabelledInput[];
  /** The path validation time (--at, the manifest's validationTime); else signing-time or now. */
  readonly at?: GivenTime;
  /** --layers: check only these layers; the others' rules do not run (status none). */
  readonly layers?: readonly Layer[];
  /** Reader bounds (--max-depth, --max-nodes); past them the verdict is unchecked, with the limit. */
  readonly maxDepth?: number;
  readonly maxNodes?: number;
  /** PBKDF2 iterations spent on one message (--max-pbkdf2-iterations); past it, a limit too. */
  readonly maxPbkdf2Iterations?: number;
  /** The From and Sender headers of an S/MIME entity (set by the engine from the input). */
  readonly mailFrom?: { readonly from?: string; readonly sender?: string };
}

/** The certificate inputs of the options, each with the name a finding cites. */
export function certificateInputs(o: CheckOptions): CertificateInputs {
  return {
    certs: o.certs.map((der, i) => ({ der, label: `--cert ${o.certLabels?.[i] ?? `#${i + 1}`}` })),
    anchors: o.anchors ?? [],
    crls: o.crls ?? [],
    ...(o.at ? { at: o.at } : {}),
    ...(o.mailFrom ? { mailFrom: o.mailFrom } : {}),
  };
}

/** The reader's default bounds (core/der/reader.ts), raised with --max-depth and --max-nodes. */
export const DEFAULT_MAX_DEPTH = 64;
export const DEFAULT_MAX_NODES = 200_000;

const KNOWN_TYPES = new Set<string>([OID.data, OID.signedData, OID.envelopedData, OID.digestedData, OID.encryptedData, OID.authData, OID.authEnvelopedData, OID.compressedData]);

export function checkBytes(file: string, bytes: Uint8Array, options: CheckOptions): FileResult {
  const input = loadInput(bytes);
  if (!input.ok) {
    const findings: Finding[] = [{ rule: 'cmsi/input-format', level: 'MUST', status: 'fail', layer: 'encoding', message: input.error, path: '', offset: 0, length: 0 }];
    return { file, verdict: 'unparseable', origin: 'der', findings, layers: layerStatuses(findings), reason: `encoding (${input.error})` };
  }
  const ctx = new CheckContext(input.cms, options.profile, options.catalog, options.layers ? new Set(options.layers) : undefined);
  const mailFrom = input.mime && (input.mime.from !== undefined || input.mime.sender !== undefined)
    ? { mailFrom: { ...(input.mime.from !== undefined ? { from: input.mime.from } : {}), ...(input.mime.sender !== undefined ? { sender: input.mime.sender } : {}) } } : {};
  const contentSource = options.contentSource ?? (options.contentFile !== undefined ? fileSource(options.contentFile) : undefined);
  const signedPart = input.mime?.signedPart;
  const content = options.content ?? (contentSource ? null : signedPart ?? null);
  const parsed = checkCms(ctx, { ...options, content, ...(contentSource ? { contentSource } : {}), ...(signedPart ? { signedPart } : {}), ...mailFrom });
  if (input.mime && parsed) checkMime(ctx, input.mime);
  if (input.mime && parsed) checkSmimeContent(ctx, input.mime, input.mime.mixed?.entity ?? bytes);
  if (input.mime && parsed) checkMixedOrigins(ctx, input.mime);
  for (const r of ctx.recovered) options.onRecovered?.(r.content, r.at);
  const d = decide(ctx.findings, ctx.limit);
  const verdict: Verdict = parsed || ctx.limit ? d.verdict : 'unparseable';
  const source = input.source ?? { start: 0, end: bytes.length, encoding: input.origin === 'der' ? 'binary' : 'base64', container: 'the file' } as const;
  const findings = locateInFile(ctx.findings, bytes, source);
  const origin = input.origin === 'der' && !ctx.isDer ? 'ber' : input.origin;
  return { file, verdict, origin, findings, layers: d.layers, reason: d.reason, ...(ctx.limit ? { limit: ctx.limit } : {}), ...(ctx.validation ? { validation: ctx.validation } : {}), source };
}

/** Findings with their place in the original file, when the CMS was decoded from it. */
function locateInFile(findings: readonly Finding[], bytes: Uint8Array, source: CmsSource): readonly Finding[] {
  if (source.encoding === 'binary' && source.start === 0 && !source.headers) return findings;
  const map = sourceMapper(bytes, source);
  return findings.map((f) => ({ ...f, file: map(f.offset, f.length, f.path) }));
}

/** Reader defects that are resource bounds, with the flag that would raise them. */
const LIMIT_DEFECTS: Partial<Record<DefectCode, { limit: string; flag: string; bound: (o: CheckOptions) => number }>> = {
  'too-deep': { limit: 'depth', flag: '--max-depth', bound: (o) => o.maxDepth ?? DEFAULT_MAX_DEPTH },
  'too-many-nodes': { limit: 'nodes', flag: '--max-nodes', bound: (o) => o.maxNodes ?? DEFAULT_MAX_NODES },
};

/** Checks the CMS; false when the bytes are not a CMS structure at all (unparseable). */
function checkCms(ctx: CheckContext, options: CheckOptions): boolean {
  const read = readDer(ctx.bytes, { maxDepth: options.maxDepth ?? DEFAULT_MAX_DEPTH, maxNodes: options.maxNodes ?? DEFAULT_MAX_NODES });
  ctx.isDer = read.isDer;
  for (const d of read.defects.filter((x) => x.kind === 'fatal')) {
    const limit = LIMIT_DEFECTS[d.code];
    if (limit) {
      ctx.hitLimit({ limit: limit.limit, flag: limit.flag, value: limit.bound(options), message: d.message, offset: d.offset });
      continue;
    }
    // The bytes are not one BER value (truncated, overlong, trailing data): not a ContentInfo as
    // RFC 5652 3 requires.
    ctx.fail('rfc5652/3/content-info-outer-type', d.message, { path: '', offset: d.offset, length: d.length }, 'encoding');
  }
  if (!read.fatal) ctx.check('rfc5652/3/content-info-outer-type', true, 'the input is one complete BER value', { path: '', offset: 0, length: ctx.bytes.length }, 'encoding');
  if (!read.root) return recognisableCms(ctx);
  const root = read.root;
  const [typeNode, wrapper] = root.children;
  if (root.cls !== 'universal' || root.tag !== 16 || !typeNode || typeNode.tag !== 6) {
    ctx.structure('not a ContentInfo: expected SEQUENCE { contentType OBJECT IDENTIFIER, ... }', { path: 'contentInfo', offset: root.offset, length: root.end - root.offset });
    return false;
  }
  const type = oidValue(ctx, at('contentInfo.contentType', typeNode), 'contentType');
  if (type === null) return false;
  if (!KNOWN_TYPES.has(type)) {
    // Nothing of it was checked (e.g. PKCS #7 signedAndEnvelopedData, RFC 5544 TimeStampedData):
    // unchecked, never valid.
    ctx.unchecked('cmsi/unknown-content-type', `content type ${type} is not one this checker knows: nothing inside it was checked`, { path: 'contentInfo.contentType', offset: typeNode.offset, length: typeNode.end - typeNode.offset });
    return true;
  }
  if (!wrapper || wrapper.cls !== 'context' || wrapper.tag !== 0 || !wrapper.constructed || wrapper.children.length !== 1) {
    const w = { path: 'contentInfo.content', offset: (wrapper ?? root).offset, length: ((wrapper ?? root).end - (wrapper ?? root).offset) };
    ctx.structure('ContentInfo content is not [0] EXPLICIT', w);
    ctx.fail('rfc5652/3/content-info-outer-type', 'ContentInfo content is not [0] EXPLICIT (RFC 5652 3)', w);
    return true;
  }
  dispatch(ctx, type, at(`${oidName(type)}`, wrapper.children[0]!), options);
  return true;
}

function dispatch(ctx: CheckContext, type: string, l: { path: string; node: DerNode }, options: CheckOptions): void {
  // Only SignedData digests a content source in chunks; the other types compare what they
  // recover with the expected content byte for byte, so they get it whole.
  const whole = type !== OID.signedData && options.content === null && options.contentSource ? { content: wholeContent(options.contentSource) } : {};
  CONTENT_TYPE_CHECKERS[type]?.(ctx, l, { ...options, ...whole });
}

/** After a fatal read: is the start still a ContentInfo with a known content type? */
function recognisableCms(ctx: CheckContext): boolean {
  const b = ctx.bytes;
  if (b[0] !== 0x30 || b.length < 4) return false;
  let p = 1;
  const l0 = b[p++]!;
  if (l0 > 0x80) p += l0 & 0x7f;
  if (b[p] !== 0x06) return false;
  const len = b[p + 1]!;
  const d = decodeOid(b.subarray(p + 2, p + 2 + len));
  return d.ok && KNOWN_TYPES.has(d.value);
}
