/**
 * Robustness of the checker (checkers/engine.ts checkBytes) on hostile input, in process:
 *
 *  - ≥ 20,000 arbitrary byte strings: uniform bytes of varied length (up to 4 KB), and biased
 *    generators that start like DER (0x30 with plausible, wrong, long-form and indefinite lengths,
 *    and random TLV trees wrapped in a ContentInfo with a known content type);
 *  - ≥ 20,000 mutations of the corpus samples: bit flips, byte overwrites, truncation, length-octet
 *    edits (long-form claims of 100 MB and 4 GB, indefinite, reserved 0xFF, off by one...), tag
 *    edits and swaps, inserted and deleted bytes, duplicated / deleted / rewritten TLVs (with and
 *    without fixing the enclosing lengths), 0x30 0x80 nesting up to 10,000 levels, and splices of
 *    two samples;
 *  - explicit cases: a 100 MB length claim, 10,000-deep nesting (indefinite and definite), an
 *    empty file, 1 MB of random bytes.
 *
 * Each call must return (never throw) one of the three verdicts, a non-valid verdict must carry a
 * failing finding, and each call must finish within PER_INPUT_LIMIT_MS. Seeds are fixed, so a
 * failure reproduces; the slowest input of each property is printed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../core/catalog.ts';
import { readDer, type DerNode } from '../core/der/reader.ts';
import { checkBytes, type CheckOptions } from '../checkers/engine.ts';
import { LAYERS, type FileResult } from '../checkers/finding.ts';
import { certInfo } from '../checkers/crypto/certificates.ts';
import { loadInput } from '../checkers/input.ts';
import { CORPUS, loadManifest, readBytes } from './helpers/corpus.ts';

const PER_INPUT_LIMIT_MS = 2_000;
const RSS_LIMIT = 200 * 1024 * 1024;
const ARBITRARY_RUNS = { uniform: 8_000, der: 4_000, tree: 4_000, signedData: 6_000 };
const MUTATION_RUNS = 24_000;
const PROPERTY_TIMEOUT = 180_000;

const catalog = loadCatalog();
const BARE: CheckOptions = { catalog, profile: 'current', certs: [], content: null };
const VERDICTS = new Set(['valid', 'acceptable', 'invalid', 'unchecked', 'unparseable']);
const STATUSES = new Set(['pass', 'warn', 'fail', 'unchecked']);
const LAYER_SET = new Set<string>(LAYERS);

// ---------------------------------------------------------------------------------------------
// The corpus, with each sample's own inputs (signer certificates, trust anchors, detached content,
// recipient key, password, KEK, the original of a receipt)

function readCert(path: string): Uint8Array {
  const bytes = readFileSync(path);
  const m = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/.exec(bytes.toString('latin1'));
  return new Uint8Array(m ? Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64') : bytes);
}

interface Base {
  readonly id: string;
  /** The file as committed (DER, BER or .eml). */
  readonly file: Uint8Array;
  /** The CMS inside it (the file itself for DER/BER). */
  readonly cms: Uint8Array;
  readonly withInputs: CheckOptions;
}

const manifest = loadManifest();
const anchors = manifest.trustAnchors.map((c) => readCert(join(CORPUS, c)));
const BASES: readonly Base[] = manifest.samples.map((s) => {
  const file = readBytes(CORPUS, s.file);
  const loaded = loadInput(file);
  const certs = [...(s.inputs.signerCerts ?? []).map((c) => readCert(join(CORPUS, c))), ...anchors];
  const content = s.inputs.detached && s.inputs.content ? readBytes(CORPUS, s.inputs.content) : null;
  // Everything else the manifest gives a consumer, for the rules that decrypt or compare receipts.
  const { recipient, password, kek, receiptFor } = s.inputs;
  const original = receiptFor ? manifest.samples.find((o) => o.id === receiptFor) : undefined;
  const withInputs: CheckOptions = {
    ...BARE, certs, content,
    ...(recipient ? { keys: [{ key: readBytes(CORPUS, recipient.key), cert: readCert(join(CORPUS, recipient.cert)) }] } : {}),
    ...(password ? { password } : {}),
    ...(kek ? { kek: { keyId: kek.keyId ? new Uint8Array(Buffer.from(kek.keyId, 'hex')) : null, key: new Uint8Array(Buffer.from(kek.key, 'hex')) } } : {}),
    ...(original ? { original: readBytes(CORPUS, original.file) } : {}),
  };
  return { id: s.id, file, cms: loaded.ok ? loaded.cms : file, withInputs };
});

// ---------------------------------------------------------------------------------------------
// The harness: one timed call, the invariants, and statistics per property

interface Stats {
  runs: number; totalMs: number; maxMs: number; maxLabel: string; maxSize: number; verdicts: Record<string, number>;
  /** Distinct rules with a finding, and inputs on which a signature was actually verified: how deep the inputs reach. */
  rules: Set<string>; signatureChecks: number;
}
const STATS = new Map<string, Stats>();

function timedCheck(group: string, label: string, bytes: Uint8Array, options: CheckOptions = BARE): FileResult {
  const t0 = performance.now();
  const r = checkBytes(label, bytes, options);
  const ms = performance.now() - t0;
  let s = STATS.get(group);
  if (!s) STATS.set(group, (s = { runs: 0, totalMs: 0, maxMs: 0, maxLabel: '', maxSize: 0, verdicts: {}, rules: new Set(), signatureChecks: 0 }));
  s.runs++;
  s.totalMs += ms;
  s.verdicts[r.verdict] = (s.verdicts[r.verdict] ?? 0) + 1;
  for (const f of r.findings) s.rules.add(f.rule);
  if (r.findings.some((f) => f.rule === 'cmsi/signature-valid')) s.signatureChecks++;
  if (ms > s.maxMs) Object.assign(s, { maxMs: ms, maxLabel: label, maxSize: bytes.length });
  if (ms > PER_INPUT_LIMIT_MS) throw new Error(`${label} (${bytes.length} octets) took ${ms.toFixed(0)} ms > ${PER_INPUT_LIMIT_MS} ms`);
  return r;
}

function assertWellFormed(r: FileResult): void {
  if (!VERDICTS.has(r.verdict)) throw new Error(`verdict ${String(r.verdict)}`);
  if (!Array.isArray(r.findings)) throw new Error('findings is not an array');
  for (const f of r.findings) {
    if (typeof f.rule !== 'string' || !STATUSES.has(f.status) || !LAYER_SET.has(f.layer) || !Number.isFinite(f.offset) || !Number.isFinite(f.length)) {
      throw new Error(`malformed finding ${JSON.stringify(f)}`);
    }
  }
  // Each verdict carries what decided it: a failure, a producer-only failure, a limit or an
  // undecided rule. Nothing is unchecked without saying why.
  const failing = r.findings.some((f) => f.status === 'fail' && !f.producerOnly);
  if ((r.verdict === 'invalid' || r.verdict === 'unparseable') && !failing) throw new Error(`verdict ${r.verdict} without a failing finding`);
  if (r.verdict === 'unchecked' && !r.limit && !r.findings.some((f) => f.status === 'unchecked')) throw new Error('verdict unchecked without a limit or an unchecked finding');
  if (r.verdict === 'acceptable' && !r.findings.some((f) => f.producerOnly)) throw new Error('verdict acceptable without a producer-only failure');
  if (r.verdict === 'valid' && (failing || r.limit)) throw new Error('verdict valid with a failure or a limit');
}

function check(group: string, label: string, bytes: Uint8Array, options: CheckOptions = BARE): FileResult {
  const r = timedCheck(group, label, bytes, options);
  assertWellFormed(r);
  return r;
}

afterAll(() => {
  const lines = [...STATS].map(([g, s]) =>
    `  ${g.padEnd(24)} ${String(s.runs).padStart(6)} inputs  total ${(s.totalMs / 1000).toFixed(2).padStart(6)} s  ` +
    `mean ${(s.totalMs / s.runs).toFixed(3)} ms  max ${s.maxMs.toFixed(1)} ms (${s.maxSize} octets, ${s.maxLabel})  ${JSON.stringify(s.verdicts)}, ${s.rules.size} rules, ${s.signatureChecks} with a signature verified`);
  console.log(`checker robustness (limit ${PER_INPUT_LIMIT_MS} ms per input):\n${lines.join('\n')}`);
});

// ---------------------------------------------------------------------------------------------
// DER building blocks

function lengthOctets(n: number): number[] {
  if (n < 0x80) return [n];
  const out: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) out.unshift(v % 256);
  return [0x80 | out.length, ...out];
}

function concat(parts: readonly (Uint8Array | readonly number[])[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const tlv = (tag: number, body: Uint8Array): Uint8Array => concat([[tag, ...lengthOctets(body.length)], body]);

function oidBytes(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map(BigInt);
  const out: number[] = [];
  const push = (v: bigint) => {
    const g: number[] = [Number(v & 0x7fn)];
    for (v >>= 7n; v > 0n; v >>= 7n) g.unshift(Number(v & 0x7fn) | 0x80);
    out.push(...g);
  };
  push(arcs[0]! * 40n + arcs[1]!);
  arcs.slice(2).forEach(push);
  return tlv(0x06, new Uint8Array(out));
}

const CONTENT_TYPES = ['1.2.840.113549.1.7.1', '1.2.840.113549.1.7.2', '1.2.840.113549.1.7.3', '1.2.840.113549.1.7.5', '1.2.840.113549.1.7.6',
  '1.2.840.113549.1.9.16.1.2', '1.2.840.113549.1.9.16.1.23', '1.2.840.113549.1.9.16.1.9', '1.2.3.4'];
/** OIDs the SignedData checker reacts to: digests, signatures, attributes. */
const INTERESTING_OIDS = [...CONTENT_TYPES, '1.3.14.3.2.26', '2.16.840.1.101.3.4.2.1', '2.16.840.1.101.3.4.2.2', '2.16.840.1.101.3.4.2.3',
  '2.16.840.1.101.3.4.2.12', '1.2.840.113549.1.1.1', '1.2.840.113549.1.1.11', '1.2.840.113549.1.1.10', '1.2.840.10045.4.3.2',
  '1.2.840.10040.4.3', '1.3.101.112', '1.3.101.113', '1.2.840.113549.1.9.3', '1.2.840.113549.1.9.4', '1.2.840.113549.1.9.5',
  '1.2.840.113549.1.9.6', '1.2.840.113549.1.9.16.2.1', '1.2.840.113549.1.9.16.2.12', '1.2.840.113549.1.9.16.2.47', '2.5.29.14'].map(oidBytes);

/** Index of the tag octets' end (the first length octet) for a TLV at `at`. */
function tagEnd(b: Uint8Array, at: number): number {
  let p = at + 1;
  if ((b[at]! & 0x1f) === 0x1f) while (p < b.length && b[p++]! & 0x80);
  return p;
}

function preorder(root: DerNode | null): DerNode[] {
  const out: DerNode[] = [];
  const walk = (n: DerNode) => {
    out.push(n);
    n.children.forEach(walk);
  };
  if (root) walk(root);
  return out;
}

/** Nodes of `b` (a partial parse is fine: trailing data allowed); empty when the root is unreadable. */
const nodesOf = (b: Uint8Array): DerNode[] => preorder(readDer(b, { allowTrailing: true, maxDepth: 200 }).root);

/**
 * Re-encodes the tree with the node `target` replaced by `replacement` (0, 1 or 2 encodings), and
 * every enclosing definite length recomputed, so the result is still well-formed BER and reaches the
 * content-type checkers instead of stopping at the reader.
 */
function rebuild(b: Uint8Array, root: DerNode, target: DerNode, replacement: (enc: Uint8Array) => Uint8Array[]): Uint8Array {
  const enc = (n: DerNode): Uint8Array[] => {
    if (n === target) return replacement(b.subarray(n.offset, n.end));
    if (!n.constructed) return [b.subarray(n.offset, n.end)];
    const body = concat(n.children.flatMap(enc));
    const tag = b.subarray(n.offset, tagEnd(b, n.offset));
    return n.indefinite ? [concat([tag, [0x80], body, [0, 0]])] : [concat([tag, lengthOctets(body.length), body])];
  };
  return concat(enc(root));
}

// ---------------------------------------------------------------------------------------------
// Arbitrary inputs

const anyBytes = fc.oneof(
  fc.uint8Array({ maxLength: 16, size: 'max' }),
  fc.uint8Array({ maxLength: 256, size: 'max' }),
  fc.uint8Array({ maxLength: 1024, size: 'max' }),
  fc.uint8Array({ maxLength: 4096, size: 'max' }),
);

/** 0x30, a length that is right, nearly right, long-form, indefinite or absurd, then random bytes. */
const derLike = fc.record({
  body: fc.uint8Array({ maxLength: 2048, size: 'max' }),
  length: fc.oneof(
    fc.constant('exact' as const), fc.constant('long-exact' as const), fc.constant('indefinite' as const),
    fc.integer({ min: -3, max: 3 }), fc.constantFrom(0x84_06_40_00_00, 0xffff_ffff, 0x7f, 0x80, 0xff),
  ),
  eoc: fc.boolean(),
}).map(({ body, length, eoc }) => {
  let header: number[];
  if (length === 'exact') header = lengthOctets(body.length);
  else if (length === 'long-exact') header = [0x84, ...[24, 16, 8, 0].map((s) => (body.length >>> s) & 0xff)];
  else if (length === 'indefinite') header = [0x80];
  else if (length > 0xff) header = [0x84, ...[24, 16, 8, 0].map((s) => (length >>> s) & 0xff)];
  else if (length >= 0x7f) header = [length];
  else header = lengthOctets(Math.max(0, body.length + length));
  return concat([[0x30, ...header], body, eoc ? [0, 0] : []]);
});

interface Tree { readonly tag: number; readonly content?: Uint8Array; readonly children?: readonly Tree[]; readonly indefinite?: boolean }

const PRIMITIVE_TAGS = [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x0c, 0x13, 0x17, 0x18, 0x80, 0x81, 0x82, 0x86];
const CONSTRUCTED_TAGS = [0x30, 0x30, 0x30, 0x31, 0x31, 0xa0, 0xa0, 0xa1, 0xa2, 0xa3, 0x24];

const { tree } = fc.letrec<{ tree: Tree; leaf: Tree; node: Tree }>((t) => ({
  tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, t('leaf'), t('node')),
  leaf: fc.oneof(
    fc.record({ tag: fc.constantFrom(...PRIMITIVE_TAGS), content: fc.uint8Array({ maxLength: 40 }) }),
    fc.constantFrom(...INTERESTING_OIDS).map((o): Tree => ({ tag: 0x06, content: o.subarray(2) })),
    fc.record({ tag: fc.constant(0x02), content: fc.constantFrom(new Uint8Array([1]), new Uint8Array([3]), new Uint8Array([5]), new Uint8Array([0x80])) }),
  ),
  node: fc.record({ tag: fc.constantFrom(...CONSTRUCTED_TAGS), children: fc.array(t('tree'), { maxLength: 6 }), indefinite: fc.boolean() }),
}));

function encodeTree(t: Tree): Uint8Array {
  if (!t.children) return tlv(t.tag, t.content ?? new Uint8Array());
  const body = concat(t.children.map(encodeTree));
  return t.indefinite ? concat([[t.tag, 0x80], body, [0, 0]]) : tlv(t.tag, body);
}

/** ContentInfo { known contentType, [0] { a random tree, usually a SEQUENCE } }, lengths right. */
const contentInfoTree = fc.record({ type: fc.constantFrom(...CONTENT_TYPES), inner: tree }).map(({ type, inner }) =>
  tlv(0x30, concat([oidBytes(type), tlv(0xa0, encodeTree(inner.children ? { ...inner, tag: 0x30 } : inner))])));

/**
 * SignedData-shaped messages: the right skeleton (version, digestAlgorithms, encapContentInfo,
 * certificates, signerInfos with signed and unsigned attributes, countersignatures), each field
 * either plausible (real certificates and signer identifiers from the corpus, known OIDs, times,
 * digests) or a random tree, so the inputs get past the structure to the rules and the crypto.
 */
const CERTS = ['alice-rsa', 'alice-p256', 'alice-ed25519', 'alice-dsa', 'carl-rsa'].map((k) => readCert(join(CORPUS, 'keys', `${k}.cert.pem`)));
const CERT_INFOS = CERTS.map((c) => certInfo(c)!);
const OID_OF = (dotted: string) => oidBytes(dotted);
const ATTR_OIDS = ['1.2.840.113549.1.9.3', '1.2.840.113549.1.9.4', '1.2.840.113549.1.9.5', '1.2.840.113549.1.9.6', '1.2.840.113549.1.9.16.2.1',
  '1.2.840.113549.1.9.16.2.2', '1.2.840.113549.1.9.16.2.12', '1.2.840.113549.1.9.16.2.47', '1.2.840.113549.1.9.52', '1.2.3.4'].map(OID_OF);
const randomTree = tree.map(encodeTree);
const maybeRandom = (a: fc.Arbitrary<Uint8Array>) => fc.oneof({ arbitrary: a, weight: 6 }, { arbitrary: randomTree, weight: 1 });
const seq = (...parts: Uint8Array[]) => tlv(0x30, concat(parts));

const algId = maybeRandom(fc.record({ oid: fc.constantFrom(...INTERESTING_OIDS), params: fc.constantFrom('none', 'null', 'pss') }).map(({ oid, params }) =>
  params === 'none' ? seq(oid) : params === 'null' ? seq(oid, new Uint8Array([5, 0]))
    : seq(oid, seq(tlv(0xa0, seq(OID_OF('2.16.840.1.101.3.4.2.1'))), tlv(0xa2, new Uint8Array([2, 1, 32]))))));
const attrValue = fc.oneof(
  fc.constantFrom(...INTERESTING_OIDS),
  fc.uint8Array({ minLength: 16, maxLength: 64 }).map((d) => tlv(0x04, d)),
  fc.constantFrom('260101000000Z', '491231235959Z', '500101000000Z', '2601010000Z').map((t) => tlv(0x17, new Uint8Array(Buffer.from(t)))),
  fc.constantFrom('20260101000000Z', '20500101000000Z', '19491231235959Z', '20260101000000.5Z').map((t) => tlv(0x18, new Uint8Array(Buffer.from(t)))),
  randomTree,
);
const { signerInfo } = fc.letrec<{ signerInfo: Uint8Array; attrs: Uint8Array }>((t) => ({
  attrs: fc.array(fc.record({
    type: fc.constantFrom(...ATTR_OIDS),
    values: fc.array(fc.oneof({ arbitrary: attrValue, weight: 5 }, { arbitrary: t('signerInfo'), weight: 1 }), { maxLength: 3 }),
  }).map(({ type, values }) => seq(type, tlv(0x31, concat(values)))), { maxLength: 5 }).map((a) => concat(a)),
  signerInfo: maybeRandom(fc.record({
    version: fc.constantFrom(1, 3, 0, 99),
    sid: fc.oneof(
      fc.constantFrom(...CERT_INFOS).map((c) => c.issuerAndSerial),
      fc.constantFrom(...CERT_INFOS).map((c) => tlv(0x80, c.ski ?? new Uint8Array(20))),
      randomTree,
    ),
    digest: algId,
    signed: fc.option(t('attrs'), { nil: undefined }),
    signature: algId,
    value: fc.uint8Array({ maxLength: 520 }).map((v) => tlv(0x04, v)),
    unsigned: fc.option(t('attrs'), { nil: undefined }),
  }).map((f) => seq(
    new Uint8Array([2, 1, f.version]), f.sid, f.digest, f.signed ? tlv(0xa0, f.signed) : new Uint8Array(),
    f.signature, f.value, f.unsigned ? tlv(0xa1, f.unsigned) : new Uint8Array(),
  ))),
}));

const signedDataShaped = fc.record({
  version: fc.constantFrom(1, 3, 4, 5, 2),
  digests: fc.array(algId, { maxLength: 3 }),
  eType: fc.constantFrom(...INTERESTING_OIDS.slice(0, CONTENT_TYPES.length)),
  eContent: fc.option(fc.uint8Array({ maxLength: 64 }), { nil: undefined }),
  certs: fc.option(fc.array(maybeRandom(fc.constantFrom(...CERTS)), { maxLength: 3 }), { nil: undefined }),
  crls: fc.option(fc.array(randomTree, { maxLength: 2 }), { nil: undefined }),
  signers: fc.array(signerInfo, { maxLength: 3 }),
  detached: fc.option(fc.uint8Array({ maxLength: 64 }), { nil: null }),
}).map((f) => ({
  bytes: seq(OID_OF('1.2.840.113549.1.7.2'), tlv(0xa0, seq(
    new Uint8Array([2, 1, f.version]), tlv(0x31, concat(f.digests)),
    seq(f.eType, f.eContent ? tlv(0xa0, tlv(0x04, f.eContent)) : new Uint8Array()),
    f.certs ? tlv(0xa0, concat(f.certs)) : new Uint8Array(), f.crls ? tlv(0xa1, concat(f.crls)) : new Uint8Array(),
    tlv(0x31, concat(f.signers)),
  ))),
  content: f.detached,
}));

// ---------------------------------------------------------------------------------------------
// Mutations

const pos = fc.nat({ max: 0xffff });
const DEPTH = fc.oneof(fc.integer({ min: 1, max: 80 }), fc.constantFrom(63, 64, 65, 200, 10_000), fc.integer({ min: 1, max: 10_000 }));
const LENGTH_EDITS = ['100MB', '4GB', 'indefinite', 'reserved', 'long9', 'plus1', 'minus1', 'zero', 'non-minimal', 'random'] as const;
const TAGS = [0x00, 0x02, 0x04, 0x05, 0x06, 0x1f, 0x24, 0x30, 0x31, 0x10, 0x11, 0x80, 0xa0, 0xa1, 0xa3, 0xbf, 0xff];

const op = fc.oneof(
  fc.record({ k: fc.constant('bitflip' as const), pos, bit: fc.nat({ max: 7 }) }),
  fc.record({ k: fc.constant('overwrite' as const), pos, byte: fc.nat({ max: 255 }) }),
  fc.record({ k: fc.constant('truncate' as const), pos }),
  fc.record({ k: fc.constant('length' as const), node: pos, edit: fc.constantFrom(...LENGTH_EDITS), value: fc.nat({ max: 0xffffff }) }),
  fc.record({ k: fc.constant('tag' as const), node: pos, tag: fc.constantFrom(...TAGS), other: fc.option(pos, { nil: undefined }) }),
  fc.record({ k: fc.constant('insert' as const), pos, bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }) }),
  fc.record({ k: fc.constant('delete' as const), pos, len: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ k: fc.constant('tlv' as const), node: pos, edit: fc.constantFrom('duplicate', 'remove', 'rewrite', 'swap-next'), fix: fc.boolean(), bytes: fc.uint8Array({ maxLength: 48 }) }),
  fc.record({ k: fc.constant('nest' as const), depth: DEPTH, node: fc.option(pos, { nil: undefined }), close: fc.boolean() }),
  fc.record({ k: fc.constant('splice' as const), other: pos, a: pos, b: pos }),
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

function lengthEdit(edit: (typeof LENGTH_EDITS)[number], current: number, value: number): number[] {
  switch (edit) {
    case '100MB': return [0x84, 0x06, 0x40, 0x00, 0x00];
    case '4GB': return [0x84, 0xff, 0xff, 0xff, 0xff];
    case 'indefinite': return [0x80];
    case 'reserved': return [0xff];
    case 'long9': return [0x89, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    case 'plus1': return lengthOctets(current + 1);
    case 'minus1': return lengthOctets(Math.max(0, current - 1));
    case 'zero': return [0];
    case 'non-minimal': return [0x83, 0, (current >> 8) & 0xff, current & 0xff];
    case 'random': return lengthOctets(value);
  }
}

function apply(cur: Uint8Array, o: Op): Uint8Array {
  const n = cur.length;
  const p = n && 'pos' in o ? o.pos % n : 0;
  switch (o.k) {
    case 'bitflip': {
      if (!n) return cur;
      const out = cur.slice();
      out[p] = out[p]! ^ (1 << o.bit);
      return out;
    }
    case 'overwrite': {
      if (!n) return cur;
      const out = cur.slice();
      out[p] = o.byte;
      return out;
    }
    case 'truncate': return cur.subarray(0, p);
    case 'insert': return concat([cur.subarray(0, p), o.bytes, cur.subarray(p)]);
    case 'delete': return concat([cur.subarray(0, p), cur.subarray(p + o.len)]);
    case 'splice': {
      const other = BASES[o.other % BASES.length]!.cms;
      return concat([cur.subarray(0, n ? o.a % (n + 1) : 0), other.subarray(o.b % (other.length + 1))]);
    }
    case 'nest': {
      const nodes = o.node === undefined || !n ? [] : nodesOf(cur);
      const at = o.node === undefined ? 0 : (nodes[o.node % Math.max(1, nodes.length)]?.offset ?? 0);
      const open = new Uint8Array(2 * o.depth);
      for (let i = 0; i < open.length; i += 2) open[i] = 0x30, open[i + 1] = 0x80;
      return concat([cur.subarray(0, at), open, cur.subarray(at), o.close ? new Uint8Array(2 * o.depth) : []]);
    }
    case 'length':
    case 'tag':
    case 'tlv': {
      const nodes = nodesOf(cur);
      const node = nodes[o.node % Math.max(1, nodes.length)];
      if (!node) return n ? apply(cur, { k: 'overwrite', pos: o.node, byte: o.k === 'tag' ? o.tag : 0x84 }) : cur;
      if (o.k === 'length') {
        const l = tagEnd(cur, node.offset);
        return concat([cur.subarray(0, l), lengthEdit(o.edit, node.length, o.value), cur.subarray(node.offset + node.headerLength)]);
      }
      if (o.k === 'tag') {
        const out = cur.slice();
        const other = o.other === undefined ? undefined : nodes[o.other % nodes.length];
        out[node.offset] = other ? cur[other.offset]! : o.tag;
        if (other) out[other.offset] = cur[node.offset]!;
        return out;
      }
      const root = nodes[0]!;
      const enc = cur.subarray(node.offset, node.end);
      if (o.edit === 'swap-next') {
        const parent = nodes.find((x) => x.children.includes(node));
        const next = parent?.children[parent.children.indexOf(node) + 1];
        if (!next) return cur;
        return concat([cur.subarray(0, node.offset), cur.subarray(next.offset, next.end), enc, cur.subarray(next.end)]);
      }
      const replacement = (e: Uint8Array): Uint8Array[] =>
        o.edit === 'duplicate' ? [e, e] : o.edit === 'remove' ? [] : [concat([e.subarray(0, tagEnd(e, 0)), lengthOctets(o.bytes.length), o.bytes])];
      if (o.fix && node !== root) return rebuild(cur, root, node, replacement);
      return concat([cur.subarray(0, node.offset), ...replacement(enc), cur.subarray(node.end)]);
    }
  }
}

const mutation = fc.record({
  sample: fc.nat({ max: BASES.length - 1 }),
  /** Mutate the file as committed (the .eml text for S/MIME) or the CMS inside it. */
  raw: fc.boolean(),
  inputs: fc.boolean(),
  ops: fc.array(op, { minLength: 1, maxLength: 3 }),
});

// ---------------------------------------------------------------------------------------------

describe('checker robustness: arbitrary bytes', () => {
  it(`never throws on ${Object.values(ARBITRARY_RUNS).reduce((a, b) => a + b)} arbitrary inputs, each bounded in time`, () => {
    let n = 0;
    fc.assert(fc.property(anyBytes, (b) => void check('arbitrary/uniform', `uniform#${n++}`, b)), { seed: 0x5eed_0001, numRuns: ARBITRARY_RUNS.uniform });
    fc.assert(fc.property(derLike, (b) => void check('arbitrary/0x30-length', `0x30#${n++}`, b)), { seed: 0x5eed_0002, numRuns: ARBITRARY_RUNS.der });
    fc.assert(fc.property(contentInfoTree, (b) => void check('arbitrary/contentinfo-tree', `tree#${n++}`, b)), { seed: 0x5eed_0003, numRuns: ARBITRARY_RUNS.tree });
    fc.assert(fc.property(signedDataShaped, ({ bytes, content }) => void check('arbitrary/signed-data', `signed#${n++}`, bytes, { ...BARE, content })),
      { seed: 0x5eed_0005, numRuns: ARBITRARY_RUNS.signedData });
    expect(n).toBeGreaterThanOrEqual(20_000);
  }, PROPERTY_TIMEOUT);
});

describe('checker robustness: mutated corpus samples', () => {
  it(`never throws on ${MUTATION_RUNS} mutations of the ${BASES.length} corpus samples, each bounded in time`, () => {
    let n = 0;
    const kinds: Record<string, number> = {};
    fc.assert(fc.property(mutation, ({ sample, raw, inputs, ops }) => {
      const base = BASES[sample]!;
      let bytes = raw ? base.file : base.cms;
      for (const o of ops) {
        bytes = apply(bytes, o);
        kinds[o.k] = (kinds[o.k] ?? 0) + 1;
      }
      check('mutation', `${base.id} ${raw ? 'file' : 'cms'} ${ops.map((o) => o.k).join('+')} #${n++}`, bytes, inputs ? base.withInputs : BARE);
    }), { seed: 0x5eed_0004, numRuns: MUTATION_RUNS });
    console.log(`mutation operations applied: ${JSON.stringify(kinds)}`);
    expect(n).toBeGreaterThanOrEqual(20_000);
    expect(Object.keys(kinds).length).toBe(10);
  }, PROPERTY_TIMEOUT);
});

describe('checker robustness: explicit hostile inputs', () => {
  /**
   * Runs one input; asserts it is not valid, has a failing finding (whose message matches `why`,
   * the reader's wording, when given: rule ids move between cmsi/* and catalog entries), and that
   * RSS grew by less than RSS_LIMIT.
   */
  function hostile(name: string, bytes: Uint8Array, why?: RegExp): FileResult {
    const before = process.memoryUsage().rss;
    const r = check('explicit', name, bytes);
    const grew = process.memoryUsage().rss - before;
    expect(grew, `${name}: RSS grew by ${(grew / 2 ** 20).toFixed(1)} MB`).toBeLessThan(RSS_LIMIT);
    expect(r.verdict, name).not.toBe('valid');
    expect(r.findings.some((f) => f.status === 'fail' && (!why || why.test(f.message))), `${name}: ${JSON.stringify(r.findings.slice(0, 3))}`).toBe(true);
    return r;
  }

  const signed = BASES.find((b) => b.id === 'signed-data/rsa-sha256/attached')!;

  it('a 100 MB length claim is a finding, not an allocation', () => {
    hostile('100 MB claim, bare', concat([[0x30, 0x84, 0x06, 0x40, 0x00, 0x00], new Uint8Array(64)]), /104857600/);
    // The same claim on the [0] content of a real SignedData: the rest of the message is intact.
    const root = readDer(signed.cms).root!;
    const wrapper = root.children[1]!;
    const l = tagEnd(signed.cms, wrapper.offset);
    const claimed = concat([signed.cms.subarray(0, l), [0x84, 0x06, 0x40, 0x00, 0x00], signed.cms.subarray(wrapper.contentOffset)]);
    hostile('100 MB claim on ContentInfo.content', claimed, /104857600/);
    hostile('4 GB claim', concat([[0x30, 0x84, 0xff, 0xff, 0xff, 0xff], signed.cms]), /4294967295/);
    hostile('9-octet length', concat([[0x30, 0x89, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], signed.cms]), /length of 9 octets/);
  });

  it('10,000-deep nesting stops at the depth limit: unchecked with the limit named, never invalid or valid, no stack overflow', () => {
    const limited = (name: string, bytes: Uint8Array) => {
      const r = check('explicit', name, bytes);
      expect(r.verdict, name).toBe('unchecked');
      expect(r.limit, name).toMatchObject({ limit: 'depth', flag: '--max-depth' });
      expect(r.limit!.message, name).toMatch(/deeper than/);
    };
    const depth = 10_000;
    const indefinite = new Uint8Array(4 * depth);
    for (let i = 0; i < depth; i++) indefinite[2 * i] = 0x30, indefinite[2 * i + 1] = 0x80;
    limited('10,000 x 30 80 ... 00 00', indefinite);
    limited('10,000 x 30 80, unterminated', indefinite.subarray(0, 2 * depth));
    let definite: Uint8Array = new Uint8Array([0x05, 0x00]);
    for (let i = 0; i < depth; i++) definite = tlv(0x30, definite);
    limited('10,000 nested definite SEQUENCEs', definite);
    // Nesting inside a real message: the SignedData content itself is 10,000 levels deep.
    const root = readDer(signed.cms).root!;
    const inner = root.children[1]!.children[0]!;
    const prefix = concat([new Uint8Array(2 * depth).map((_, i) => (i % 2 ? 0x80 : 0x30))]);
    limited('10,000 levels inside ContentInfo', concat([signed.cms.subarray(0, inner.offset), prefix, signed.cms.subarray(inner.offset)]));
  });

  it('an empty file is unparseable, with a finding', () => {
    const r = hostile('empty file', new Uint8Array(0), /empty/);
    expect(r.verdict).toBe('unparseable');
  });

  it('1 MB of random bytes is a finding, bounded in time and memory', () => {
    // xorshift32 with a fixed seed: reproducible without storing the megabyte.
    let x = 0x2545f491;
    const random = new Uint8Array(1 << 20).map(() => {
      x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
      return x & 0xff;
    });
    random[0] = random[0] === 0x30 ? 0x31 : random[0]!;
    hostile('1 MB random', random, /not DER/);
    const der = random.slice();
    der.set([0x30, 0x83, 0x0f, 0xff, 0xfb]);
    hostile('1 MB random after a SEQUENCE header', der);
    // 1 MB of base64 text (random), decoded and read.
    hostile('1 MB random base64', new Uint8Array(Buffer.from(Buffer.from(random).toString('base64'))));
  });
});

/**
 * Crafted inputs that once cost quadratic time (found while writing this file; not random-
 * reachable): loadInput's PEM regex rescanned the file from every "-----BEGIN X-----" (1 MB took
 * ~22 s), and every SignerInfo was compared with every certificate (9,000 x 9,000 took ~8.7 s).
 * Both are linear now (indexOf for PEM, a certificate index); each must stay under the limit.
 */
describe('checker robustness: crafted once-quadratic inputs', () => {
  it('1 MB of PEM BEGIN lines without an END', () => {
    check('adversarial', '1 MB of BEGIN lines', new Uint8Array(Buffer.from('-----BEGIN CMS-----\n'.repeat(52_000))));
  }, PROPERTY_TIMEOUT);

  it('9,000 certificates x 9,000 SignerInfos that match none', () => {
    const N = 9_000;
    const certs: Uint8Array[] = [];
    const signers: Uint8Array[] = [];
    const empty = tlv(0x30, new Uint8Array());
    for (let i = 0; i < N; i++) {
      const serial = tlv(0x02, new Uint8Array([1, (i >> 8) & 0xff, i & 0xff]));
      certs.push(tlv(0x30, tlv(0x30, concat([serial, empty, empty, empty, empty, empty]))));
      const other = tlv(0x02, new Uint8Array([2, (i >> 8) & 0xff, i & 0xff]));
      signers.push(tlv(0x30, concat([new Uint8Array([2, 1, 1]), tlv(0x30, concat([empty, other])), tlv(0x30, oidBytes('2.16.840.1.101.3.4.2.1')),
        tlv(0x30, oidBytes('1.2.840.113549.1.1.11')), tlv(0x04, new Uint8Array([1, 2, 3]))])));
    }
    const sd = tlv(0x30, concat([new Uint8Array([2, 1, 1]), tlv(0x31, tlv(0x30, oidBytes('2.16.840.1.101.3.4.2.1'))),
      tlv(0x30, concat([oidBytes('1.2.840.113549.1.7.1'), tlv(0xa0, tlv(0x04, new Uint8Array([1])))])), tlv(0xa0, concat(certs)), tlv(0x31, concat(signers))]));
    check('adversarial', `${N} certs x ${N} signers`, tlv(0x30, concat([oidBytes('1.2.840.113549.1.7.2'), tlv(0xa0, sd)])));
  }, PROPERTY_TIMEOUT);
});
