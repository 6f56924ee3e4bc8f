/**
 * Encoding rules of SignedData beyond what the strict reader and the signed-attribute rules
 * already report (checkers/engine.ts reports bytes that are not one BER value; rules/signed-data.ts
 * re-reads signedAttrs for BER lengths and unsorted SET OF). Called for every SignedData from
 * checkers/content-types.ts. Written from RFC 5652 1, 5.3, 11.3 and X.690 8.2, 8.3, 11.1:
 *
 * - DER inside signedAttrs covers the value octets too (RFC 5652 5.3 "MUST be DER encoded"):
 *   an INTEGER or ENUMERATED with a redundant leading octet (X.690 8.3.2, not even BER) or a
 *   BOOLEAN TRUE other than FF (X.690 11.1) is not DER, whatever its lengths.
 * - signing-time forms (RFC 5652 11.3): GeneralizedTime for a year UTCTime covers, UTCTime
 *   holding a four-digit year outside 1950-2049, offsets instead of Z, midnight as hour 24. Each
 *   is reported under the statement it breaks, next to the generic format rule.
 * - BER outside the signed attributes is allowed (RFC 5652 1: signed and authenticated attributes
 *   "are the only data types used in the CMS that require DER encoding"), so a non-minimal length
 *   there is a warning on the ContentInfo, never a failure.
 */
import { encodingOf, readDer, type DerNode } from '../../core/der/reader.ts';
import { OID } from '../../core/oids.ts';
import { where, type CheckContext, type Located } from '../context.ts';
import { at, content, UNIVERSAL, type Attribute } from '../cms/fields.ts';
import type { SignedDataView } from '../cms/signed-data.ts';
import type { Where } from '../finding.ts';

const ENUMERATED = 10;
const DER_RULE = 'rfc5652/5.3/signed-attrs-der';

export function checkEncoding(ctx: CheckContext, v: SignedDataView): void {
  for (const si of v.signerInfos) {
    if (!si.signedAttrs) continue;
    checkValueOctets(ctx, si.signedAttrs.at);
    const st = si.signedAttrs.attrs.find((a) => a.type === OID.signingTime);
    if (st?.values[0]) checkTimeForm(ctx, st);
  }
  checkBerOutsideSignedAttrs(ctx, v);
}

const tagKey = (n: DerNode): number => ['universal', 'application', 'context', 'private'].indexOf(n.cls) * 2 ** 31 + n.tag;

/**
 * DER order of a SET inside signed attributes. Components with one tag are a SET OF, ordered by
 * encoding (X.690 11.6); components with different tags are a SET, ordered by tag class and number
 * (X.690 10.3, X.680 8.6), the constructed bit not counting. A mixed set is checked both ways.
 * An Attribute's attrValues is a SET OF AttributeValue whatever its values' tags (`setOf`), so
 * values of different tags are ordered by encoding there too: [2] 0x82 before [0] 0xa0.
 */
function checkSetOrder(ctx: CheckContext, set: DerNode, l: Located, setOf: boolean): void {
  const kids = set.children;
  const distinct = !setOf && new Set(kids.map(tagKey)).size === kids.length;
  for (let i = 1; i < kids.length; i++) {
    const a = kids[i - 1]!;
    const b = kids[i]!;
    const bad = distinct ? tagKey(a) > tagKey(b) : (setOf || tagKey(a) === tagKey(b)) && compareBytes(encodingOf(ctx.bytes, a), encodingOf(ctx.bytes, b)) > 0;
    if (bad) {
      ctx.fail(DER_RULE, distinct
        ? `SET components inside signed attributes are not in tag order: [${a.cls} ${a.tag}] before [${b.cls} ${b.tag}] (X.690 10.3)`
        : 'SET OF elements inside signed attributes are not in DER order (X.690 11.6)', where(at(`${l.path}[${i}]`, b)));
      return;
    }
  }
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** DER value rules for the primitive types whose BER has several encodings of one value. */
function checkValueOctets(ctx: CheckContext, sa: Located): void {
  const walk = (n: DerNode, path: string): void => {
    if (n.constructed) {
      // /k/1 is attribute k's attrValues: a SET OF by its ASN.1, not a SET of components.
      if (n.cls === 'universal' && n.tag === UNIVERSAL.SET && n !== sa.node) checkSetOrder(ctx, n, at(`${sa.path}${path}`, n), /^\/\d+\/1$/.test(path));
      n.children.forEach((c, i) => walk(c, `${path}/${i}`));
      return;
    }
    if (n.cls !== 'universal') return;
    const c = content(ctx, n);
    const w = where(at(`${sa.path}${path}`, n));
    if (n.tag === UNIVERSAL.INTEGER || n.tag === ENUMERATED) {
      const redundant = c.length > 1 && ((c[0] === 0x00 && !(c[1]! & 0x80)) || (c[0] === 0xff && (c[1]! & 0x80) !== 0));
      if (c.length === 0) ctx.fail(DER_RULE, `${n.tag === ENUMERATED ? 'ENUMERATED' : 'INTEGER'} in signed attributes has no content octets`, w);
      else if (redundant) ctx.fail(DER_RULE, `${n.tag === ENUMERATED ? 'ENUMERATED' : 'INTEGER'} in signed attributes has a redundant leading ${c[0] === 0 ? '00' : 'FF'} octet (not DER, X.690 8.3.2)`, w);
    } else if (n.tag === UNIVERSAL.BOOLEAN) {
      if (c.length !== 1 || (c[0] !== 0x00 && c[0] !== 0xff)) ctx.fail(DER_RULE, `BOOLEAN in signed attributes is ${Buffer.from(c).toString('hex') || 'empty'}, DER requires 00 or FF (X.690 11.1)`, w);
    }
  };
  walk(sa.node, '');
}

function checkTimeForm(ctx: CheckContext, st: Attribute): void {
  const t = st.values[0]!;
  if (t.cls !== 'universal' || t.constructed) return;
  const w = where(at(`${st.at.path}.value`, t));
  const c = content(ctx, t);
  const s = c.length > 64 ? '' : String.fromCharCode(...c);
  if (t.tag === UNIVERSAL.UTC_TIME) checkUtcForm(ctx, s, w);
  else if (t.tag === UNIVERSAL.GENERALIZED_TIME) checkGeneralizedForm(ctx, s, w);
}

function checkUtcForm(ctx: CheckContext, s: string, w: Where): void {
  // A four-digit year in a UTCTime: the encoder meant a GeneralizedTime, which 11.3 requires
  // outside 1950-2049 (inside it, the value is merely malformed, which the format rule reports).
  const four = /^(\d{4})\d{10}(?:\.\d+)?(?:Z|[+-]\d{4})?$/.exec(s);
  if (four) {
    const year = Number(four[1]);
    if (year < 1950 || year > 2049) ctx.fail('rfc5652/11.3/generalized-time-outside-1950-to-2049', `UTCTime "${s}" carries the four-digit year ${year}; years outside 1950-2049 must be GeneralizedTime`, w);
    return;
  }
  const offset = /^\d{10}(?:\d{2})?[+-]\d{4}$/.test(s);
  ctx.check('rfc5652/11.3/utc-time-zulu', !offset, offset ? `UTCTime "${s}" has a local offset; signing-time must be UTC with Z` : 'UTCTime signing-time in UTC (Z)', w);
  const m = /^\d{6}(\d{2})/.exec(s);
  if (m && m[1] === '24') ctx.fail('rfc5652/11.3/utc-time-midnight', `UTCTime "${s}" writes midnight as hour 24; it must be 000000 of the next day`, w);
}

function checkGeneralizedForm(ctx: CheckContext, s: string, w: Where): void {
  const m = /^(\d{4})\d{6}/.exec(s);
  if (!m) return;
  const year = Number(m[1]);
  const inUtcRange = year >= 1950 && year <= 2049;
  ctx.check('rfc5652/11.3/utc-time-1950-to-2049', !inUtcRange, inUtcRange ? `GeneralizedTime "${s}" used for ${year}; signing times in 1950-2049 must be UTCTime` : `GeneralizedTime for ${year}, outside the UTCTime range`, w);
  const zulu = s.endsWith('Z');
  ctx.check('rfc5652/11.3/generalized-time-zulu', zulu, zulu ? 'GeneralizedTime signing-time in UTC (Z)' : `GeneralizedTime "${s}" does not end in Z (local time or an offset); signing-time must be UTC`, w);
}

/**
 * Non-minimal lengths outside the signed attributes: BER, which CMS permits there; reported as a
 * warning so a receiver's choice to accept or reject is visible. Indefinite lengths and
 * constructed strings are the streaming BER forms CMS is designed for and are not reported.
 */
function checkBerOutsideSignedAttrs(ctx: CheckContext, v: SignedDataView): void {
  const signed = v.signerInfos.flatMap((si) => (si.signedAttrs ? [si.signedAttrs.at.node] : []));
  const inside = (offset: number) => signed.some((n) => offset >= n.offset && offset < n.end);
  const defects = readDer(ctx.bytes, { allowTrailing: true }).defects.filter((d) => d.code === 'non-minimal-length' && !inside(d.offset));
  const rule = ctx.resolve('rfc5652/3/content-info-outer-type');
  if (!rule) return;
  for (const d of defects) {
    ctx.findings.push({
      rule, level: ctx.levelOf(rule), status: 'warn', layer: 'encoding',
      message: `non-minimal length at offset ${d.offset} (${d.message}): BER, not DER; allowed outside signed attributes (RFC 5652 1), a receiver may accept or reject it`,
      path: 'contentInfo', offset: d.offset, length: d.length,
    });
  }
}
