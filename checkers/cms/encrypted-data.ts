/** A read-only view of EncryptedData (RFC 5652 8): version, encryptedContentInfo, [1] IMPLICIT unprotectedAttrs. */
import { where, type CheckContext, type Located } from '../context.ts';
import { at, expectUniversal, intValue, isContext, UNIVERSAL } from './fields.ts';
import { attributeSet, encryptedContentInfo, type AttributeSetView, type EncryptedContentInfoView } from './recipient-infos.ts';

export interface EncryptedDataView {
  readonly at: Located;
  readonly version: number | null;
  readonly versionAt: Located;
  readonly encryptedContentInfo: EncryptedContentInfoView;
  readonly unprotectedAttrs: AttributeSetView | null;
}

export function encryptedDataView(ctx: CheckContext, l: Located): EncryptedDataView | null {
  if (!expectUniversal(ctx, l, UNIVERSAL.SEQUENCE, 'EncryptedData')) return null;
  const [v, e, u, extra] = l.node.children;
  if (!v || !e) return ctx.structure('EncryptedData has fewer than version, encryptedContentInfo', where(l));
  const versionAt = at(`${l.path}.version`, v);
  const version = intValue(ctx, versionAt, 'EncryptedData version');
  const eci = encryptedContentInfo(ctx, at(`${l.path}.encryptedContentInfo`, e));
  if (!eci) return null;
  let unprotectedAttrs: AttributeSetView | null = null;
  if (u) {
    if (!isContext(u, 1) || !u.constructed) return ctx.structure('EncryptedData field after encryptedContentInfo is not [1] IMPLICIT UnprotectedAttributes', where(at(l.path, u)));
    unprotectedAttrs = attributeSet(ctx, at(`${l.path}.unprotectedAttrs`, u), 'unprotectedAttrs');
  }
  if (extra) ctx.structure('EncryptedData has fields after unprotectedAttrs', where(at(l.path, extra)));
  return { at: l, version, versionAt, encryptedContentInfo: eci, unprotectedAttrs };
}
