/**
 * Static rules of AuthEnvelopedData (RFC 5083 2.1, 3; RFC 5084 3): version 0, recipientInfos,
 * authAttrs present for non-data content and DER encoded, no message-digest attribute, the
 * AES-GCM/CCM parameters and their ICV length against the mac.
 */
import { OID } from '../../core/oids.ts';
import { where, type CheckContext } from '../context.ts';
import type { AuthEnvelopedDataView } from '../cms/auth-enveloped-data.ts';
import { checkContentEncryptionAlgorithm } from './algorithm-params.ts';
import { checkAttributeSet } from './attributes.ts';
import { checkAttributesDer } from './authenticated-data.ts';
import { checkOriginatorInfo, checkRecipientInfos } from './recipient-infos.ts';

export function checkAuthEnvelopedData(ctx: CheckContext, v: AuthEnvelopedDataView): void {
  if (v.version !== null) ctx.check('rfc5083/2.1/version-0', v.version === 0, `AuthEnvelopedData version ${v.version}${v.version === 0 ? '' : ', must be 0'}`, where(v.versionAt));
  checkOriginatorInfo(ctx, v.originatorInfo);
  const eci = v.authEncryptedContentInfo;
  checkRecipientInfos(ctx, v.recipientInfos, 'authEnveloped', eci.contentEncryptionAlgorithm);
  checkContentEncryptionAlgorithm(ctx, eci.contentEncryptionAlgorithm, v.mac.length);
  const isData = eci.contentType === OID.data;
  if (!isData || v.authAttrs) {
    ctx.check('rfc5083/2.1/auth-attrs-required-unless-data', !!v.authAttrs, v.authAttrs ? 'authAttrs present' : `content type ${eci.contentType} is not id-data but authAttrs is absent`, where(v.authAttrs?.at ?? v.at));
  }
  if (v.authAttrs) {
    checkAttributesDer(ctx, v.authAttrs.at, 'rfc5083/2.1/auth-attrs-der', null);
    checkAttributeSet(ctx, v.authAttrs.attrs, 'authenticated');
    const md = v.authAttrs.attrs.find((a) => a.type === OID.messageDigest);
    for (const rule of ['rfc5083/2.1/no-message-digest-attr', 'rfc5083/3/no-message-digest-attr']) {
      ctx.check(rule, !md, md ? 'authAttrs carry a message-digest attribute, exposing a hash of the plaintext' : 'no message-digest attribute in authAttrs', where(md?.at ?? v.authAttrs.at));
    }
  }
  if (v.unauthAttrs) checkAttributeSet(ctx, v.unauthAttrs.attrs, 'unauthenticated');
}
