/** A read-only view of DigestedData (RFC 5652 7): version, digestAlgorithm, encapContentInfo, digest. */
import { where, type CheckContext, type Located } from '../context.ts';
import { algorithmIdentifier, at, expectUniversal, intValue, octetsValue, UNIVERSAL, type AlgorithmIdentifier } from './fields.ts';
import { encapsulatedContentInfo, type EncapsulatedContentInfoView } from './recipient-infos.ts';

export interface DigestedDataView {
  readonly at: Located;
  readonly version: number | null;
  readonly versionAt: Located;
  readonly digestAlgorithm: AlgorithmIdentifier;
  readonly encapContentInfo: EncapsulatedContentInfoView;
  readonly digest: Uint8Array;
  readonly digestAt: Located;
}

export function digestedDataView(ctx: CheckContext, l: Located): DigestedDataView | null {
  if (!expectUniversal(ctx, l, UNIVERSAL.SEQUENCE, 'DigestedData')) return null;
  const [v, a, e, d, extra] = l.node.children;
  if (!v || !a || !e || !d) return ctx.structure('DigestedData has fewer than version, digestAlgorithm, encapContentInfo, digest', where(l));
  const versionAt = at(`${l.path}.version`, v);
  const version = intValue(ctx, versionAt, 'DigestedData version');
  const digestAlgorithm = algorithmIdentifier(ctx, at(`${l.path}.digestAlgorithm`, a), 'digestAlgorithm');
  const encapContentInfo = encapsulatedContentInfo(ctx, at(`${l.path}.encapContentInfo`, e));
  const digestAt = at(`${l.path}.digest`, d);
  const digest = octetsValue(ctx, digestAt, 'digest');
  if (!digestAlgorithm || !encapContentInfo || !digest) return null;
  if (extra) ctx.structure('DigestedData has fields after digest', where(at(l.path, extra)));
  return { at: l, version, versionAt, digestAlgorithm, encapContentInfo, digest, digestAt };
}
