/**
 * The schema walk: matches a tree from the strict reader against the ASN.1 schema and names every
 * node (field, type, CHOICE alternative) or marks it unknown. SEQUENCE fields are matched in order
 * by tag, skipping absent optional ones; SET fields in any order; ANY DEFINED BY through the OID of
 * a sibling field; OCTET STRINGs that hold DER are read again and walked in place (same offsets).
 * It never judges: a node that does not fit is shown as what its tag says, with `unknown`.
 */
import { contentOf, readDer, stringContent, type DerNode } from '../../core/der/reader.ts';
import { resolve, typeName, UNIVERSAL_TAGS, type Field, type Primitive, type Schema, type Tagging } from './schema.ts';
import type { InspectLayer, InspectNode } from './tree.ts';
import { showValue } from './values.ts';

/** OIDs of the fields walked so far, innermost SEQUENCE first (for ANY DEFINED BY). */
type Scope = { readonly oids: Map<string, string>; readonly parent: Scope | null };
const lookup = (s: Scope | null, name: string): string | undefined => (s ? s.oids.get(name) ?? lookup(s.parent, name) : undefined);

/** What to do with content octets the schema does not describe (id-data eContent): find a message in them. */
export type NestedContent = (content: Uint8Array) => InspectLayer | undefined;

const UNIVERSAL_NAMES: Readonly<Record<number, string>> = {
  ...Object.fromEntries(Object.entries(UNIVERSAL_TAGS).map(([k, v]) => [v, k])), 16: 'SEQUENCE', 17: 'SET', 0: 'EOC',
};

export function tagLabel(n: DerNode): string {
  if (n.cls === 'universal') return UNIVERSAL_NAMES[n.tag] ?? `[UNIVERSAL ${n.tag}]`;
  return n.cls === 'context' ? `[${n.tag}]` : `[${n.cls.toUpperCase()} ${n.tag}]`;
}

/** The tag a schema's value carries when it is not tagged in its field; null: any tag (ANY, CHOICE of ANY). */
function naturalTags(s: Schema): { cls: string; tag: number }[] | null {
  const r = resolve(s);
  switch (r.kind) {
    case 'prim': return [{ cls: 'universal', tag: UNIVERSAL_TAGS[r.prim] }];
    case 'octetsDefined': return [{ cls: 'universal', tag: 4 }];
    case 'seq': case 'seqOf': return [{ cls: 'universal', tag: 16 }];
    case 'set': case 'setOf': return [{ cls: 'universal', tag: 17 }];
    case 'choice': {
      const all = r.options.map((o) => (o.tag ? [{ cls: 'context', tag: 'implicit' in o.tag ? o.tag.implicit : o.tag.explicit }] : naturalTags(o.schema)));
      return all.some((x) => x === null) ? null : all.flat() as { cls: string; tag: number }[];
    }
    default: return null;
  }
}

export function fieldMatches(f: { schema: Schema; tag?: Tagging }, n: DerNode): boolean {
  if (f.tag) return n.cls === 'context' && n.tag === ('implicit' in f.tag ? f.tag.implicit : f.tag.explicit);
  const tags = naturalTags(f.schema);
  return tags === null || tags.some((t) => t.cls === n.cls && t.tag === n.tag);
}

/** The bytes a node's offsets index, and where they start in the layer (DER inside an OCTET STRING). */
export interface Span {
  readonly bytes: Uint8Array;
  readonly base: number;
}

export class Walker {
  constructor(private readonly nested?: NestedContent) {}

  /** The node `n` (offsets into `base.bytes`) as `schema`, called `name`. */
  walk(n: DerNode, schema: Schema, name: string, base: Span, scope: Scope | null, tag?: Tagging): InspectNode {
    if (tag && 'explicit' in tag) {
      const inner = n.constructed && n.children.length === 1 ? n.children[0]! : null;
      if (!inner || !fieldMatches({ schema }, inner)) return this.unknown(n, name, base, `expected [${tag.explicit}] EXPLICIT ${typeName(schema)}`);
      const walked = this.walk(inner, schema, typeName(schema), base, scope);
      // The value inside is named by what it turned out to be (SignedData, not ANY DEFINED BY contentType).
      return this.node(n, base, { name, type: `[${tag.explicit}] EXPLICIT`, children: [{ ...walked, name: walked.type }], summary: walked.summary ?? walked.value });
    }
    const s = resolve(schema);
    switch (s.kind) {
      case 'prim': return this.primitive(n, s.prim, s.type, name, base, scope, s.bits, s.contains);
      case 'octetsDefined': {
        const type = lookup(scope, s.by);
        const inner = type ? s.table[type] : undefined;
        if (inner) return this.primitive(n, 'OCTET STRING', s.type, name, base, scope, undefined, inner);
        const node = this.primitive(n, 'OCTET STRING', s.type, name, base, scope);
        const layer = this.nested?.(stringContent(base.bytes, n));
        if (layer) node.layer = layer;
        return node;
      }
      case 'seq': case 'set': return this.fields(n, s.fields, s.kind === 'set', s.type, name, base, scope, s.summary);
      case 'seqOf': case 'setOf': {
        if (!n.constructed || n.cls !== 'universal' && !tag) return this.unknown(n, name, base, `expected ${s.type}`);
        const children = n.children.map((c, i) => (fieldMatches({ schema: s.item }, c) ? this.walk(c, s.item, `${name}[${i}]`, base, scope) : this.unknown(c, `${name}[${i}]`, base, `expected ${typeName(s.item)}`)));
        return this.node(n, base, { name, type: s.type, children, summary: s.summary?.(children) });
      }
      case 'choice': {
        const option = s.options.find((o) => fieldMatches(o, n));
        if (!option) return this.unknown(n, name, base, `no alternative of ${s.type} has this tag`);
        const inner = this.walk(n, option.schema, name, base, scope, option.tag);
        return { ...inner, choice: option.name };
      }
      case 'defined': {
        const oid = lookup(scope, s.by);
        const inner = oid ? s.table[oid] : undefined;
        if (inner && fieldMatches({ schema: inner }, n)) return this.walk(n, inner, name, base, scope);
        const why = inner ? `not the ${typeName(inner)} that ${s.by} ${oid} calls for` : oid ? `no schema for ${s.by} ${oid}` : `${s.by} not known`;
        return this.unknown(n, name, base, why, s.type);
      }
      case 'any': return this.unknown(n, name, base, undefined, s.type);
      case 'lazy': return this.unknown(n, name, base);
    }
  }

  private fields(n: DerNode, fields: readonly Field[], unordered: boolean, type: string, name: string, base: Span, parent: Scope | null, summary?: (c: readonly InspectNode[]) => string | undefined): InspectNode {
    if (!n.constructed) return this.unknown(n, name, base, `expected ${type} (constructed)`);
    const scope: Scope = { oids: new Map(), parent };
    const used = new Set<number>();
    let next = 0;
    const children = n.children.map((c) => {
      let at = -1;
      if (unordered) at = fields.findIndex((f, i) => !used.has(i) && fieldMatches(f, c));
      else {
        for (let i = next; i < fields.length; i++) {
          if (fieldMatches(fields[i]!, c)) { at = i; break; }
          if (!fields[i]!.optional) break;
        }
      }
      if (at < 0) return this.unknown(c, '?', base, `not a field of ${type} here`);
      used.add(at);
      next = at + 1;
      const f = fields[at]!;
      const walked = this.walk(c, f.schema, f.name, base, scope, f.tag);
      if (walked.oid) scope.oids.set(f.name, walked.oid);
      return walked;
    });
    const missing = fields.filter((f, i) => !f.optional && !used.has(i)).map((f) => f.name);
    return this.node(n, base, { name, type, children, summary: summary?.(children), ...(missing.length ? { note: `missing ${missing.join(', ')}` } : {}) });
  }

  private primitive(n: DerNode, prim: Primitive, type: string, name: string, base: Span, scope: Scope | null, bits?: readonly string[], contains?: Schema): InspectNode {
    if (n.constructed && !['OCTET STRING', 'BIT STRING', 'UTF8String', 'PrintableString', 'IA5String', 'BMPString', 'TeletexString', 'VisibleString', 'UniversalString'].includes(prim)) {
      return this.unknown(n, name, base, `expected ${prim} (primitive)`);
    }
    const content = n.constructed ? stringContent(base.bytes, n) : contentOf(base.bytes, n);
    // A BER constructed string: its segments are children; the joined value is shown on the node.
    const segments = n.constructed ? n.children.map((c, i) => this.segment(c, `segment[${i}]`, prim, base)) : [];
    const shown = showValue(prim, content, bits);
    if (contains && !n.constructed) {
      const inner = readDer(content);
      if (inner.root && !inner.fatal && fieldMatches({ schema: contains }, inner.root)) {
        const child = this.walk(inner.root, contains, typeName(contains), { bytes: content, base: base.base + n.contentOffset }, scope);
        return this.node(n, base, { name, type, children: [child], summary: child.summary ?? child.value });
      }
    }
    return this.node(n, base, { name, type, children: segments, ...shown });
  }

  /** One segment of a BER constructed string (X.690 8.7.3): a string of the same type, or segments again. */
  private segment(n: DerNode, name: string, prim: Primitive, base: Span): InspectNode {
    if (n.cls !== 'universal' || n.tag !== UNIVERSAL_TAGS[prim]) return this.unknown(n, name, base, `a segment of ${prim} must be ${prim}`);
    const children = n.constructed ? n.children.map((c, i) => this.segment(c, `${name}[${i}]`, prim, base)) : [];
    return this.node(n, base, { name, type: `${prim} segment`, children, ...(n.constructed ? {} : { value: showValue(prim === 'BIT STRING' ? 'OCTET STRING' : prim, contentOf(base.bytes, n)).value }) });
  }

  /** What the tag says, when the schema does not know the node; children likewise. */
  unknown(n: DerNode, name: string, base: Span, note?: string, type?: string): InspectNode {
    const universal = n.cls === 'universal' ? (UNIVERSAL_NAMES[n.tag] as Primitive | undefined) : undefined;
    const shown = !n.constructed && universal && universal in UNIVERSAL_TAGS ? showValue(universal, contentOf(base.bytes, n)) : {};
    const children = n.children.map((c) => this.unknown(c, '?', base));
    return { ...this.node(n, base, { name, type: type ?? tagLabel(n), children, ...shown, ...(note ? { note } : {}) }), unknown: true };
  }

  private node(n: DerNode, base: Span, x: Partial<InspectNode> & { name: string; type: string; children: readonly InspectNode[] }): InspectNode {
    const clean = Object.fromEntries(Object.entries(x).filter(([, v]) => v !== undefined)) as typeof x;
    return {
      ...clean, tag: tagLabel(n), offset: base.base + n.offset, headerLength: n.headerLength, length: n.length, end: base.base + n.end,
      constructed: n.constructed, findings: [],
    };
  }
}
