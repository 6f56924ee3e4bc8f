/**
 * Static rules of AuthenticatedData (RFC 5652 9.1-9.3, 11; RFC 2630 9.1 under the v3 profile):
 * version by contents, recipientInfos, digestAlgorithm and authAttrs presence each requiring the
 * other, authAttrs required for non-data content, DER, with content-type and message-digest, the
 * content-type agreeing with eContentType, and the MAC and digest algorithm parameters.
 */
import { firstUnsorted, readDer } from '../../core/der/reader.ts';
import { decodeOid } from '../../core/der/values.ts';
import { OID } from '../../core/oids.ts';
import { where, type CheckContext, type Located } from '../context.ts';
import { at, content, encoding, UNIVERSAL } from '../cms/fields.ts';
import type { AuthenticatedDataView } from '../cms/authenticated-data.ts';
import { checkDigestAlgorithm, checkMacAlgorithm } from './algorithm-params.ts';
import { checkAttributeSet } from './attributes.ts';
import { checkOriginatorInfo, checkRecipientInfos, originatorFacts } from './recipient-infos.ts';

/** RFC 5652 9.1: the version an AuthenticatedData must carry. */
export function expectedAuthenticatedDataVersion(v: AuthenticatedDataView): number {
  const o = originatorFacts(v.originatorInfo);
  if (o.present && o.otherCertsOrCrls) return 3;
  if (o.present && o.v2AttrCerts) return 1;
  return 0;
}

const VERSION_RULE: Readonly<Record<number, string>> = {
  3: 'rfc5652/9.1/version-3-when-other-originator-certs-or-crls',
  1: 'rfc5652/9.1/version-1-when-v2-attr-certs',
  0: 'rfc5652/9.1/version-0-otherwise',
};

/**
 * An attribute SET that must be DER even inside BER (RFC 5652 9.1, RFC 5083 2.1): re-read on its
 * own, any BER defect or unsorted SET OF fails `rule`; `v3Rule` is the RFC 2630 statement.
 */
export function checkAttributesDer(ctx: CheckContext, l: Located, rule: string, v3Rule: string | null): void {
  const reread = readDer(encoding(ctx, l.node));
  const ber = reread.defects[0];
  const unsorted = firstUnsorted(ctx.bytes, l.node);
  const ok = !ber && unsorted < 0;
  const message = ber ? `authAttrs are not DER: ${ber.message} at offset ${l.node.offset + ber.offset}`
    : unsorted >= 0 ? `authAttrs are not in DER SET OF order (element ${unsorted})` : 'authAttrs are DER';
  const w = unsorted >= 0 && !ber ? where(at(`${l.path}[${unsorted}]`, l.node.children[unsorted]!)) : where(l);
  ctx.check(rule, ok, message, w);
  if (v3Rule) ctx.check(v3Rule, ok, message, w);
}

export function checkAuthenticatedData(ctx: CheckContext, v: AuthenticatedDataView): void {
  const expected = expectedAuthenticatedDataVersion(v);
  if (v.version !== null) {
    const same = v.version === expected;
    ctx.check(VERSION_RULE[expected]!, same, `AuthenticatedData version ${v.version}${same ? '' : `, expected ${expected} for its contents`}`, where(v.versionAt));
    ctx.check('rfc2630/9.1/version-0', v.version === 0, `AuthenticatedData version ${v.version}`, where(v.versionAt));
  }
  checkOriginatorInfo(ctx, v.originatorInfo);
  checkRecipientInfos(ctx, v.recipientInfos, 'authenticated', null);
  checkMacAlgorithm(ctx, v.macAlgorithm);
  if (v.digestAlgorithm) checkDigestAlgorithm(ctx, v.digestAlgorithm, 'digestAlgorithm');
  const w = where(v.at);
  const attrs = v.authAttrs;
  if (v.digestAlgorithm) ctx.check('rfc5652/9.1/auth-attrs-when-digest-algorithm', !!attrs, attrs ? 'digestAlgorithm and authAttrs both present' : 'digestAlgorithm is present but authAttrs is absent', where(v.digestAlgorithm.at));
  if (attrs) ctx.check('rfc5652/9.1/digest-algorithm-when-auth-attrs', !!v.digestAlgorithm, v.digestAlgorithm ? 'authAttrs and digestAlgorithm both present' : 'authAttrs is present but digestAlgorithm is absent', where(attrs.at));
  const type = v.encapContentInfo.eContentType;
  if (type !== OID.data) ctx.check('rfc5652/9.1/auth-attrs-when-not-data', !!attrs, attrs ? 'authAttrs present' : `eContentType ${type} is not id-data but authAttrs is absent`, w);
  if (attrs) {
    checkAttributesDer(ctx, attrs.at, 'rfc5652/9.1/auth-attrs-der', 'rfc2630/9.1/each-auth-attr-der');
    checkAttributeSet(ctx, attrs.attrs, 'authenticated');
    const ct = attrs.attrs.find((a) => a.type === OID.contentType);
    const md = attrs.attrs.find((a) => a.type === OID.messageDigest);
    const aw = where(attrs.at);
    ctx.check('rfc5652/9.1/auth-attrs-include-content-type', !!ct, ct ? 'content-type attribute present' : 'authAttrs lack content-type', aw);
    ctx.check('rfc5652/9.1/auth-attrs-include-message-digest', !!md, md ? 'message-digest attribute present' : 'authAttrs lack message-digest', aw);
    ctx.check('rfc5652/9.2/auth-attrs-content-type-and-message-digest', !!ct && !!md, ct && md ? 'content-type and message-digest present' : 'authAttrs lack content-type or message-digest', aw);
    ctx.check('rfc5652/11.1/present-with-any-attrs', !!ct, ct ? 'content-type attribute present' : 'authAttrs lack content-type', aw);
    ctx.check('rfc5652/11.2/present-in-auth-attrs', !!md, md ? 'message-digest attribute present' : 'authAttrs lack message-digest', aw);
    const value = ct?.values[0];
    if (ct && value) {
      const d = value.cls === 'universal' && value.tag === UNIVERSAL.OID ? decodeOid(content(ctx, value)) : null;
      const same = d?.ok === true && d.value === type;
      const message = same ? 'content-type equals eContentType' : `content-type ${d?.ok ? d.value : '(not an OID)'} differs from eContentType ${type}`;
      ctx.check('rfc5652/9.3/content-type-attribute-matches', same, message, where(ct.at));
      ctx.check('rfc5652/11.1/value-matches-econtent-type', same, message, where(ct.at));
    }
  }
  if (v.unauthAttrs) checkAttributeSet(ctx, v.unauthAttrs.attrs, 'unauthenticated');
}
