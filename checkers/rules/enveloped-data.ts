/**
 * Static rules of EnvelopedData (RFC 5652 6; RFC 2630 6.1 under the v3 profile; RFC 3560 2.1):
 * the version by contents, recipientInfos, the content cipher parameters and the unprotected
 * attributes. RecipientInfo rules are in ./recipient-infos.ts.
 */
import { OID } from '../../core/oids.ts';
import { where, type CheckContext } from '../context.ts';
import type { EnvelopedDataView } from '../cms/enveloped-data.ts';
import { checkContentEncryptionAlgorithm } from './algorithm-params.ts';
import { checkAttributeSet } from './attributes.ts';
import { checkOriginatorInfo, checkRecipientInfos, originatorFacts } from './recipient-infos.ts';

/** RFC 5652 6.1: the version an EnvelopedData must carry, given what it contains. */
export function expectedEnvelopedDataVersion(v: EnvelopedDataView): number {
  const o = originatorFacts(v.originatorInfo);
  const infos = v.recipientInfos.infos;
  if (o.present && o.otherCertsOrCrls) return 4;
  if ((o.present && o.v2AttrCerts) || infos.some((r) => r.kind === 'pwri' || r.kind === 'ori')) return 3;
  if (!o.present && !v.unprotectedAttrs && infos.every((r) => r.kind !== 'ori' && r.version === 0)) return 0;
  return 2;
}

const VERSION_RULE: Readonly<Record<number, string>> = {
  4: 'rfc5652/6.1/version-4-when-other-originator-certs-or-crls',
  3: 'rfc5652/6.1/version-3-when-v2-attr-certs-pwri-or-ori',
  0: 'rfc5652/6.1/version-0-when-plain',
  2: 'rfc5652/6.1/version-2-otherwise',
};

export function checkEnvelopedData(ctx: CheckContext, v: EnvelopedDataView): void {
  const expected = expectedEnvelopedDataVersion(v);
  // Versions 0 and 2 depend on every RecipientInfo's version: with one unreadable (its structure
  // failure already reported) the version the contents need is unknown, so it is not judged.
  // 3 and 4 follow from what was read, and nothing unread could lower them.
  const unknown = v.recipientInfos.infos.length < v.recipientInfos.count && expected < 3;
  if (v.version !== null && !unknown) {
    const w = where(v.versionAt);
    const same = v.version === expected;
    ctx.check(VERSION_RULE[expected]!, same, `EnvelopedData version ${v.version}${same ? '' : `, expected ${expected} for its contents`}`, w);
    if (expected === 2) {
      // RFC 2630 6.1 states the version 2 branch as three conditions; cited under the v3 profile only.
      if (v.originatorInfo) ctx.check('rfc2630/6.1/version-2-with-originator-info', same, `EnvelopedData version ${v.version} with originatorInfo`, w);
      if (v.unprotectedAttrs) ctx.check('rfc2630/6.1/version-2-with-unprotected-attrs', same, `EnvelopedData version ${v.version} with unprotectedAttrs`, w);
      if (v.recipientInfos.infos.some((r) => r.kind !== 'ori' && r.version !== 0)) ctx.check('rfc2630/6.1/version-2-with-nonzero-recipient-version', same, `EnvelopedData version ${v.version} with a RecipientInfo of version other than 0`, w);
    }
    if (v.recipientInfos.infos.some((r) => r.kind === 'ktri' && r.keyEncryptionAlgorithm.oid === OID.rsaesOaep)) {
      const good = [0, 2, 3].includes(v.version);
      ctx.check('rfc3560/2.1/version-0-2-or-3', good, `EnvelopedData with an RSAES-OAEP recipient has version ${v.version}${good ? '' : ', must be 0, 2 or 3'}`, w);
    }
  }
  checkOriginatorInfo(ctx, v.originatorInfo);
  checkRecipientInfos(ctx, v.recipientInfos, 'enveloped', v.encryptedContentInfo.contentEncryptionAlgorithm);
  checkContentEncryptionAlgorithm(ctx, v.encryptedContentInfo.contentEncryptionAlgorithm, null);
  if (v.unprotectedAttrs) checkAttributeSet(ctx, v.unprotectedAttrs.attrs, 'unprotected');
  // RFC 2634 1.3.2: a security label never travels in an EnvelopedData.
  for (const a of v.unprotectedAttrs?.attrs.filter((x) => x.type === OID.securityLabel) ?? []) ctx.fail('rfc2634/1.3.2/security-label-not-in-enveloped-data', 'eSSSecurityLabel among the EnvelopedData unprotectedAttrs', where(a.at));
}
