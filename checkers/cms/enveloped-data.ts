/**
 * A read-only view of EnvelopedData (RFC 5652 6.1) over the strict reader's tree, with paths:
 * version, [0] IMPLICIT originatorInfo, recipientInfos, encryptedContentInfo, [1] IMPLICIT
 * unprotectedAttrs. Structural problems are recorded while building (cmsi/asn1-structure).
 */
import { where, type CheckContext, type Located } from '../context.ts';
import { at, expectUniversal, intValue, isContext, UNIVERSAL } from './fields.ts';
import {
  attributeSet, encryptedContentInfo, originatorInfo, recipientInfos,
  type AttributeSetView, type EncryptedContentInfoView, type OriginatorInfoView, type RecipientInfosView,
} from './recipient-infos.ts';

export interface EnvelopedDataView {
  readonly at: Located;
  readonly version: number | null;
  readonly versionAt: Located;
  readonly originatorInfo: OriginatorInfoView | null;
  readonly recipientInfos: RecipientInfosView;
  readonly encryptedContentInfo: EncryptedContentInfoView;
  readonly unprotectedAttrs: AttributeSetView | null;
}

export function envelopedDataView(ctx: CheckContext, l: Located): EnvelopedDataView | null {
  if (!expectUniversal(ctx, l, UNIVERSAL.SEQUENCE, 'EnvelopedData')) return null;
  const f = l.node.children;
  const v = f[0];
  if (!v) return ctx.structure('EnvelopedData is empty', where(l));
  const versionAt = at(`${l.path}.version`, v);
  const version = intValue(ctx, versionAt, 'EnvelopedData version');
  let i = 1;
  let oi: OriginatorInfoView | null = null;
  if (f[i] && isContext(f[i], 0)) {
    oi = originatorInfo(ctx, at(`${l.path}.originatorInfo`, f[i]!));
    i++;
  }
  const riNode = f[i++];
  const eciNode = f[i++];
  if (!riNode || !eciNode) return ctx.structure('EnvelopedData has no recipientInfos or no encryptedContentInfo', where(l));
  const ris = recipientInfos(ctx, at(`${l.path}.recipientInfos`, riNode));
  const eci = encryptedContentInfo(ctx, at(`${l.path}.encryptedContentInfo`, eciNode));
  if (!ris || !eci) return null;
  let unprotectedAttrs: AttributeSetView | null = null;
  if (f[i] && isContext(f[i], 1) && f[i]!.constructed) {
    unprotectedAttrs = attributeSet(ctx, at(`${l.path}.unprotectedAttrs`, f[i]!), 'unprotectedAttrs');
    i++;
  }
  if (f[i]) ctx.structure('EnvelopedData has fields after unprotectedAttrs', where(at(l.path, f[i]!)));
  return { at: l, version, versionAt, originatorInfo: oi, recipientInfos: ris, encryptedContentInfo: eci, unprotectedAttrs };
}
