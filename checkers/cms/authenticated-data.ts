/**
 * A read-only view of AuthenticatedData (RFC 5652 9.1): version, [0] IMPLICIT originatorInfo,
 * recipientInfos, macAlgorithm, [1] IMPLICIT digestAlgorithm, encapContentInfo, [2] IMPLICIT
 * authAttrs, mac, [3] IMPLICIT unauthAttrs.
 */
import { envelopeHead } from './envelope-head.ts';
import { where, type CheckContext, type Located } from '../context.ts';
import { algorithmIdentifier, at, isContext, octetsValue, type AlgorithmIdentifier } from './fields.ts';
import {
  attributeSet, encapsulatedContentInfo, implicitAlgorithmIdentifier,
  type AttributeSetView, type EncapsulatedContentInfoView, type OriginatorInfoView, type RecipientInfosView,
} from './recipient-infos.ts';

export interface AuthenticatedDataView {
  readonly at: Located;
  readonly version: number | null;
  readonly versionAt: Located;
  readonly originatorInfo: OriginatorInfoView | null;
  readonly recipientInfos: RecipientInfosView;
  readonly macAlgorithm: AlgorithmIdentifier;
  readonly digestAlgorithm: AlgorithmIdentifier | null;
  readonly encapContentInfo: EncapsulatedContentInfoView;
  readonly authAttrs: AttributeSetView | null;
  readonly mac: Uint8Array;
  readonly macAt: Located;
  readonly unauthAttrs: AttributeSetView | null;
}

export function authenticatedDataView(ctx: CheckContext, l: Located): AuthenticatedDataView | null {
  const head = envelopeHead(ctx, l, 'AuthenticatedData');
  if (!head) return null;
  const f = head.fields;
  const { version, versionAt, originatorInfo: oi, recipientInfos: ris } = head;
  let i = head.next;
  const macAlgorithmNode = f[i++];
  if (!macAlgorithmNode) return ctx.structure('AuthenticatedData has no macAlgorithm', where(l));
  const macAlgorithm = algorithmIdentifier(ctx, at(`${l.path}.macAlgorithm`, macAlgorithmNode), 'macAlgorithm');
  if (!macAlgorithm) return null;
  let digestAlgorithm: AlgorithmIdentifier | null = null;
  if (f[i] && isContext(f[i], 1)) {
    digestAlgorithm = implicitAlgorithmIdentifier(ctx, at(`${l.path}.digestAlgorithm`, f[i]!), 'digestAlgorithm');
    if (!digestAlgorithm) return null;
    i++;
  }
  const encapNode = f[i++];
  if (!encapNode) return ctx.structure('AuthenticatedData has no encapContentInfo', where(l));
  const encapContentInfo = encapsulatedContentInfo(ctx, at(`${l.path}.encapContentInfo`, encapNode));
  if (!encapContentInfo) return null;
  let authAttrs: AttributeSetView | null = null;
  if (f[i] && isContext(f[i], 2) && f[i]!.constructed) {
    authAttrs = attributeSet(ctx, at(`${l.path}.authAttrs`, f[i]!), 'authAttrs');
    i++;
  }
  const macNode = f[i++];
  if (!macNode) return ctx.structure('AuthenticatedData has no mac', where(l));
  const macAt = at(`${l.path}.mac`, macNode);
  const mac = octetsValue(ctx, macAt, 'mac');
  if (!mac) return null;
  let unauthAttrs: AttributeSetView | null = null;
  if (f[i] && isContext(f[i], 3) && f[i]!.constructed) {
    unauthAttrs = attributeSet(ctx, at(`${l.path}.unauthAttrs`, f[i]!), 'unauthAttrs');
    i++;
  }
  if (f[i]) ctx.structure('AuthenticatedData has fields after unauthAttrs', where(at(l.path, f[i]!)));
  return { at: l, version, versionAt, originatorInfo: oi, recipientInfos: ris, macAlgorithm, digestAlgorithm, encapContentInfo, authAttrs, mac, macAt, unauthAttrs };
}
