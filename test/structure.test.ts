/**
 * Version numbers and DER form of every sample, checked independently of our encoder: versions are
 * read with asn1js (through test/helpers/asn1.ts) and compared with the rules of RFC 5652 (5.1,
 * 5.3, 6.1, 6.2.x, 7, 8, 9.1), RFC 5083 2.1 and RFC 3274 1.1; the DER rules of X.690 (definite,
 * minimal lengths; primitive strings; SET OF in ascending order of encodings) are checked by a
 * walk over the raw bytes written here. Nothing from generators/ is used.
 */
import { describe, expect, it } from 'vitest';
import { child, decode, hex, oidOf, type Node } from './helpers/asn1.ts';
import { loadValidManifest } from './helpers/corpus.ts';
import { cmsBytes } from './helpers/smime.ts';

const manifest = loadValidManifest();

const CT = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  envelopedData: '1.2.840.113549.1.7.3',
  digestedData: '1.2.840.113549.1.7.5',
  encryptedData: '1.2.840.113549.1.7.6',
  authData: '1.2.840.113549.1.9.16.1.2',
  authEnvelopedData: '1.2.840.113549.1.9.16.1.23',
  compressedData: '1.2.840.113549.1.9.16.1.9',
} as const;
const COUNTERSIGNATURE = '1.2.840.113549.1.9.6'; // RFC 5652 11.4

const UNIVERSAL = 1;
const CONTEXT = 3;

// ---------------------------------------------------------------------------------------------
// Versions (RFC 5652, RFC 5083, RFC 3274)

const is = (n: Node | undefined, cls: number, tag: number): boolean => !!n && n.cls === cls && n.tag === tag;

function version(n: Node): number {
  if (!is(n, UNIVERSAL, 2)) throw new Error(`version is not an INTEGER (class ${n.cls} tag ${n.tag})`);
  expect(n.value.length, 'a one-octet CMSVersion').toBe(1);
  return n.value[0]!;
}

interface Finding { path: string; expected: number; actual: number }

/** CertificateChoices (RFC 5652 10.2.2) and RevocationInfoChoice (10.2.1) kinds in a [0]/[1] set. */
function certKinds(certs: Node | undefined): { other: boolean; v1Attr: boolean; v2Attr: boolean } {
  const kinds = (certs?.children ?? []).map((c) => (c.cls === UNIVERSAL ? 'cert' : `[${c.tag}]`));
  return { other: kinds.includes('[3]'), v1Attr: kinds.includes('[1]'), v2Attr: kinds.includes('[2]') };
}
const otherCrls = (crls: Node | undefined): boolean => (crls?.children ?? []).some((c) => is(c, CONTEXT, 1));

function checkSignerInfo(si: Node, path: string, out: Finding[]): number {
  const v = version(child(si, 0));
  const sid = child(si, 1);
  // RFC 5652 5.3: issuerAndSerialNumber -> 1, subjectKeyIdentifier [0] -> 3.
  out.push({ path: `${path}.version`, expected: is(sid, UNIVERSAL, 16) ? 1 : is(sid, CONTEXT, 0) ? 3 : -1, actual: v });
  // Countersignatures (RFC 5652 11.4) are SignerInfos too.
  const unsigned = si.children.find((c, i) => i > 2 && is(c, CONTEXT, 1));
  for (const a of unsigned?.children ?? []) {
    if (oidOf(child(a, 0)) !== COUNTERSIGNATURE) continue;
    child(a, 1).children.forEach((cs, i) => checkSignerInfo(cs, `${path}.countersignature[${i}]`, out));
  }
  return v;
}

function checkSignedData(sd: Node, out: Finding[]): void {
  const f = sd.children;
  const eContentType = oidOf(child(child(sd, 2), 0));
  const certs = f.find((c, i) => i > 2 && is(c, CONTEXT, 0));
  const crls = f.find((c, i) => i > 2 && is(c, CONTEXT, 1));
  const signerInfos = f[f.length - 1]!;
  expect(is(signerInfos, UNIVERSAL, 17), 'signerInfos is the last field, a SET').toBe(true);
  const siVersions = signerInfos.children.map((si, i) => checkSignerInfo(si, `signerInfos[${i}]`, out));
  const k = certKinds(certs);
  // RFC 5652 5.1
  const expected = k.other || otherCrls(crls) ? 5
    : k.v2Attr ? 4
      : k.v1Attr || siVersions.includes(3) || eContentType !== CT.data ? 3
        : 1;
  out.push({ path: 'SignedData.version', expected, actual: version(child(sd, 0)) });
}

/** RecipientInfo versions (RFC 5652 6.2.1-6.2.5); returns each one's version, or 'ori'. */
function checkRecipientInfos(ris: Node, out: Finding[]): (number | 'pwri' | 'ori')[] {
  return ris.children.map((ri, i) => {
    const path = `recipientInfos[${i}]`;
    if (is(ri, UNIVERSAL, 16)) { // ktri
      const rid = child(ri, 1);
      const v = version(child(ri, 0));
      out.push({ path: `${path}(ktri).version`, expected: is(rid, UNIVERSAL, 16) ? 0 : is(rid, CONTEXT, 0) ? 2 : -1, actual: v });
      return v;
    }
    if (is(ri, CONTEXT, 1)) { const v = version(child(ri, 0)); out.push({ path: `${path}(kari).version`, expected: 3, actual: v }); return v; }
    if (is(ri, CONTEXT, 2)) { const v = version(child(ri, 0)); out.push({ path: `${path}(kekri).version`, expected: 4, actual: v }); return v; }
    if (is(ri, CONTEXT, 3)) { const v = version(child(ri, 0)); out.push({ path: `${path}(pwri).version`, expected: 0, actual: v }); return 'pwri'; }
    if (is(ri, CONTEXT, 4)) return 'ori';
    throw new Error(`${path}: unknown RecipientInfo choice class ${ri.cls} tag ${ri.tag}`);
  });
}

function originatorInfoKinds(oi: Node | undefined): { other: boolean; v2Attr: boolean } {
  if (!oi) return { other: false, v2Attr: false };
  const certs = oi.children.find((c) => is(c, CONTEXT, 0));
  const crls = oi.children.find((c) => is(c, CONTEXT, 1));
  const k = certKinds(certs);
  return { other: k.other || otherCrls(crls), v2Attr: k.v2Attr };
}

function checkEnvelopedData(ed: Node, out: Finding[]): void {
  let i = 1;
  const oi = is(ed.children[i], CONTEXT, 0) ? ed.children[i++] : undefined;
  const ris = child(ed, i++);
  expect(is(ris, UNIVERSAL, 17), 'recipientInfos is a SET').toBe(true);
  i++; // encryptedContentInfo
  const unprotected = is(ed.children[i], CONTEXT, 1);
  const riv = checkRecipientInfos(ris, out);
  const k = originatorInfoKinds(oi);
  // RFC 5652 6.1
  const expected = oi && k.other ? 4
    : (oi && k.v2Attr) || riv.includes('pwri') || riv.includes('ori') ? 3
      : !oi && !unprotected && riv.every((v) => v === 0) ? 0
        : 2;
  out.push({ path: 'EnvelopedData.version', expected, actual: version(child(ed, 0)) });
}

function checkAuthenticatedData(ad: Node, out: Finding[]): void {
  const oi = is(ad.children[1], CONTEXT, 0) ? ad.children[1] : undefined;
  checkRecipientInfos(child(ad, oi ? 2 : 1), out);
  const k = originatorInfoKinds(oi);
  // RFC 5652 9.1
  const expected = oi && k.other ? 3 : oi && k.v2Attr ? 1 : 0;
  out.push({ path: 'AuthenticatedData.version', expected, actual: version(child(ad, 0)) });
}

function checkAuthEnvelopedData(aed: Node, out: Finding[]): void {
  const oi = is(aed.children[1], CONTEXT, 0);
  checkRecipientInfos(child(aed, oi ? 2 : 1), out);
  out.push({ path: 'AuthEnvelopedData.version', expected: 0, actual: version(child(aed, 0)) }); // RFC 5083 2.1
}

/** Every version in the CMS object against the rules; returns the findings (expected vs actual). */
function versions(ci: Node): Finding[] {
  const out: Finding[] = [];
  const type = oidOf(child(ci, 0));
  if (type === CT.data) return out;
  const content = child(child(ci, 1), 0);
  switch (type) {
    case CT.signedData: checkSignedData(content, out); break;
    case CT.envelopedData: checkEnvelopedData(content, out); break;
    case CT.encryptedData: // RFC 5652 8
      out.push({ path: 'EncryptedData.version', expected: is(content.children[2], CONTEXT, 1) ? 2 : 0, actual: version(child(content, 0)) });
      break;
    case CT.digestedData: // RFC 5652 7
      out.push({ path: 'DigestedData.version', expected: oidOf(child(child(content, 2), 0)) === CT.data ? 0 : 2, actual: version(child(content, 0)) });
      break;
    case CT.authData: checkAuthenticatedData(content, out); break;
    case CT.authEnvelopedData: checkAuthEnvelopedData(content, out); break;
    case CT.compressedData: // RFC 3274 1.1
      out.push({ path: 'CompressedData.version', expected: 0, actual: version(child(content, 0)) });
      break;
    default: throw new Error(`unknown content type ${type}`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// DER (X.690 10 and 11), checked on the raw bytes

interface Tlv {
  readonly cls: number; // 0 universal, 1 application, 2 context, 3 private (the two top bits)
  readonly constructed: boolean;
  readonly tag: number;
  readonly start: number;
  readonly end: number; // one past the last octet (for indefinite: past the end-of-contents)
  readonly indefinite: boolean;
  readonly children: Tlv[];
}

interface Walk { indefinite: number; problems: string[] }

/** Universal string types that DER requires in primitive form (X.690 10.2): BIT/OCTET and the character strings. */
const STRING_TAGS = new Set([3, 4, 12, 18, 19, 20, 21, 22, 25, 26, 27, 28, 30]);

function parseTlv(b: Uint8Array, pos: number, limit: number, w: Walk, path: string): Tlv {
  const start = pos;
  if (pos >= limit) throw new Error(`${path}: truncated`);
  const id = b[pos++]!;
  const cls = id >> 6;
  const constructed = (id & 0x20) !== 0;
  let tag = id & 0x1f;
  if (tag === 0x1f) {
    tag = 0;
    if (b[pos] === 0x80) w.problems.push(`${path}@${start}: tag number with a leading 0x80 octet`);
    let more = true;
    while (more) {
      const t = b[pos++]!;
      tag = tag * 128 + (t & 0x7f);
      more = (t & 0x80) !== 0;
    }
    if (tag < 31) w.problems.push(`${path}@${start}: tag ${tag} in the high-tag-number form`);
  }
  const l0 = b[pos++]!;
  let len = -1;
  if (l0 === 0x80) {
    w.indefinite++;
    w.problems.push(`${path}@${start}: indefinite length`);
    if (!constructed) throw new Error(`${path}@${start}: indefinite length on a primitive`);
  } else if (l0 < 0x80) {
    len = l0;
  } else {
    const n = l0 & 0x7f;
    if (n === 0x7f) throw new Error(`${path}@${start}: reserved length octet 0xff`);
    len = 0;
    for (let k = 0; k < n; k++) len = len * 256 + b[pos + k]!;
    if (b[pos] === 0) w.problems.push(`${path}@${start}: length ${len} with a leading zero octet (${n} octets)`);
    else if (len < 0x80) w.problems.push(`${path}@${start}: length ${len} in the long form`);
    pos += n;
  }
  const children: Tlv[] = [];
  let end: number;
  if (len >= 0) {
    end = pos + len;
    if (end > limit) throw new Error(`${path}@${start}: length ${len} runs past its container`);
    if (constructed) {
      let p = pos;
      while (p < end) {
        const c = parseTlv(b, p, end, w, `${path}/${children.length}`);
        children.push(c);
        p = c.end;
      }
    }
  } else {
    let p = pos;
    for (;;) {
      if (p + 1 >= limit) throw new Error(`${path}@${start}: no end-of-contents`);
      if (b[p] === 0 && b[p + 1] === 0) { end = p + 2; break; }
      const c = parseTlv(b, p, limit, w, `${path}/${children.length}`);
      children.push(c);
      p = c.end;
    }
  }
  if (cls === 0 && constructed && STRING_TAGS.has(tag)) w.problems.push(`${path}@${start}: constructed string (universal ${tag})`);
  if (cls === 0 && !constructed && tag === 1 && (len !== 1 || (b[pos] !== 0 && b[pos] !== 0xff))) {
    w.problems.push(`${path}@${start}: BOOLEAN not 00 or FF`);
  }
  if (cls === 0 && !constructed && (tag === 2 || tag === 10) && len >= 2) {
    const [x, y] = [b[pos]!, b[pos + 1]!];
    if ((x === 0 && y < 0x80) || (x === 0xff && y >= 0x80)) w.problems.push(`${path}@${start}: INTEGER not in its shortest form`);
  }
  return { cls, constructed, tag, start, end, indefinite: len < 0, children };
}

/** X.690 11.6: SET OF components in ascending order, shorter ones padded at the end with zeros. */
function derLess(a: Uint8Array, b: Uint8Array): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x - y;
  }
  return 0;
}

/**
 * A SET whose components all have different tags is a SET (not SET OF) here, e.g. ESSSecurityLabel:
 * DER orders it by tag class and number (X.690 10.3, X.680 8.6), not by encoding. An Attribute's
 * attrValues is a SET OF whatever its values' tags (`setOf`): ordered by encoding.
 */
function unsortedAt(bytes: Uint8Array, set: Tlv, setOf = false): number {
  const key = (t: Tlv) => t.cls * 2 ** 31 + t.tag;
  if (!setOf && set.children.length > 1 && new Set(set.children.map(key)).size === set.children.length) {
    for (let i = 1; i < set.children.length; i++) if (key(set.children[i - 1]!) > key(set.children[i]!)) return i;
    return -1;
  }
  for (let i = 1; i < set.children.length; i++) {
    const p = set.children[i - 1]!;
    const c = set.children[i]!;
    if (derLess(bytes.subarray(p.start, p.end), bytes.subarray(c.start, c.end)) > 0) return i;
  }
  return -1;
}

const at = (t: Tlv, ...path: number[]): Tlv => {
  let n = t;
  for (const i of path) {
    const c = n.children[i];
    if (!c) throw new Error(`no child ${i}`);
    n = c;
  }
  return n;
};
const ctx = (t: Tlv | undefined, tag: number): t is Tlv => !!t && t.cls === 2 && t.tag === tag;

/**
 * The SET OF values of a CMS object, named: every universal SET in the tree (RDNs, attribute
 * values, digestAlgorithms, signerInfos, recipientInfos, ...), plus the IMPLICITly tagged SET OFs
 * of RFC 5652 / RFC 5083 (certificates, crls, signed/unsigned/auth/unauth/unprotected attributes).
 */
function setsOf(bytes: Uint8Array, root: Tlv): { name: string; set: Tlv; setOf?: boolean }[] {
  const out: { name: string; set: Tlv; setOf?: boolean }[] = [];
  // SEQUENCE { OBJECT IDENTIFIER, SET }: an Attribute, whose SET is attrValues, a SET OF.
  const isAttribute = (t: Tlv) => t.cls === 0 && t.tag === 16 && t.children.length === 2 && t.children[0]!.cls === 0 && t.children[0]!.tag === 6;
  const universal = (t: Tlv, path: string, attrValues = false): void => {
    if (t.cls === 0 && t.constructed && t.tag === 17) out.push({ name: `SET at ${path}@${t.start}`, set: t, setOf: attrValues });
    t.children.forEach((c, i) => universal(c, `${path}/${i}`, i === 1 && isAttribute(t)));
  };
  universal(root, 'ContentInfo');
  const oid = hex(bytes.subarray(at(root, 0).start, at(root, 0).end));
  const content = at(root, 1, 0);
  const attrSets = (t: Tlv | undefined, name: string): void => { if (t) out.push({ name, set: t }); };
  const originatorInfo = (oi: Tlv | undefined, name: string): void => {
    if (!oi) return;
    attrSets(oi.children.find((c) => ctx(c, 0)), `${name}.certs`);
    attrSets(oi.children.find((c) => ctx(c, 1)), `${name}.crls`);
  };
  const signerInfo = (si: Tlv, name: string): void => {
    attrSets(si.children.find((c, i) => i > 2 && ctx(c, 0)), `${name}.signedAttrs`);
    const unsigned = si.children.find((c, i) => i > 2 && ctx(c, 1));
    attrSets(unsigned, `${name}.unsignedAttrs`);
    // countersignature values are SignerInfos (their signedAttrs are [0] IMPLICIT too)
    for (const a of unsigned?.children ?? []) {
      const type = hex(bytes.subarray(at(a, 0).start, at(a, 0).end));
      if (type === '06092a864886f70d010906') at(a, 1).children.forEach((cs, i) => signerInfo(cs, `${name}.countersignature[${i}]`));
    }
  };
  const f = content.children;
  switch (oid) {
    case '06092a864886f70d010702': { // signedData
      attrSets(f.find((c, i) => i > 2 && ctx(c, 0)), 'SignedData.certificates');
      attrSets(f.find((c, i) => i > 2 && ctx(c, 1)), 'SignedData.crls');
      f[f.length - 1]!.children.forEach((si, i) => signerInfo(si, `signerInfos[${i}]`));
      break;
    }
    case '06092a864886f70d010703': // envelopedData
      originatorInfo(f.find((c) => ctx(c, 0)), 'EnvelopedData.originatorInfo');
      attrSets(f.find((c, i) => i > 2 && ctx(c, 1)), 'EnvelopedData.unprotectedAttrs');
      break;
    case '06092a864886f70d010706': // encryptedData
      attrSets(f.find((c) => ctx(c, 1)), 'EncryptedData.unprotectedAttrs');
      break;
    case '060b2a864886f70d0109100102': // authData
      originatorInfo(f.find((c) => ctx(c, 0)), 'AuthenticatedData.originatorInfo');
      attrSets(f.find((c) => ctx(c, 2)), 'AuthenticatedData.authAttrs');
      attrSets(f.find((c) => ctx(c, 3)), 'AuthenticatedData.unauthAttrs');
      break;
    case '060b2a864886f70d0109100117': // authEnvelopedData
      originatorInfo(f.find((c) => ctx(c, 0)), 'AuthEnvelopedData.originatorInfo');
      attrSets(f.find((c, i) => i > 2 && ctx(c, 1)), 'AuthEnvelopedData.authAttrs');
      attrSets(f.find((c, i) => i > 2 && ctx(c, 2)), 'AuthEnvelopedData.unauthAttrs');
      break;
    default: break; // data, digestedData, compressedData: universal SETs only
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// RFC 4134 samples reproduce the draft's bytes and may deviate from DER SET OF order; such an
// exception goes here, sample id -> { set name (as setsOf names it) -> reason }, one comment each.
// The test fails if a listed exception stops being needed, so the list cannot go stale.
// Currently empty: every RFC 4134 sample of format der (3.2, 4.1-4.4, 4.6, 4.7, 4.10, 4.11, 5.1,
// 5.2, 6.0, 7.1, 7.2), including the byte-for-byte ones, has all its SET OFs in DER order and
// passes the other DER checks, so their versions *and* DER form are checked like any other sample.

const RFC4134_SET_ORDER_EXCEPTIONS: Readonly<Record<string, Readonly<Record<string, string>>>> = {};

// ---------------------------------------------------------------------------------------------

describe('versions (RFC 5652 5.1, 5.3, 6.1, 6.2, 7, 8, 9.1; RFC 5083 2.1; RFC 3274 1.1)', () => {
  for (const s of manifest.samples) {
    it(`${s.id}${s.format === 'smime' ? ' (outer CMS of the .eml)' : ''}`, () => {
      const findings = versions(decode(cmsBytes(s)));
      for (const f of findings) expect(f.actual, f.path).toBe(f.expected);
      if (s.contentType !== 'data') expect(findings.length).toBeGreaterThan(0);
    });
  }
});

describe('SignedData digestAlgorithms contains each SignerInfo digestAlgorithm (RFC 5652 5.1)', () => {
  for (const s of manifest.samples.filter((x) => x.contentType === 'signedData')) {
    it(s.id, () => {
      const sd = child(child(decode(cmsBytes(s)), 1), 0);
      const digestAlgorithms = child(sd, 1);
      const signerInfos = sd.children[sd.children.length - 1]!;
      const listed = digestAlgorithms.children.map((a) => hex(a.raw));
      for (const si of signerInfos.children) {
        const alg = child(si, 2);
        expect(listed, `${oidOf(child(alg, 0))} listed in digestAlgorithms`).toContain(hex(alg.raw));
      }
    });
  }
});

describe('DER form of the samples of format der (X.690 10, 11)', () => {
  for (const s of manifest.samples.filter((x) => x.format === 'der')) {
    it(s.id, () => {
      const bytes = cmsBytes(s);
      const w: Walk = { indefinite: 0, problems: [] };
      const root = parseTlv(bytes, 0, bytes.length, w, 'ContentInfo');
      expect(root.end, 'one ContentInfo, nothing after it').toBe(bytes.length);
      expect(w.problems).toEqual([]);
      const exceptions = RFC4134_SET_ORDER_EXCEPTIONS[s.id] ?? {};
      const unsorted: string[] = [];
      for (const { name, set, setOf } of setsOf(bytes, root)) {
        const i = unsortedAt(bytes, set, setOf);
        if (i >= 0) unsorted.push(name);
      }
      const listed = Object.keys(exceptions);
      if (listed.length) expect(s.features, 'SET OF order exceptions are for RFC 4134 samples only').toContain('rfc4134');
      expect(unsorted.filter((n) => !listed.includes(n)), 'SET OF not in ascending order').toEqual([]);
      expect(listed.filter((n) => !unsorted.includes(n)), 'listed exception no longer needed').toEqual([]);
    });
  }
});

describe('BER samples use indefinite lengths', () => {
  for (const s of manifest.samples.filter((x) => x.format === 'ber')) {
    it(s.id, () => {
      const bytes = cmsBytes(s);
      const w: Walk = { indefinite: 0, problems: [] };
      const root = parseTlv(bytes, 0, bytes.length, w, 'ContentInfo');
      expect(root.end).toBe(bytes.length);
      expect(w.indefinite).toBeGreaterThan(0);
    });
  }
});

describe('the DER checks above catch what they look for', () => {
  const walk = (h: string): { w: Walk; root: Tlv; bytes: Uint8Array } => {
    const bytes = new Uint8Array(Buffer.from(h, 'hex'));
    const w: Walk = { indefinite: 0, problems: [] };
    return { w, root: parseTlv(bytes, 0, bytes.length, w, 'x'), bytes };
  };
  it('accepts a DER SET OF in ascending order', () => {
    const { w, root, bytes } = walk('3105' + '0400' + '040100');
    expect(w.problems).toEqual([]);
    expect(unsortedAt(bytes, root)).toBe(-1);
  });
  it('compares a shorter encoding as if padded with zero octets (X.690 11.6)', () => {
    expect(derLess(Uint8Array.of(1, 2), Uint8Array.of(1, 2, 0))).toBe(0);
    expect(derLess(Uint8Array.of(1, 2), Uint8Array.of(1, 2, 1))).toBeLessThan(0);
  });
  it('orders attrValues by encoding even when its values have different tags (a SET OF, X.690 11.6)', () => {
    // PrintableString 0x13 then SEQUENCE 0x30: ascending encodings, but not the tag order of a SET.
    const { root, bytes } = walk('3108' + '130161' + '3003020101');
    expect(unsortedAt(bytes, root, true)).toBe(-1);
    expect(unsortedAt(bytes, root)).toBe(1);
  });
  it('reports a SET OF out of order', () => {
    const { root, bytes } = walk('3106' + '020102' + '020101');
    expect(unsortedAt(bytes, root)).toBe(1);
  });
  it('reports indefinite, long-form and zero-padded lengths, constructed strings, bad BOOLEAN and INTEGER', () => {
    expect(walk('3080' + '020101' + '0000').w.indefinite).toBe(1);
    expect(walk('308103' + '020101').w.problems.join()).toMatch(/long form/);
    expect(walk('30820003' + '020101').w.problems.join()).toMatch(/leading zero/);
    expect(walk('2406' + '040161' + '040162').w.problems.join()).toMatch(/constructed string/);
    expect(walk('010101').w.problems.join()).toMatch(/BOOLEAN/);
    expect(walk('02020001').w.problems.join()).toMatch(/INTEGER/);
    expect(walk('0202ff80').w.problems.join()).toMatch(/INTEGER/);
  });
});
