/**
 * Static rules of SignedData (RFC 5652 5, 11; RFC 8933): versions, the mandatory signed
 * attributes and their agreement with eContentType, DER of the signed attributes, signing-time
 * encodings, countersignature constraints, and the digest algorithm bookkeeping.
 */
import { firstUnsorted, readDer } from '../../core/der/reader.ts';
import { decodeGeneralizedTime, decodeOid, decodeUtcTime } from '../../core/der/values.ts';
import { OID } from '../../core/oids.ts';
import { where, type CheckContext } from '../context.ts';
import { at, content, encoding, UNIVERSAL, type Attribute } from '../cms/fields.ts';
import { signerInfo, type SignedDataView, type SignerInfoView } from '../cms/signed-data.ts';
import { checkAttributeSet } from './attributes.ts';
import { checkLegacyAlgorithm } from './legacy.ts';

const find = (attrs: readonly Attribute[], oid: string) => attrs.find((a) => a.type === oid);

/** RFC 5652 5.1: the version a SignedData must carry, given what it contains. */
export function expectedSignedDataVersion(v: SignedDataView, bySid = true): number {
  const certTags = v.certificates.map((c) => (c.cls === 'context' ? c.tag : -1));
  const crlOther = v.crls.some((c) => c.cls === 'context' && c.tag === 1);
  if (certTags.includes(3) || crlOther) return 5;
  if (certTags.includes(2)) return 4;
  // 5.1 reads "any SignerInfo structures are version 3"; bySid takes the version 5.3 gives the sid.
  const v3Signer = v.signerInfos.some((s) => (bySid || s.version === null ? s.sid.kind === 'ski' : s.version === 3));
  if (certTags.includes(1) || v3Signer || v.eContentType !== OID.data) return 3;
  return 1;
}

const SIGNED_DATA_VERSION_RULE: Record<number, string> = {
  1: 'rfc5652/5.1/version-1-otherwise',
  3: 'rfc5652/5.1/version-3-when-v1-attr-certs-v3-signers-or-non-data',
  4: 'rfc5652/5.1/version-4-when-v2-attr-certs',
  5: 'rfc5652/5.1/version-5-when-other-certs-or-crls',
};

export function checkSignedData(ctx: CheckContext, v: SignedDataView): void {
  const expected = expectedSignedDataVersion(v);
  // A SignerInfo whose version disagrees with its sid is reported by 5.3; SignedData may then
  // follow either the SignerInfo version field (the 5.1 text) or the version its sid calls for.
  const literal = expectedSignedDataVersion(v, false);
  if (v.version !== null) {
    const ok = v.version === expected || v.version === literal;
    ctx.check(SIGNED_DATA_VERSION_RULE[expected]!, ok, `SignedData version ${v.version}${ok ? '' : `, expected ${expected} for its contents`}`, where(v.versionAt));
  }
  v.signerInfos.forEach((si) => checkSignerInfo(ctx, v, si, false));
}

function checkSignerInfo(ctx: CheckContext, v: SignedDataView, si: SignerInfoView, counter: boolean): void {
  const p = where(si.at);
  checkLegacyAlgorithm(ctx, si.digestAlgorithm);
  checkLegacyAlgorithm(ctx, si.signatureAlgorithm);
  if (si.version !== null) {
    const want = si.sid.kind === 'ski' ? 3 : 1;
    ctx.check(want === 3 ? 'rfc5652/5.3/version-3-for-subject-key-id' : 'rfc5652/5.3/version-1-for-issuer-and-serial', si.version === want, `SignerInfo version ${si.version} with ${si.sid.kind}${si.version === want ? '' : `: must be ${want}`}`, p);
  }
  if (!counter) {
    const listed = v.digestAlgorithms.some((d) => d.oid === si.digestAlgorithm.oid);
    ctx.check('rfc5652/5.3/digest-algorithm-listed', listed, listed ? 'digestAlgorithm is listed in digestAlgorithms' : `digestAlgorithm ${si.digestAlgorithm.oid} is not in SignedData.digestAlgorithms`, where(si.digestAlgorithm.at));
  }
  if (!si.signedAttrs) {
    if (!counter) {
      const ok = v.eContentType === OID.data;
      ctx.check('rfc5652/5.3/signed-attrs-when-not-data', ok, ok ? 'no signed attributes, eContentType is id-data' : 'eContentType is not id-data but the SignerInfo has no signed attributes', p);
    }
  } else {
    checkSignedAttrs(ctx, v, si, counter);
  }
  if (si.unsignedAttrs) {
    checkAttributeSet(ctx, si.unsignedAttrs.attrs, 'unsigned');
    for (const a of si.unsignedAttrs.attrs.filter((x) => x.type === OID.countersignature)) {
      a.values.forEach((value, i) => {
        const cs = signerInfo(ctx, at(`${a.at.path}.values[${i}]`, value));
        if (cs) checkSignerInfo(ctx, v, cs, true);
      });
    }
  }
}

function checkSignedAttrs(ctx: CheckContext, v: SignedDataView, si: SignerInfoView, counter: boolean): void {
  const sa = si.signedAttrs!;
  const attrs = sa.attrs;
  checkAttributeSet(ctx, attrs, 'signed');
  // DER: the attributes are re-read on their own; any BER defect or unsorted SET OF is a failure.
  const bytes = encoding(ctx, sa.at.node);
  const reread = readDer(bytes);
  const ber = reread.defects[0];
  ctx.check('rfc5652/5.3/signed-attrs-der', !ber, ber ? `signed attributes are not DER: ${ber.message} at offset ${sa.at.node.offset + ber.offset}` : 'signed attributes are DER', where(sa.at));
  const unsorted = firstUnsorted(ctx.bytes, sa.at.node);
  if (unsorted >= 0) ctx.fail('rfc5652/5.3/signed-attrs-der', `signed attributes are not in DER SET OF order (element ${unsorted})`, where(at(`${sa.at.path}[${unsorted}]`, sa.at.node.children[unsorted]!)));
  const ct = find(attrs, OID.contentType);
  const md = find(attrs, OID.messageDigest);
  if (counter) {
    ctx.check('rfc5652/11.4/no-content-type', !ct, ct ? 'countersignature carries a content-type attribute' : 'countersignature has no content-type attribute', where(ct?.at ?? sa.at));
    ctx.check('rfc5652/11.4/message-digest-with-other-attrs', !!md, md ? 'countersignature has message-digest' : 'countersignature signed attributes lack message-digest', where(sa.at));
  } else {
    ctx.check('rfc5652/5.3/signed-attrs-include-content-type', !!ct, ct ? 'content-type attribute present' : 'signed attributes lack content-type', where(sa.at));
    ctx.check('rfc5652/5.3/signed-attrs-include-message-digest', !!md, md ? 'message-digest attribute present' : 'signed attributes lack message-digest', where(sa.at));
    if (ct && ct.values[0]) {
      const value = ct.values[0];
      const d = value.cls === 'universal' && value.tag === UNIVERSAL.OID ? decodeOid(content(ctx, value)) : null;
      const same = d?.ok === true && d.value === v.eContentType;
      ctx.check('rfc5652/11.1/value-matches-econtent-type', same, same ? 'content-type equals eContentType' : `content-type ${d?.ok ? d.value : '(not an OID)'} differs from eContentType ${v.eContentType}`, where(ct.at));
    }
  }
  const st = find(attrs, OID.signingTime);
  if (st?.values[0]) checkSigningTime(ctx, st);
}

/**
 * A malformed signing time whose only fault is one that rules/encoding.ts names (an offset or no
 * Z where the seconds are there, hour 24, a four-digit year outside 1950-2049 in a UTCTime): the
 * seconds or fraction statement is not broken, so it is not reported too (issue 14 item 4).
 */
function explainedByFormRule(utc: boolean, s: string): boolean {
  if (!utc) return /^\d{14}(?:[+-]\d{4})?$/.test(s);
  const four = /^(\d{4})\d{10}(?:Z|[+-]\d{4})?$/.exec(s);
  if (four) return Number(four[1]) < 1950 || Number(four[1]) > 2049;
  return /^\d{12}[+-]\d{4}$/.test(s) || /^\d{6}24[0-5]\d[0-5]\dZ$/.test(s);
}

function checkSigningTime(ctx: CheckContext, st: Attribute): void {
  const t = st.values[0]!;
  const w = where(at(`${st.at.path}.value`, t));
  if (t.cls !== 'universal' || (t.tag !== UNIVERSAL.UTC_TIME && t.tag !== UNIVERSAL.GENERALIZED_TIME)) {
    ctx.structure('signing-time value is neither UTCTime nor GeneralizedTime', w);
    return;
  }
  const utc = t.tag === UNIVERSAL.UTC_TIME;
  const d = utc ? decodeUtcTime(content(ctx, t)) : decodeGeneralizedTime(content(ctx, t));
  const text = Buffer.from(content(ctx, t)).toString('latin1');
  const formatRule = utc ? 'rfc5652/11.3/utc-time-seconds' : /\./.test(text) ? 'rfc5652/11.3/generalized-time-no-fraction' : 'rfc5652/11.3/generalized-time-seconds';
  if (!d.ok && explainedByFormRule(utc, text)) return;
  if (!ctx.check(formatRule, d.ok, d.ok ? `signing-time ${d.value.iso}` : d.error, w) || !d.ok) return;
  const inUtcRange = d.value.year >= 1950 && d.value.year <= 2049;
  // The statement broken is the one for the date's range: 1950-2049 must be UTCTime, others GeneralizedTime.
  ctx.check(inUtcRange ? 'rfc5652/11.3/utc-time-1950-to-2049' : 'rfc5652/11.3/generalized-time-outside-1950-to-2049', utc === inUtcRange,
    utc === inUtcRange ? `${utc ? 'UTCTime' : 'GeneralizedTime'} for ${d.value.year}` : `${utc ? 'UTCTime' : 'GeneralizedTime'} used for year ${d.value.year}; 1950-2049 must be UTCTime, others GeneralizedTime`, w);
}
