/** Static rules of DigestedData (RFC 5652 7): the version by eContentType and the digest algorithm parameters. */
import { OID } from '../../core/oids.ts';
import { where, type CheckContext } from '../context.ts';
import type { DigestedDataView } from '../cms/digested-data.ts';
import { checkDigestAlgorithm } from './algorithm-params.ts';

export function checkDigestedData(ctx: CheckContext, v: DigestedDataView): void {
  if (v.version !== null) {
    const data = v.encapContentInfo.eContentType === OID.data;
    const want = data ? 0 : 2;
    ctx.check(data ? 'rfc5652/7/version-0-for-data' : 'rfc5652/7/version-2-for-other-content', v.version === want,
      `DigestedData version ${v.version}${v.version === want ? '' : `, must be ${want} for eContentType ${v.encapContentInfo.eContentType}`}`, where(v.versionAt));
  }
  checkDigestAlgorithm(ctx, v.digestAlgorithm, 'digestAlgorithm');
}
