/**
 * `cmsi inspect`: a message's structure as a tree, layer by layer. The file is read like the
 * checker reads it (DER, PEM, base64, S/MIME); the CMS is walked against the ASN.1 schema
 * (walk.ts); the checker runs on the same bytes and each finding is put at the node it concerns
 * (same offset and length, else the innermost node holding its offset). Messages inside are
 * layers of their own: eContent that is a MIME entity or a ContentInfo, the signed part of
 * multipart/signed, and content the checker recovered with the keys given (decrypted,
 * decompressed). Bounded: at most MAX_LAYERS deep, and every read goes through the strict reader.
 */
import { readDer } from '../../core/der/reader.ts';
import type { Verdict } from '../finding.ts';
import { checkBytes, type CheckOptions } from '../engine.ts';
import { loadInput } from '../input.ts';
import { contentInfo } from './schema-cms.ts';
import type { InspectFinding, InspectLayer, InspectNode } from './tree.ts';
import { readLenient } from './lenient.ts';
import { preview } from './values.ts';
import { Walker } from './walk.ts';

export const MAX_LAYERS = 8;

export interface InspectOptions extends Omit<CheckOptions, 'onRecovered'> {
  /** Also show the rules that passed, at their nodes. */
  readonly passes?: boolean;
}

export function inspectBytes(file: string, bytes: Uint8Array, options: InspectOptions): InspectLayer {
  return layerOf(file, bytes, options, 0, 'the file');
}

function layerOf(file: string, bytes: Uint8Array, options: InspectOptions, depth: number, from: string): InspectLayer {
  const input = loadInput(bytes);
  if (!input.ok) return { kind: 'content', label: 'not a CMS message', from, size: bytes.length, findings: [], root: null, preview: preview(bytes), error: input.error };
  const recovered: { content: Uint8Array; offset: number; length: number }[] = [];
  const inner = depth > 0 ? { ...options, content: null } : options;
  const result = checkBytes(file, bytes, { ...inner, onRecovered: (content, at) => recovered.push({ content, offset: at.offset, length: at.length }) });
  const nested = (content: Uint8Array): InspectLayer | undefined =>
    depth + 1 >= MAX_LAYERS ? undefined : contentLayer(file, content, options, depth + 1, 'the eContent octets');
  const read = readDer(input.cms, { allowTrailing: true });
  // When the strict reader stops (truncation, a length past the end), show what is there.
  const fatal = read.root ? undefined : read.defects.find((d) => d.kind === 'fatal');
  const lenient = read.root ? null : readLenient(input.cms);
  const tree = read.root ?? lenient?.root ?? null;
  const root = tree ? new Walker(nested).walk(tree, contentInfo, 'contentInfo', { bytes: input.cms, base: 0 }, null) : null;
  if (root && lenient) noteClamped(root, lenient.notes);
  const how = root?.summary === 'compressedData' ? 'decompressed' : root?.summary === 'data' ? 'carried' : 'decrypted with the inputs given';
  for (const r of recovered) {
    const node = root && exactNode(root, r.offset, r.length);
    // Recovered content replaces what the walk found in the same node (the zlib octets of eContent).
    if (node && depth + 1 < MAX_LAYERS && !(node.offset === 0 && r.length === input.cms.length)) {
      node.layer = contentLayer(file, r.content, options, depth + 1, `${node.name} at offset ${node.offset}, ${how}`);
    }
  }
  const count = (s: string) => result.findings.filter((f) => f.status === s).length;
  const layer: InspectLayer = {
    kind: input.origin,
    label: labelOf(input.origin, input.mime, read.isDer),
    from: input.source && input.source.container !== 'the file' ? `${input.source.container}, bytes ${input.source.start}-${input.source.end} of ${from}` : from,
    size: input.cms.length,
    verdict: result.verdict as Verdict,
    reason: result.reason,
    counts: { failed: count('fail'), warnings: count('warn'), unchecked: count('unchecked'), passed: count('pass') },
    findings: [],
    root,
    ...(fatal ? { error: `the strict reader stops at offset ${fatal.offset}: ${fatal.message}; below, what could be read, lengths clamped to the bytes present` } : {}),
    ...(input.mime?.signedPart && depth + 1 < MAX_LAYERS ? { signedPart: contentLayer(file, input.mime.signedPart, options, depth + 1, 'the signed first part of the multipart/signed') } : {}),
  };
  for (const f of result.findings) {
    if (f.status === 'pass' && !options.passes) continue;
    const shown: InspectFinding = { rule: f.rule, level: f.level, status: f.status, layer: f.layer, message: f.message, path: f.path, offset: f.offset, length: f.length };
    const node = !root || f.path === 'mime' || f.path.startsWith('mime.') ? null : exactNode(root, f.offset, f.length) ?? innermost(root, f.offset);
    (node ? node.findings : layer.findings).push(shown);
  }
  return layer;
}

/** Content found inside a message: a message of its own when it is one, else a preview. */
function contentLayer(file: string, content: Uint8Array, options: InspectOptions, depth: number, from: string): InspectLayer {
  const looksLikeMessage = content[0] === 0x30 ? readDer(content).root?.children[0]?.tag === 6 : loadInput(content).ok && !/^[A-Za-z0-9+/=\s]+$/.test(Buffer.from(content.subarray(0, 200)).toString('latin1'));
  if (looksLikeMessage) return layerOf(file, content, options, depth, from);
  return { kind: 'content', label: 'content', from, size: content.length, findings: [], root: null, preview: preview(content) };
}

function labelOf(origin: string, mime: { contentType: string; params: Readonly<Record<string, string>> } | undefined, isDer: boolean): string {
  const encoding = isDer ? 'DER' : 'BER';
  if (origin === 'smime' && mime) {
    const params = Object.entries(mime.params).filter(([k]) => k !== 'boundary').map(([k, v]) => `${k}=${v}`).join('; ');
    return `S/MIME ${mime.contentType}${params ? ` (${params})` : ''}: CMS in ${encoding}`;
  }
  return origin === 'pem' ? `PEM: CMS in ${encoding}` : origin === 'base64' ? `base64: CMS in ${encoding}` : `CMS in ${encoding}`;
}

/** Marks the nodes whose length the lenient reader had to clamp. */
function noteClamped(n: InspectNode, notes: ReadonlyMap<number, string>): void {
  const note = notes.get(n.offset);
  if (note) (n as { note?: string }).note = n.note ? `${n.note}; ${note}` : note;
  for (const c of n.children) noteClamped(c, notes);
}

/** The innermost node covering exactly [offset, offset + length). */
function exactNode(n: InspectNode, offset: number, length: number): InspectNode | null {
  if (offset < n.offset || offset + length > n.end) return null;
  for (const c of n.children) {
    const hit = exactNode(c, offset, length);
    if (hit) return hit;
  }
  return n.offset === offset && n.end - n.offset === length ? n : null;
}

/** The innermost node whose bytes hold `offset`. */
function innermost(n: InspectNode, offset: number): InspectNode | null {
  if (offset < n.offset || offset >= Math.max(n.end, n.offset + 1)) return null;
  for (const c of n.children) {
    const hit = innermost(c, offset);
    if (hit) return hit;
  }
  return n;
}

/** Every node of a layer and of the layers inside it, for tests and tools. */
export function* allNodes(layer: InspectLayer): Generator<InspectNode> {
  const visit = function* (n: InspectNode): Generator<InspectNode> {
    yield n;
    for (const c of n.children) yield* visit(c);
    if (n.layer) yield* allNodes(n.layer);
  };
  if (layer.root) yield* visit(layer.root);
  if (layer.signedPart) yield* allNodes(layer.signedPart);
}
