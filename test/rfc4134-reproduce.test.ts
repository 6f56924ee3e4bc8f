/**
 * RFC 4134, reproduced (generators/cases/rfc4134.ts): the messages the RFC embeds are extracted
 * from spec/rfc/rfc4134.txt and compared with the generator's.
 *
 * - Deterministic messages (3.1, 3.2, 4.2, 4.5, 4.11, 6.0, 7.1, 7.2) must be byte-identical, in
 *   the builder's output and in the committed corpus.
 * - The others (DSA signatures, random CEKs/IVs/padding) are compared field by field with all
 *   randomness left out, using asn1js as an independent parser. Their signatures must verify with
 *   Node's crypto, and the SignedData ones must give the RFC's bytes exactly when rebuilt with the
 *   RFC's own signature values; 5.1 must give them when built with the RFC's CEK, IV and padding.
 * - The places where the RFC's prose contradicts its bytes are asserted on the RFC's bytes.
 */
import { constants, createDecipheriv, createHash, createPublicKey, privateDecrypt, verify } from 'node:crypto';
import * as asn1js from 'asn1js';
import { describe, expect, it } from 'vitest';
import { loadRfc4134 } from '../core/rfc4134.ts';
import { RFC4134_CASES } from '../generators/cases/rfc4134.ts';
import { extendCast, loadCast, type Identity } from '../generators/cast.ts';
import { buildSignedData } from '../generators/cms/signed-data.ts';
import { contentBytes } from '../generators/contents.ts';
import { rc2KeyUnwrap, rc2KeyWrap } from '../generators/crypto/keywrap.ts';
import { rc2CbcDecrypt } from '../generators/crypto/rc2.ts';
import { rsaPkcs1v15Decrypt } from '../generators/crypto/rsa.ts';
import { SeededRandom } from '../generators/random.ts';
import { loadRfc4134Cast } from '../generators/rfc4134-cast.ts';
import { CORPUS, loadManifest, readBytes } from './helpers/corpus.ts';

// ---------------------------------------------------------------- an independent TLV view (asn1js)

interface Tlv { readonly tag: number; readonly raw: Uint8Array; readonly content: Uint8Array; readonly children: readonly Tlv[] }

function toTlv(b: asn1js.AsnType): Tlv {
  const raw = b.valueBeforeDecodeView;
  const tag = [0, 0x00, 0x40, 0x80, 0xc0][b.idBlock.tagClass]! | (b.idBlock.isConstructed ? 0x20 : 0) | b.idBlock.tagNumber;
  const children = b.idBlock.isConstructed ? (b.valueBlock as unknown as { value: asn1js.AsnType[] }).value.map(toTlv) : [];
  // A BER constructed string's content is its segments' contents (X.690 8.7.3.2).
  const content = b.idBlock.isConstructed ? Buffer.concat(children.map((c) => c.content)) : raw.subarray(b.idBlock.blockLength + b.lenBlock.blockLength);
  return { tag, raw, content: new Uint8Array(content), children };
}

function parse(bytes: Uint8Array): Tlv {
  const r = asn1js.fromBER(Uint8Array.from(bytes));
  if (r.offset !== bytes.length || r.result.error) throw new Error(`asn1js: ${r.result.error || `${bytes.length - r.offset} trailing octets`}`);
  return toTlv(r.result);
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const kid = (t: Tlv | undefined, i: number): Tlv => t?.children[i] ?? (() => { throw new Error(`no child ${i}`); })();
const num = (t: Tlv): number => Number.parseInt(hex(t.content), 16);
function oidOf(t: Tlv): string {
  const arcs: number[] = [];
  let v = 0;
  for (const byte of t.content) {
    v = v * 128 + (byte & 0x7f);
    if (byte < 0x80) { arcs.push(v); v = 0; }
  }
  const first = arcs.shift() ?? 0;
  return [first < 80 ? Math.floor(first / 40) : 2, first < 80 ? first % 40 : first - 80, ...arcs].join('.');
}
const alg = (t: Tlv): AlgView => ({ oid: oidOf(kid(t, 0)), params: t.children[1] ? hex(t.children[1].raw) : 'absent' });
/** Tags and lengths only, INTEGERs kept: for parameters that carry an IV. */
const shape = (t: Tlv): unknown => (t.children.length ? { tag: t.tag, of: t.children.map(shape) } : t.tag === 0x02 ? `int ${hex(t.content)}` : `${t.tag}/${t.content.length}`);

const MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
const COUNTERSIGNATURE = '1.2.840.113549.1.9.6';

// ---------------------------------------------------------------- field-by-field descriptions, randomness left out

interface AlgView { readonly oid: string; readonly params: string }
interface AttrView { readonly type: string; readonly values: readonly (string | SignerInfoView)[] }
interface SignerInfoView {
  readonly version: number; readonly sid: string; readonly digestAlgorithm: AlgView; readonly signedAttrs: AttrView[] | null;
  readonly signatureAlgorithm: AlgView; readonly unsignedAttrs: AttrView[] | null;
}

function attrs(field: Tlv | undefined, inCountersignature: boolean): AttrView[] | null {
  return field?.children.map((a) => {
    const type = oidOf(kid(a, 0));
    const values = kid(a, 1).children.map((v): string | SignerInfoView => type === COUNTERSIGNATURE ? signerInfo(v, true)
      : type === MESSAGE_DIGEST && inCountersignature ? 'digest of the parent signature' : hex(v.raw));
    return { type, values };
  }) ?? null;
}

/** SignerInfo without its signature value. */
function signerInfo(si: Tlv, countersignature = false): SignerInfoView {
  const [version, sid, digest, ...rest] = si.children;
  const signed = rest[0]?.tag === 0xa0 ? rest.shift() : undefined;
  return {
    version: num(version!), sid: hex(sid!.raw), digestAlgorithm: alg(digest!), signedAttrs: attrs(signed, countersignature),
    signatureAlgorithm: alg(rest[0]!), unsignedAttrs: attrs(rest[2], countersignature),
  };
}

function describeSignedData(bytes: Uint8Array) {
  const ci = parse(bytes);
  const body = kid(kid(ci, 1), 0);
  const f = body.children;
  const tagged = (tag: number) => f.find((c) => c.tag === tag)?.children.map((c) => hex(c.raw)) ?? [];
  const encap = kid(body, 2);
  return {
    contentType: oidOf(kid(ci, 0)), version: num(kid(body, 0)), digestAlgorithms: kid(body, 1).children.map(alg),
    eContentType: oidOf(kid(encap, 0)), eContent: encap.children[1] ? hex(kid(encap.children[1], 0).content) : null,
    certificates: tagged(0xa0), crls: tagged(0xa1), signerInfos: f[f.length - 1]!.children.map((si) => signerInfo(si)),
  };
}

/** EnvelopedData: RecipientInfos with their identifiers and algorithms; key and content lengths only. */
function describeEnvelopedData(bytes: Uint8Array) {
  const ci = parse(bytes);
  const contentType = oidOf(kid(ci, 0));
  const body = kid(kid(ci, 1), 0);
  const f = body.children;
  const eci = f.find((c) => c.tag === 0x30 && c.children[0]?.tag === 0x06)!;
  return {
    contentType, version: num(kid(body, 0)),
    recipientInfos: f.find((c) => c.tag === 0x31)!.children.map((ri) => ({
      tag: ri.tag, version: num(kid(ri, 0)), id: hex(kid(ri, 1).raw), algorithm: alg(kid(ri, 2)), encryptedKeyLength: kid(ri, 3).content.length,
    })),
    contentEncryption: { contentType: oidOf(kid(eci, 0)), algorithm: oidOf(kid(kid(eci, 1), 0)), params: shape(kid(kid(eci, 1), 1)) },
    encryptedContent: `${kid(eci, 2).tag}/${kid(eci, 2).content.length}`,
  };
}

// ---------------------------------------------------------------- the RFC's files, our cases, the corpus

const rfc = loadRfc4134();
const rfcFile = (name: string): Uint8Array => {
  const b = rfc.get(name);
  if (!b) throw new Error(`RFC 4134 has no ${name}`);
  return b;
};
const rfcCast = loadRfc4134Cast();
const cast = extendCast(loadCast(), [rfcCast]);
const ctxFor = (id: string, rnd = new SeededRandom('1', 'corpus').fork(id)) => ({ cast, rnd, content: contentBytes });
const built = new Map(RFC4134_CASES.map((c) => [c.id, c.build(ctxFor(c.id)).bytes]));
const ours = (file: string): Uint8Array => built.get(RFC4134_CASES.find((c) => c.rfcFile === file)!.id)!;
const describeCms = (bytes: Uint8Array): unknown =>
  oidOf(kid(parse(bytes), 0)) === '1.2.840.113549.1.7.3' ? describeEnvelopedData(bytes) : describeSignedData(bytes);
const EX = contentBytes('ex-content');
const KEY_7 = Buffer.from('737C791F25EAD0E04629254352F7DC6291E5CB26917ADA32', 'hex'); // stated in RFC 4134 7.1
const tdesDecrypt = (key: Uint8Array, iv: Uint8Array, c: Uint8Array) => {
  const d = createDecipheriv('des-ede3-cbc', key, iv);
  return new Uint8Array(Buffer.concat([d.update(c), d.final()]));
};

/** Offset of the first differing octet, or -1: a readable failure for long messages. */
const firstDifference = (a: Uint8Array, b: Uint8Array): number =>
  Array.from({ length: Math.max(a.length, b.length) }, (_, i) => i).find((i) => a[i] !== b[i]) ?? -1;

/** Replays recorded random octets, per fork label, in the order the builders draw them. */
class Replay extends SeededRandom {
  constructor(private readonly streams: Record<string, Uint8Array[]>, private readonly label = '') { super('replay', label); }
  override fork(label: string): SeededRandom { return new Replay(this.streams, label); }
  override bytes(n: number): Uint8Array {
    const next = this.streams[this.label]?.shift();
    if (!next || next.length !== n) throw new Error(`replay: ${this.label} wants ${n} octets, have ${next?.length ?? 'none'}`);
    return next;
  }
  override nonZeroBytes(n: number): Uint8Array { return this.bytes(n); }
}

describe('RFC 4134 cast', () => {
  it('has the seven key pairs of RFC 4134 section 2, each private key matching its certificate', () => {
    expect(rfcCast.identities).toHaveLength(7);
    for (const id of rfcCast.identities) {
      const fromKey = parse(new Uint8Array(createPublicKey(id.key!).export({ format: 'der', type: 'spki' })));
      const fromCert = kid(kid(parse(id.certDer), 0), 6); // tbsCertificate.subjectPublicKeyInfo
      // DianeDSS's certificate has no DSA parameters: compare the public keys themselves.
      expect(hex(kid(fromKey, 1).raw), id.id).toBe(hex(kid(fromCert, 1).raw));
    }
  });

  it('writes every key, certificate and CRL under keys/rfc4134/ as the RFC has it, plus PEM', () => {
    const files = new Map(rfcCast.files.map((f) => [f.path, f.data]));
    expect(files.size).toBe(40);
    for (const [path, data] of files) {
      const name = path.replace('rfc4134/', '');
      if (typeof data !== 'string') expect(hex(data), name).toBe(hex(rfcFile(name)));
    }
    expect(files.get('rfc4134/BobPrivRSAEncrypt.pem')).toContain('-----BEGIN PRIVATE KEY-----');
  });
});

describe('RFC 4134 messages, byte for byte', () => {
  const manifest = loadManifest();
  for (const c of RFC4134_CASES.filter((x) => x.identical)) {
    it(`${c.id} equals ${c.rfcFile}, in the builder output and in corpus/`, () => {
      expect(firstDifference(built.get(c.id)!, rfcFile(c.rfcFile))).toBe(-1);
      const sample = manifest.samples.find((s) => s.id === c.id);
      expect(sample, 'regenerate corpus/').toBeDefined();
      expect(firstDifference(readBytes(CORPUS, sample!.file), rfcFile(c.rfcFile))).toBe(-1);
    });
  }

  it('covers 3.1, 3.2, 4.2, 4.5, 4.11, 6.0, 7.1 and 7.2', () => {
    expect(RFC4134_CASES.filter((c) => c.identical).map((c) => c.rfcFile).sort())
      .toEqual(['3.1.bin', '3.2.bin', '4.11.bin', '4.2.bin', '4.5.bin', '6.0.bin', '7.1.bin', '7.2.bin']);
  });
});

describe('RFC 4134 messages with randomness: the same structure, field by field', () => {
  for (const c of RFC4134_CASES.filter((x) => !x.identical)) {
    it(`${c.id} has the structure of ${c.rfcFile}`, () => {
      expect(describeCms(built.get(c.id)!)).toEqual(describeCms(rfcFile(c.rfcFile)));
    });
  }

  for (const c of RFC4134_CASES.filter((x) => x.signedSpec && !x.identical)) {
    it(`${c.id} rebuilt with the RFC's signature values is ${c.rfcFile} exactly`, () => {
      const theirs = rfcFile(c.rfcFile);
      const sd = kid(kid(parse(theirs), 1), 0);
      const sigBySid = new Map(sd.children[sd.children.length - 1]!.children.map((si) => [hex(kid(si, 1).raw), si.children.find((x, i) => i > 2 && x.tag === 0x04)!.content]));
      const ctx = ctxFor(c.id);
      const spec = c.signedSpec!(ctx);
      const sidOf = (i: Identity, ski: boolean) => (ski ? `8014${hex(i.ski)}` : hex(i.issuerAndSerial));
      const signers = spec.signers.map((s) => ({ ...s, signatureValue: sigBySid.get(sidOf(s.identity, s.sid === 'ski')) }));
      expect(signers.every((s) => s.signatureValue)).toBe(true);
      expect(firstDifference(buildSignedData({ ...spec, signers }, ctx.rnd), theirs)).toBe(-1);
    });
  }

  it('every signature and message digest in our SignedData samples verifies with Node (4.4 countersignature and 4.6 Diane included)', () => {
    const byId = new Map(rfcCast.identities.flatMap((i) => [[hex(i.issuerAndSerial), i], [`8014${hex(i.ski)}`, i]] as const));
    let checked = 0;
    const check = (si: Tlv, content: Uint8Array): void => {
      const signer = byId.get(hex(kid(si, 1).raw))!;
      const signed = si.children[3]?.tag === 0xa0 ? si.children[3] : undefined;
      const data = signed ? Uint8Array.from([0x31, ...signed.raw.subarray(1)]) : content;
      const digestAttr = signed?.children.find((a) => oidOf(kid(a, 0)) === MESSAGE_DIGEST);
      if (digestAttr) expect(hex(kid(kid(digestAttr, 1), 0).content)).toBe(createHash('sha1').update(content).digest('hex'));
      const rest = si.children.slice(signed ? 4 : 3);
      const [, signature, unsigned] = rest;
      expect(verify('sha1', data, createPublicKey(signer.key!), signature!.content), signer.id).toBe(true);
      checked++;
      for (const a of unsigned?.children ?? []) {
        if (oidOf(kid(a, 0)) === COUNTERSIGNATURE) for (const cs of kid(a, 1).children) check(cs, signature!.content);
      }
    };
    for (const c of RFC4134_CASES.filter((x) => x.signedSpec)) {
      const sd = kid(kid(parse(built.get(c.id)!), 1), 0);
      for (const si of sd.children[sd.children.length - 1]!.children) check(si, EX);
    }
    expect(checked).toBe(10); // 4.1, 4.2, 4.3, 4.4 + countersignature, 4.5, 4.6 x 2, 4.7, 4.10
  });
});

/** [KTRI encryptedKey, content IV, ciphertext] of an RFC 4134 EnvelopedData. */
function envelopedParts(bytes: Uint8Array) {
  const body = kid(kid(parse(bytes), 1), 0);
  const eci = body.children.find((c) => c.tag === 0x30 && c.children[0]?.tag === 0x06)!;
  const params = kid(kid(eci, 1), 1);
  const ris = body.children.find((c) => c.tag === 0x31)!.children;
  return { ktriKey: kid(ris[0], 3).content, iv: params.tag === 0x04 ? params.content : kid(params, 1).content, params, ciphertext: kid(eci, 2).content, ris };
}

describe('RFC 4134 EnvelopedData and EncryptedData', () => {
  const bob = cast.get('rfc4134-bob-rsa');

  it('5.1: ours decrypts to ExContent with Bob\'s key, and the RFC\'s CEK, IV and padding give the RFC\'s bytes', () => {
    const o = envelopedParts(ours('5.1.bin'));
    expect(tdesDecrypt(rsaPkcs1v15Decrypt(bob.key!, o.ktriKey), o.iv, o.ciphertext)).toEqual(EX);
    const t = envelopedParts(rfcFile('5.1.bin'));
    const em = new Uint8Array(privateDecrypt({ key: bob.key!, padding: constants.RSA_NO_PADDING }, t.ktriKey));
    const sep = em.indexOf(0, 2);
    const replay = new Replay({ cek: [em.slice(sep + 1), t.iv], 'recipient-0': [em.slice(2, sep)] });
    const c = RFC4134_CASES.find((x) => x.rfcFile === '5.1.bin')!;
    expect(firstDifference(c.build(ctxFor(c.id, replay)).bytes, rfcFile('5.1.bin'))).toBe(-1);
  });

  it('5.2: ours opens through both recipients with a 40-bit RC2 CEK, as the RFC\'s opens through its KTRI', () => {
    const o = envelopedParts(ours('5.2.bin'));
    const cek = rsaPkcs1v15Decrypt(bob.key!, o.ktriKey);
    expect(cek).toHaveLength(5);
    expect(rc2CbcDecrypt(cek, 40, o.iv, o.ciphertext)).toEqual(EX);
    expect(rc2KeyUnwrap(Buffer.from('MailListRC2 KEK.'), 128, kid(o.ris[1], 3).content)).toEqual(cek);
    const t = envelopedParts(rfcFile('5.2.bin'));
    expect(rc2CbcDecrypt(rsaPkcs1v15Decrypt(bob.key!, t.ktriKey), 40, t.iv, t.ciphertext)).toEqual(EX);
  });

  it('RC2 key wrap matches the RFC 3217 section 4 example (KEK with 40 effective bits)', () => {
    const h = (s: string) => new Uint8Array(Buffer.from(s, 'hex'));
    const kek = h('fd04fd08060707fb0003fefffd02fe05');
    const replay = new Replay({ '': [h('4845cce7fd1250'), h('c7d90059b29e97f7')] });
    const wrapped = rc2KeyWrap(kek, 40, h('b70a25fbc9d86a86050ce0d711ead4d9'), replay);
    expect(hex(wrapped)).toBe('70e699fb5701f7833330fb71e87c85a420bdc99af05d22af5a0e48d35f3138986cbaafb4b28d4f35');
    expect(hex(rc2KeyUnwrap(kek, 40, wrapped))).toBe('b70a25fbc9d86a86050ce0d711ead4d9');
  });
});

describe('RFC 4134: prose and dumps against the bytes (spec/rfc4134-notes.md 0.2)', () => {
  const d = (name: string) => describeSignedData(rfcFile(name));

  it('4.4 is countersigned by AliceRSA, not by Diane', () => {
    const cs = d('4.4.bin').signerInfos[0]!.unsignedAttrs!.find((a) => a.type === COUNTERSIGNATURE)!;
    expect((cs.values[0] as SignerInfoView).sid).toBe(hex(cast.get('rfc4134-alice-rsa').issuerAndSerial));
  });

  it('4.7 is 920 octets and uses dsaWithSHA1 (its dump: 919 octets, id-dsa)', () => {
    expect(rfcFile('4.7.bin')).toHaveLength(920);
    expect(d('4.7.bin').signerInfos[0]!.signatureAlgorithm.oid).toBe('1.2.840.10040.4.3');
  });

  it('4.10 signs ten attributes, none of them signingTime (its list: eight)', () => {
    const types = d('4.10.bin').signerInfos[0]!.signedAttrs!.map((a) => a.type);
    expect(types).toHaveLength(10);
    expect(types).not.toContain('1.2.840.113549.1.9.5');
  });

  it('4.11 carries a CRL besides Carl\'s and Alice\'s certificates', () => {
    expect(d('4.11.bin').crls).toEqual([hex(rfcFile('CarlDSSCRLForAll.crl'))]);
  });

  it('5.2 is RC2/40 (version 160, 5-octet CEK) in EnvelopedData v2 with a KEKRecipientInfo (prose: RC2/128, as 5.1)', () => {
    const t = envelopedParts(rfcFile('5.2.bin'));
    expect(num(kid(t.params, 0))).toBe(160);
    expect(rsaPkcs1v15Decrypt(cast.get('rfc4134-bob-rsa').key!, t.ktriKey)).toHaveLength(5);
    expect(describeEnvelopedData(rfcFile('5.2.bin')).version).toBe(2);
    expect(t.ris.map((r) => r.tag)).toEqual([0x30, 0xa2]);
  });

  it('7.2 states no key; the 7.1 key opens it', () => {
    const ed = kid(kid(parse(rfcFile('7.2.bin')), 1), 0);
    const eci = kid(ed, 1);
    expect(tdesDecrypt(KEY_7, kid(kid(eci, 1), 1).content, kid(eci, 2).content)).toEqual(EX);
  });
});
