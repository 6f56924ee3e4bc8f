/**
 * A read-only view of AuthEnvelopedData (RFC 5083 2.1): version, [0] IMPLICIT originatorInfo,
 * recipientInfos, authEncryptedContentInfo, [1] IMPLICIT authAttrs, mac, [2] IMPLICIT
 * unauthAttrs. The mac is the AEAD tag (RFC 5084 3); authAttrs, re-tagged SET OF, are the AAD.
 */
import { envelopeHead } from './envelope-head.ts';
import { where, type CheckContext, type Located } from '../context.ts';
import { at, isContext, octetsValue } from './fields.ts';
import {
  attributeSet, encryptedContentInfo,
  type AttributeSetView, type EncryptedContentInfoView, type OriginatorInfoView, type RecipientInfosView,
} from './recipient-infos.ts';

export interface AuthEnvelopedDataView {
  readonly at: Located;
  readonly version: number | null;
  readonly versionAt: Located;
  readonly originatorInfo: OriginatorInfoView | null;
  readonly recipientInfos: RecipientInfosView;
  readonly authEncryptedContentInfo: EncryptedContentInfoView;
  readonly authAttrs: AttributeSetView | null;
  readonly mac: Uint8Array;
  readonly macAt: Located;
  readonly unauthAttrs: AttributeSetView | null;
}

export function authEnvelopedDataView(ctx: CheckContext, l: Located): AuthEnvelopedDataView | null {
  const head = envelopeHead(ctx, l, 'AuthEnvelopedData');
  if (!head) return null;
  const f = head.fields;
  const { version, versionAt, originatorInfo: oi, recipientInfos: ris } = head;
  let i = head.next;
  const eciNode = f[i++];
  if (!eciNode) return ctx.structure('AuthEnvelopedData has no authEncryptedContentInfo', where(l));
  const eci = encryptedContentInfo(ctx, at(`${l.path}.authEncryptedContentInfo`, eciNode));
  if (!eci) return null;
  let authAttrs: AttributeSetView | null = null;
  if (f[i] && isContext(f[i], 1) && f[i]!.constructed) {
    authAttrs = attributeSet(ctx, at(`${l.path}.authAttrs`, f[i]!), 'authAttrs');
    i++;
  }
  const macNode = f[i++];
  if (!macNode) return ctx.structure('AuthEnvelopedData has no mac', where(l));
  const macAt = at(`${l.path}.mac`, macNode);
  const mac = octetsValue(ctx, macAt, 'mac');
  if (!mac) return null;
  let unauthAttrs: AttributeSetView | null = null;
  if (f[i] && isContext(f[i], 2) && f[i]!.constructed) {
    unauthAttrs = attributeSet(ctx, at(`${l.path}.unauthAttrs`, f[i]!), 'unauthAttrs');
    i++;
  }
  if (f[i]) ctx.structure('AuthEnvelopedData has fields after unauthAttrs', where(at(l.path, f[i]!)));
  return { at: l, version, versionAt, originatorInfo: oi, recipientInfos: ris, authEncryptedContentInfo: eci, authAttrs, mac, macAt, unauthAttrs };
}
