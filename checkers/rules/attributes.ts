/** Applies the attribute table (placement, single value, single instance) to one attribute set. */
import { where, type CheckContext } from '../context.ts';
import type { Attribute } from '../cms/fields.ts';
import { ATTRIBUTE_CONSTRAINTS, type AttributeSetKind } from './attribute-table.ts';

export function checkAttributeSet(ctx: CheckContext, attrs: readonly Attribute[], kind: AttributeSetKind): void {
  for (const c of ATTRIBUTE_CONSTRAINTS) {
    const found = attrs.filter((a) => a.type === c.oid);
    if (found.length === 0) continue;
    const first = found[0]!;
    if (c.allowedIn) {
      const ok = c.allowedIn.sets.includes(kind);
      ctx.check(c.allowedIn.rule, ok, ok ? `${c.name} is a ${kind} attribute` : `${c.name} appears as a ${kind} attribute; allowed only as ${c.allowedIn.sets.join(' or ')}`, where(first.at));
    }
    const singleInstance = kind === 'authenticated' ? c.singleInstanceAuth ?? c.singleInstance : c.singleInstance;
    if (singleInstance) {
      ctx.check(singleInstance, found.length === 1, found.length === 1 ? `one ${c.name} attribute` : `${found.length} ${c.name} attributes in one set`, where(found[1]?.at ?? first.at));
    }
    if (c.singleValue) {
      for (const a of found) {
        ctx.check(c.singleValue, a.values.length === 1, a.values.length === 1 ? `${c.name} has one value` : `${c.name} has ${a.values.length} values`, where(a.at));
      }
    }
  }
}
