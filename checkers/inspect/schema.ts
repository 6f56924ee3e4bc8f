/**
 * A small declarative form of the ASN.1 modules (RFC 5652, 5083, 3274, 2634, 5035, 5280 and the
 * algorithm RFCs) for `cmsi inspect`: enough to give every node of a DER tree its field name and
 * type, never to judge it (the checker does that). A schema is a SEQUENCE or SET with named
 * fields (tagged IMPLICIT or EXPLICIT, optional), a SEQUENCE OF / SET OF, a CHOICE, a primitive,
 * an OCTET STRING or BIT STRING that holds DER of a known type, or an ANY DEFINED BY resolved
 * through an OID table keyed by a sibling field (contentType, attrType, algorithm, extnID).
 */
import type { InspectNode } from './tree.ts';

export type Primitive =
  | 'BOOLEAN' | 'INTEGER' | 'BIT STRING' | 'OCTET STRING' | 'NULL' | 'OBJECT IDENTIFIER' | 'UTF8String'
  | 'PrintableString' | 'IA5String' | 'TeletexString' | 'BMPString' | 'UniversalString' | 'VisibleString'
  | 'UTCTime' | 'GeneralizedTime' | 'ENUMERATED';

export const UNIVERSAL_TAGS: Readonly<Record<Primitive, number>> = {
  BOOLEAN: 1, INTEGER: 2, 'BIT STRING': 3, 'OCTET STRING': 4, NULL: 5, 'OBJECT IDENTIFIER': 6, ENUMERATED: 10,
  UTF8String: 12, PrintableString: 19, TeletexString: 20, IA5String: 22, UTCTime: 23, GeneralizedTime: 24,
  VisibleString: 26, UniversalString: 28, BMPString: 30,
};

/** An OID table for ANY DEFINED BY, and what a value of an OID outside it is. */
export type Table = Readonly<Record<string, Schema>>;

export type Schema =
  | { readonly kind: 'prim'; readonly type: string; readonly prim: Primitive; readonly bits?: readonly string[]; readonly contains?: Schema }
  | { readonly kind: 'seq' | 'set'; readonly type: string; readonly fields: readonly Field[]; readonly summary?: Summary }
  | { readonly kind: 'seqOf' | 'setOf'; readonly type: string; readonly item: Schema; readonly summary?: Summary }
  | { readonly kind: 'choice'; readonly type: string; readonly options: readonly Field[] }
  | { readonly kind: 'defined'; readonly type: string; readonly by: string; readonly table: Table }
  /** OCTET STRING whose value is DER of the type its sibling OID field names (eContent). */
  | { readonly kind: 'octetsDefined'; readonly type: string; readonly by: string; readonly table: Table }
  | { readonly kind: 'any'; readonly type: string }
  | { readonly kind: 'lazy'; readonly get: () => Schema };

export type Tagging = { readonly implicit: number } | { readonly explicit: number };

export interface Field {
  readonly name: string;
  readonly schema: Schema;
  readonly tag?: Tagging;
  readonly optional?: boolean;
}

/** Builds a one-line value for a constructed node from its walked children (a Name, an AlgorithmIdentifier). */
export type Summary = (children: readonly InspectNode[]) => string | undefined;

export const prim = (prim: Primitive, type: string = prim, extra: { bits?: readonly string[]; contains?: Schema } = {}): Schema => ({ kind: 'prim', type, prim, ...extra });
export const seq = (type: string, fields: readonly Field[], summary?: Summary): Schema => ({ kind: 'seq', type, fields, ...(summary ? { summary } : {}) });
export const set = (type: string, fields: readonly Field[]): Schema => ({ kind: 'set', type, fields });
export const seqOf = (type: string, item: Schema, summary?: Summary): Schema => ({ kind: 'seqOf', type, item, ...(summary ? { summary } : {}) });
export const setOf = (type: string, item: Schema, summary?: Summary): Schema => ({ kind: 'setOf', type, item, ...(summary ? { summary } : {}) });
export const choice = (type: string, options: readonly Field[]): Schema => ({ kind: 'choice', type, options });
export const defined = (type: string, by: string, table: Table): Schema => ({ kind: 'defined', type, by, table });
export const octetsDefined = (type: string, by: string, table: Table): Schema => ({ kind: 'octetsDefined', type, by, table });
export const any = (type = 'ANY'): Schema => ({ kind: 'any', type });
export const lazy = (get: () => Schema): Schema => ({ kind: 'lazy', get });

export const field = (name: string, schema: Schema, options: { tag?: Tagging; optional?: boolean } = {}): Field => ({ name, schema, ...options });
export const opt = (name: string, schema: Schema, tag?: Tagging): Field => ({ name, schema, optional: true, ...(tag ? { tag } : {}) });
export const implicit = (n: number) => ({ implicit: n }) as const;
export const explicit = (n: number) => ({ explicit: n }) as const;

export const resolve = (s: Schema): Schema => (s.kind === 'lazy' ? resolve(s.get()) : s);

/** The schema's type name, for the tree. */
export const typeName = (s: Schema): string => { const r = resolve(s); return r.kind === 'lazy' ? '?' : r.type; };
