/** Static rules of CompressedData (RFC 3274 1.1, 2): version 0 and the zlib parameters. */
import { where, type CheckContext } from '../context.ts';
import type { CompressedDataView } from '../cms/compressed-data.ts';
import { checkCompressionAlgorithm } from './algorithm-params.ts';

export function checkCompressedData(ctx: CheckContext, v: CompressedDataView): void {
  if (v.version !== null) ctx.check('rfc3274/1.1/version-0', v.version === 0, `CompressedData version ${v.version}${v.version === 0 ? '' : ', must be 0'}`, where(v.versionAt));
  checkCompressionAlgorithm(ctx, v.compressionAlgorithm);
}
