/** A read-only view of CompressedData (RFC 3274 1.1): version, compressionAlgorithm, encapContentInfo. */
import { where, type CheckContext, type Located } from '../context.ts';
import { algorithmIdentifier, at, expectUniversal, intValue, UNIVERSAL, type AlgorithmIdentifier } from './fields.ts';
import { encapsulatedContentInfo, type EncapsulatedContentInfoView } from './recipient-infos.ts';

export interface CompressedDataView {
  readonly at: Located;
  readonly version: number | null;
  readonly versionAt: Located;
  readonly compressionAlgorithm: AlgorithmIdentifier;
  readonly encapContentInfo: EncapsulatedContentInfoView;
}

export function compressedDataView(ctx: CheckContext, l: Located): CompressedDataView | null {
  if (!expectUniversal(ctx, l, UNIVERSAL.SEQUENCE, 'CompressedData')) return null;
  const [v, a, e, extra] = l.node.children;
  if (!v || !a || !e) return ctx.structure('CompressedData has fewer than version, compressionAlgorithm, encapContentInfo', where(l));
  const versionAt = at(`${l.path}.version`, v);
  const version = intValue(ctx, versionAt, 'CompressedData version');
  const compressionAlgorithm = algorithmIdentifier(ctx, at(`${l.path}.compressionAlgorithm`, a), 'compressionAlgorithm');
  const encapContentInfo = encapsulatedContentInfo(ctx, at(`${l.path}.encapContentInfo`, e));
  if (!compressionAlgorithm || !encapContentInfo) return null;
  if (extra) ctx.structure('CompressedData has fields after encapContentInfo', where(at(l.path, extra)));
  return { at: l, version, versionAt, compressionAlgorithm, encapContentInfo };
}
