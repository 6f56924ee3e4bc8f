/** Static rules of EncryptedData (RFC 5652 8): the version by unprotectedAttrs, the content cipher parameters, the attributes. */
import { where, type CheckContext } from '../context.ts';
import type { EncryptedDataView } from '../cms/encrypted-data.ts';
import { checkContentEncryptionAlgorithm } from './algorithm-params.ts';
import { checkAttributeSet } from './attributes.ts';

export function checkEncryptedData(ctx: CheckContext, v: EncryptedDataView): void {
  if (v.version !== null) {
    const attrs = !!v.unprotectedAttrs;
    const want = attrs ? 2 : 0;
    ctx.check(attrs ? 'rfc5652/8/version-2-with-unprotected-attrs' : 'rfc5652/8/version-0-without-unprotected-attrs', v.version === want,
      `EncryptedData version ${v.version}${v.version === want ? '' : `, must be ${want} ${attrs ? 'with' : 'without'} unprotectedAttrs`}`, where(v.versionAt));
  }
  checkContentEncryptionAlgorithm(ctx, v.encryptedContentInfo.contentEncryptionAlgorithm, null);
  if (v.unprotectedAttrs) checkAttributeSet(ctx, v.unprotectedAttrs.attrs, 'unprotected');
}
