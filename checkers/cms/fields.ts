/**
 * Typed access to fields of the tree with paths, for the CMS views. Each accessor returns null and
 * records a cmsi/asn1-structure failure when the bytes are not the ASN.1 the RFC defines.
 */
import { canonicalEncoding } from '../../core/der/canonical.ts';
import { contentOf, encodingOf, stringContent, type DerNode } from '../../core/der/reader.ts';
import { decodeOid, decodeSmallInt } from '../../core/der/values.ts';
import { where, type CheckContext, type Located } from '../context.ts';

export const UNIVERSAL = { BOOLEAN: 1, INTEGER: 2, BIT_STRING: 3, OCTET_STRING: 4, NULL: 5, OID: 6, UTF8: 12, SEQUENCE: 16, SET: 17, PRINTABLE: 19, IA5: 22, UTC_TIME: 23, GENERALIZED_TIME: 24 } as const;

export const at = (path: string, node: DerNode): Located => ({ path, node });

export function isUniversal(n: DerNode | undefined, tag: number): boolean {
  return !!n && n.cls === 'universal' && n.tag === tag;
}
export function isContext(n: DerNode | undefined, tag: number): boolean {
  return !!n && n.cls === 'context' && n.tag === tag;
}

export function expectUniversal(ctx: CheckContext, l: Located, tag: number, what: string): DerNode | null {
  const n = l.node;
  if (n.cls === 'universal' && n.tag === tag) return n;
  return ctx.structure(`${what} expected (universal ${tag}), found ${n.cls} [${n.tag}]`, where(l));
}

export function oidValue(ctx: CheckContext, l: Located, what: string): string | null {
  if (!expectUniversal(ctx, l, UNIVERSAL.OID, what)) return null;
  const d = decodeOid(contentOf(ctx.bytes, l.node));
  return d.ok ? d.value : ctx.structure(`${what}: ${d.error}`, where(l));
}

export function intValue(ctx: CheckContext, l: Located, what: string): number | null {
  if (!expectUniversal(ctx, l, UNIVERSAL.INTEGER, what)) return null;
  const d = decodeSmallInt(contentOf(ctx.bytes, l.node));
  return d.ok ? d.value : ctx.structure(`${what}: ${d.error}`, where(l));
}

/** OCTET STRING content in either form (BER constructed segments are joined). */
export function octetsValue(ctx: CheckContext, l: Located, what: string): Uint8Array | null {
  if (!expectUniversal(ctx, l, UNIVERSAL.OCTET_STRING, what)) return null;
  return stringContent(ctx.bytes, l.node);
}

/**
 * The DER of an identifier field (IssuerAndSerialNumber, a rid or sid), re-encoded when it is BER
 * (allowed there: RFC 5652 1 asks DER of signed and authenticated attributes only), so that it
 * compares by value with a certificate's issuerAndSerial (RFC 5652 10.2.4).
 */
export const identifierDer = (ctx: CheckContext, n: DerNode): Uint8Array => canonicalEncoding(ctx.bytes, n);
export const encoding = (ctx: CheckContext, n: DerNode): Uint8Array => encodingOf(ctx.bytes, n);
export const content = (ctx: CheckContext, n: DerNode): Uint8Array => contentOf(ctx.bytes, n);

export interface AlgorithmIdentifier {
  readonly oid: string;
  /** The parameters node, or null when absent. */
  readonly params: DerNode | null;
  readonly at: Located;
}

export function algorithmIdentifier(ctx: CheckContext, l: Located, what: string): AlgorithmIdentifier | null {
  if (!expectUniversal(ctx, l, UNIVERSAL.SEQUENCE, what)) return null;
  const [o, params, extra] = l.node.children;
  if (!o) return ctx.structure(`${what}: empty AlgorithmIdentifier`, where(l));
  if (extra) return ctx.structure(`${what}: AlgorithmIdentifier has more than two fields`, where(l));
  const id = oidValue(ctx, at(`${l.path}.algorithm`, o), `${what} algorithm`);
  return id === null ? null : { oid: id, params: params ?? null, at: l };
}

export function paramsAreNull(a: AlgorithmIdentifier): boolean {
  return !!a.params && a.params.cls === 'universal' && a.params.tag === UNIVERSAL.NULL && a.params.length === 0;
}

export interface Attribute {
  readonly type: string;
  readonly values: readonly DerNode[];
  readonly at: Located;
  readonly valuesNode: DerNode;
}

/** A SET OF Attribute (signed, unsigned, authenticated, unprotected): each type and its values. */
export function attributes(ctx: CheckContext, l: Located, what: string): Attribute[] {
  const out: Attribute[] = [];
  l.node.children.forEach((a, i) => {
    const p = `${l.path}[${i}]`;
    if (!isUniversal(a, UNIVERSAL.SEQUENCE) || a.children.length !== 2) {
      ctx.structure(`${what}[${i}] is not SEQUENCE { attrType, attrValues }`, where(at(p, a)));
      return;
    }
    const type = oidValue(ctx, at(`${p}.attrType`, a.children[0]!), 'attrType');
    const values = a.children[1]!;
    if (type === null) return;
    if (!isUniversal(values, UNIVERSAL.SET)) {
      ctx.structure(`${what}[${i}].attrValues is not a SET`, where(at(p, values)));
      return;
    }
    out.push({ type, values: values.children, at: at(p, a), valuesNode: values });
  });
  return out;
}
