/**
 * The fuzzer's mutation steps: small, JSON-serialisable edits of a CMS message's TLV tree, applied
 * one after the other to a corpus sample. They are the structure-aware counterpart of the corpus's
 * hand-made mutations (generators/mutations): every structural edit goes through the same TLV
 * editor (generators/mutations/tlv-edit.ts), so enclosing lengths are re-encoded and the message
 * keeps exactly the defect the step names. `pick` numbers select a node among the nodes a step can
 * act on (modulo their count), so any number is a valid step on any message: fast-check can shrink
 * every field towards 0 and the sequence towards fewer steps without ever making a step invalid.
 * A step that cannot apply (the message no longer parses, no node of the kind) leaves the message
 * as it is.
 */
import { readDer, type DerNode } from '../core/der/reader.ts';
import { concat, oidContent } from '../core/der/encode.ts';
import { decodeOid } from '../core/der/values.ts';
import { OID } from '../core/oids.ts';
import { insertNode, longFormLength, removeNode, replaceContent, replaceNode, retagNode } from '../generators/mutations/tlv-edit.ts';

export type Step =
  /** Octets after the ContentInfo (RFC 5652 3: the object is one ContentInfo). */
  | { readonly op: 'trailing'; readonly bytes: readonly number[] }
  /** XOR `mask` into one content octet of a primitive node. */
  | { readonly op: 'flip'; readonly pick: number; readonly at: number; readonly mask: number }
  /** Cut the message after `keep` octets (at least one octet stays). */
  | { readonly op: 'truncate'; readonly keep: number }
  /** Remove a node (never the root); enclosing lengths follow. */
  | { readonly op: 'remove'; readonly pick: number }
  /** Insert a copy of a node right after it. */
  | { readonly op: 'duplicate'; readonly pick: number }
  /** Replace a node's identifier octet. */
  | { readonly op: 'retag'; readonly pick: number; readonly tag: number }
  /** Replace an OBJECT IDENTIFIER with another of its family (OID_FAMILIES: digest for digest, ...). */
  | { readonly op: 'oid'; readonly pick: number; readonly oid: number }
  /** Replace an INTEGER's value (versions, salt lengths, serial numbers) with a small one. */
  | { readonly op: 'int'; readonly pick: number; readonly value: number }
  /** Re-encode a node's length in non-minimal long form (BER, not DER). */
  | { readonly op: 'long-length'; readonly pick: number; readonly octets: number }
  /** Replace a node with a node of the same tag from another corpus sample. */
  | { readonly op: 'splice'; readonly pick: number; readonly donor: number; readonly from: number };

export type StepOp = Step['op'];

/**
 * OIDs a step may put in place of another, by family: an OID is replaced by another of its own
 * family (a digest by a digest), which is how algorithm-confusion defects look; an OID of no
 * family by any of them.
 */
export const OID_FAMILIES: readonly (readonly string[])[] = [
  [OID.sha1, OID.sha256, OID.sha384, OID.sha512, OID.sha224],
  [OID.rsaEncryption, OID.sha256WithRSAEncryption, OID.sha1WithRSAEncryption, OID.sha512WithRSAEncryption, OID.rsassaPss, '1.2.840.10045.4.3.2' /* ecdsa-with-SHA256 */],
  [OID.data, OID.signedData, OID.envelopedData, OID.digestedData, OID.encryptedData, OID.authEnvelopedData],
  [OID.messageDigest, OID.contentType, OID.signingTime],
  ['2.16.840.1.101.3.4.1.2' /* aes128-CBC */, '2.16.840.1.101.3.4.1.42' /* aes256-CBC */, '2.16.840.1.101.3.4.1.6' /* aes128-GCM */],
  [OID.mgf1, '1.2.3.4' /* unknown */],
];
const ALL_OIDS = OID_FAMILIES.flat();

function otherOid(current: string, pick: number): string {
  const family = OID_FAMILIES.find((f) => f.includes(current)) ?? ALL_OIDS;
  const others = family.filter((o) => o !== current);
  return others[pick % others.length]!;
}

/** `pick` values below this choose among the nodes outside certificates and CRLs; above, among all. */
export const CERTIFICATE_PICKS = 2048;

/** Everything a step may need besides the message: the donors for splices, the re-signer. */
export interface StepContext {
  readonly donors: readonly Uint8Array[];
}

interface Located { readonly node: DerNode; readonly path: number[]; readonly inCertificates: boolean }

function nodes(bytes: Uint8Array): Located[] | null {
  const r = readDer(bytes, { allowTrailing: true, maxNodes: 20_000 });
  if (!r.root) return null;
  const out: Located[] = [];
  const walk = (n: DerNode, path: number[], inCertificates: boolean) => {
    // SignedData's (and originatorInfo's) [0] certificates and [1] crls: most of a message's
    // nodes, few of its defects; picks below CERTIFICATE_PICKS leave them alone.
    const certs = inCertificates || (path.length === 3 && path[0] === 1 && n.cls === 'context' && (n.tag === 0 || n.tag === 1) && n.constructed);
    out.push({ node: n, path, inCertificates: certs });
    n.children.forEach((c, i) => walk(c, [...path, i], certs));
  };
  walk(r.root, [], false);
  return out;
}

function choose<T extends Located>(list: readonly T[], pick: number): T | undefined {
  const outside = pick < CERTIFICATE_PICKS ? list.filter((n) => !n.inCertificates) : list;
  const from = outside.length ? outside : list;
  return from.length ? from[pick % from.length] : undefined;
}

function applyOne(bytes: Uint8Array, s: Step, ctx: StepContext): Uint8Array {
  switch (s.op) {
    case 'trailing': return concat(bytes, Uint8Array.from(s.bytes));
    case 'truncate': return bytes.length <= 1 ? bytes : bytes.subarray(0, 1 + (s.keep % (bytes.length - 1)));
    default: break;
  }
  const all = nodes(bytes);
  if (!all) {
    // Not BER any more (a truncation came first): only raw octet edits remain possible.
    if (s.op !== 'flip' || bytes.length === 0) return bytes;
    const out = Uint8Array.from(bytes);
    out[s.at % out.length]! ^= s.mask || 1;
    return out;
  }
  const inner = all.filter((n) => n.path.length > 0);
  const primitive = all.filter((n) => !n.node.constructed && !n.node.indefinite);
  switch (s.op) {
    case 'flip': {
      const t = choose(primitive.filter((n) => n.node.length > 0), s.pick);
      if (!t) return bytes;
      const out = Uint8Array.from(bytes);
      out[t.node.contentOffset + (s.at % t.node.length)]! ^= s.mask || 1;
      return out;
    }
    case 'remove': {
      const t = choose(inner, s.pick);
      return t ? removeNode(bytes, t.path) : bytes;
    }
    case 'duplicate': {
      const t = choose(inner, s.pick);
      if (!t) return bytes;
      const idx = t.path[t.path.length - 1]!;
      return insertNode(bytes, t.path.slice(0, -1), idx + 1, bytes.slice(t.node.offset, t.node.end));
    }
    case 'retag': {
      const t = choose(all, s.pick);
      // A high-tag-number identifier would need more octets than the node has: keep single-octet tags.
      return t && (s.tag & 0x1f) !== 0x1f ? retagNode(bytes, t.path, s.tag & 0xff) : bytes;
    }
    case 'oid': {
      const t = choose(primitive.filter((n) => n.node.cls === 'universal' && n.node.tag === 6), s.pick);
      if (!t) return bytes;
      const current = decodeOid(bytes.subarray(t.node.contentOffset, t.node.end));
      return replaceContent(bytes, t.path, oidContent(otherOid(current.ok ? current.value : '', s.oid)));
    }
    case 'int': {
      const t = choose(primitive.filter((n) => n.node.cls === 'universal' && n.node.tag === 2), s.pick);
      return t ? replaceContent(bytes, t.path, smallInteger(s.value)) : bytes;
    }
    case 'long-length': {
      const t = choose(all.filter((n) => !n.node.indefinite), s.pick);
      return t ? longFormLength(bytes, t.path, 1 + (s.octets % 4)) : bytes;
    }
    case 'splice': {
      const t = choose(inner, s.pick);
      const donor = ctx.donors.length ? ctx.donors[s.donor % ctx.donors.length] : undefined;
      if (!t || !donor) return bytes;
      const same = (nodes(donor) ?? []).filter((n) => n.node.cls === t.node.cls && n.node.tag === t.node.tag && n.node.constructed === t.node.constructed);
      const d = same.length ? same[s.from % same.length] : undefined;
      return d ? replaceNode(bytes, t.path, donor.slice(d.node.offset, d.node.end)) : bytes;
    }
  }
}

/** INTEGER content octets of a small value (-1 .. 255), minimal two's complement. */
function smallInteger(v: number): Uint8Array {
  const value = (v % 257) - 1;
  if (value < 0) return Uint8Array.of(0xff);
  return value > 127 ? Uint8Array.of(0, value) : Uint8Array.of(value);
}

/**
 * Applies the steps in order; a step that throws (a path that no longer exists after an earlier
 * edit) leaves the message unchanged, so every sequence is valid on every sample. With `resign`,
 * the result is signed again at the end (fuzz/resign.ts), so only the steps' defect is wrong.
 */
export function applySteps(base: Uint8Array, steps: readonly Step[], ctx: StepContext, resign?: (bytes: Uint8Array) => Uint8Array): Uint8Array {
  let bytes = base;
  for (const s of steps) {
    try {
      bytes = applyOne(bytes, s, ctx);
    } catch {
      // the step does not apply to this message
    }
  }
  if (resign) {
    try {
      bytes = resign(bytes);
    } catch {
      // a message the re-signer cannot take apart stays as the steps left it
    }
  }
  return bytes;
}

/** One line per step, for the findings file and the promoted case skeleton. */
export const describeSteps = (steps: readonly Step[]): string =>
  steps.map((s) => Object.entries(s).map(([k, v]) => (k === 'op' ? v : `${k}=${Array.isArray(v) ? `[${v.join(',')}]` : v}`)).join(' ')).join('; ') || '(none)';

