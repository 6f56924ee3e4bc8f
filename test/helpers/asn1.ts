/**
 * A tiny view over asn1js nodes for the tests: an independent decoder (asn1js, not our encoder)
 * with accessors that fail loudly when the structure is not what the test expects.
 */
import * as asn1js from 'asn1js';

export interface Node {
  readonly cls: number; // 1 universal, 2 application, 3 context, 4 private (asn1js numbering)
  readonly tag: number;
  readonly constructed: boolean;
  readonly children: Node[];
  /** Content octets of a primitive node. */
  readonly value: Uint8Array;
  /** The whole encoding as it appeared in the input. */
  readonly raw: Uint8Array;
  readonly js: asn1js.AsnType;
}

function wrap(n: asn1js.AsnType): Node {
  const b = n as unknown as asn1js.BaseBlock<asn1js.ValueBlock> & { valueBlock: { value?: asn1js.AsnType[]; valueHexView?: Uint8Array } };
  const constructed = b.idBlock.isConstructed;
  return {
    cls: b.idBlock.tagClass,
    tag: b.idBlock.tagNumber,
    constructed,
    children: constructed ? (b.valueBlock.value ?? []).map(wrap) : [],
    // Content octets cut from the original bytes: asn1js keeps no hex view for some types (OIDs).
    value: constructed ? new Uint8Array() : new Uint8Array(b.valueBeforeDecodeView).subarray(b.idBlock.blockLength + b.lenBlock.blockLength),
    raw: new Uint8Array(b.valueBeforeDecodeView),
    js: n,
  };
}

export function decode(bytes: Uint8Array): Node {
  const r = asn1js.fromBER(bytes);
  if (r.offset === -1) throw new Error(`asn1js could not decode: ${r.result.error}`);
  return wrap(r.result);
}

export function child(n: Node, i: number): Node {
  const c = n.children[i];
  if (!c) throw new Error(`no child ${i} (have ${n.children.length})`);
  return c;
}

export const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

export function oidOf(n: Node): string {
  if (n.cls !== 1 || n.tag !== 6) throw new Error(`not an OID: class ${n.cls} tag ${n.tag}`);
  // Decoded here with bigints: asn1js prints arcs above 2^53 (UUID arcs under 2.25) in hex.
  return decodeOidContent(n.value);
}

/** OID from a context-tagged primitive holding OID content octets (IMPLICIT [n] OBJECT IDENTIFIER). */
export function implicitOid(n: Node): string {
  return decodeOidContent(n.value);
}

function decodeOidContent(v: Uint8Array): string {
  const arcs: bigint[] = [];
  let acc = 0n;
  for (const b of v) {
    acc = (acc << 7n) | BigInt(b & 0x7f);
    if (!(b & 0x80)) {
      arcs.push(acc);
      acc = 0n;
    }
  }
  const first = arcs.shift() ?? 0n;
  const a0 = first < 80n ? first / 40n : 2n;
  return [a0, first - a0 * 40n, ...arcs].join('.');
}

export const intOf = (n: Node): number => {
  if (n.tag !== 2 && n.cls === 1) throw new Error('not an INTEGER');
  let v = 0;
  for (const b of n.value) v = v * 256 + b;
  return v;
};

export const textOf = (n: Node): string => new TextDecoder().decode(n.value);

/** Signed attributes of signerInfos[i] of a SignedData ContentInfo: type OID -> values. */
export function signedAttributes(contentInfo: Uint8Array, signerIndex = 0): { attrs: Map<string, Node[]>; raw: Uint8Array; signature: Uint8Array } {
  const ci = decode(contentInfo);
  const sd = child(child(ci, 1), 0);
  const signerInfos = sd.children[sd.children.length - 1]!;
  const si = child(signerInfos, signerIndex);
  const signed = si.children.find((c) => c.cls === 3 && c.tag === 0 && c.constructed && c !== si.children[1]);
  if (!signed) throw new Error('SignerInfo has no signed attributes');
  const attrs = new Map<string, Node[]>();
  for (const a of signed.children) attrs.set(oidOf(child(a, 0)), child(a, 1).children);
  const signature = si.children.find((c) => c.cls === 1 && c.tag === 4);
  return { attrs, raw: signed.raw, signature: signature?.value ?? new Uint8Array() };
}

/** eContent octets of a SignedData ContentInfo (primitive OCTET STRING form). */
export function eContent(contentInfo: Uint8Array): Uint8Array {
  const sd = child(child(decode(contentInfo), 1), 0);
  const encap = child(sd, 2);
  return child(child(encap, 1), 0).value;
}
