/**
 * A read-only view of EnvelopedData (RFC 5652 6.1) over the strict reader's tree, with paths:
 * version, [0] IMPLICIT originatorInfo, recipientInfos, encryptedContentInfo, [1] IMPLICIT
 * unprotectedAttrs. Structural problems are recorded while building (cmsi/asn1-structure).
 */
import { envelopeHead } from './envelope-head.ts';
import { where, type CheckContext, type Located } from '../context.ts';
import { at, isContext } from './fields.ts';
import {
  attributeSet, encryptedContentInfo,
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
  const head = envelopeHead(ctx, l, 'EnvelopedData');
  if (!head) return null;
  const f = head.fields;
  const { version, versionAt, originatorInfo: oi, recipientInfos: ris } = head;
  let i = head.next;
  const eciNode = f[i++];
  if (!eciNode) return ctx.structure('EnvelopedData has no encryptedContentInfo', where(l));
  const eci = encryptedContentInfo(ctx, at(`${l.path}.encryptedContentInfo`, eciNode));
  if (!eci) return null;
  let unprotectedAttrs: AttributeSetView | null = null;
  if (f[i] && isContext(f[i], 1) && f[i]!.constructed) {
    unprotectedAttrs = attributeSet(ctx, at(`${l.path}.unprotectedAttrs`, f[i]!), 'unprotectedAttrs');
    i++;
  }
  if (f[i]) ctx.structure('EnvelopedData has fields after unprotectedAttrs', where(at(l.path, f[i]!)));
  return { at: l, version, versionAt, originatorInfo: oi, recipientInfos: ris, encryptedContentInfo: eci, unprotectedAttrs };
}
