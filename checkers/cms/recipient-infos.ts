/**
 * Views of the pieces EnvelopedData, AuthenticatedData and AuthEnvelopedData share (RFC 5652 6.1,
 * 6.2, 9.1; RFC 5083 2.1): OriginatorInfo, the RecipientInfo CHOICE (ktri, kari [1], kekri [2],
 * pwri [3], ori [4]), EncryptedContentInfo, EncapsulatedContentInfo, and the IMPLICIT-tagged
 * AlgorithmIdentifiers. The CMS ASN.1 module uses IMPLICIT TAGS, so kari [1] is the
 * KeyAgreeRecipientInfo SEQUENCE re-tagged, while its originator [0] and ukm [1] are EXPLICIT.
 * Structural problems are recorded and the broken RecipientInfo left out, so the others remain.
 */
import type { DerNode } from '../../core/der/reader.ts';
import { decodeBitString } from '../../core/der/values.ts';
import { where, type CheckContext, type Located } from '../context.ts';
import {
  algorithmIdentifier, at, attributes, content, expectUniversal, intValue, isContext, isUniversal, octetsValue, oidValue, UNIVERSAL,
  type AlgorithmIdentifier, type Attribute,
} from './fields.ts';

export interface AttributeSetView {
  readonly at: Located;
  readonly attrs: readonly Attribute[];
}

export interface OriginatorInfoView {
  readonly at: Located;
  /** CertificateChoices: universal SEQUENCE (certificate) or context [0]..[3]. */
  readonly certs: readonly DerNode[];
  readonly certsAt: Located | null;
  /** RevocationInfoChoices: universal SEQUENCE (CRL) or context [1] (other). */
  readonly crls: readonly DerNode[];
}

export interface IdChoice<K extends string> {
  readonly kind: K;
  readonly at: Located;
}

export interface KtriView {
  readonly kind: 'ktri';
  readonly at: Located;
  readonly version: number | null;
  readonly versionAt: Located;
  readonly rid: IdChoice<'issuerAndSerial' | 'ski'>;
  readonly keyEncryptionAlgorithm: AlgorithmIdentifier;
  readonly encryptedKey: Uint8Array;
  readonly encryptedKeyAt: Located;
}

export interface OriginatorPublicKeyView {
  readonly algorithm: AlgorithmIdentifier;
  /** The BIT STRING bytes (after the unused-bits octet). */
  readonly publicKey: Uint8Array;
  readonly publicKeyAt: Located;
}

export interface RecipientEncryptedKeyView {
  readonly at: Located;
  readonly rid: IdChoice<'issuerAndSerial' | 'rKeyId'>;
  /** rKeyId: the subjectKeyIdentifier, and the OtherKeyAttribute node when present. */
  readonly ski: Uint8Array | null;
  readonly other: Located | null;
  readonly encryptedKey: Uint8Array;
  readonly encryptedKeyAt: Located;
}

export interface KariView {
  readonly kind: 'kari';
  readonly at: Located;
  readonly version: number | null;
  readonly versionAt: Located;
  readonly originator: IdChoice<'issuerAndSerial' | 'ski' | 'originatorKey'>;
  readonly originatorKey: OriginatorPublicKeyView | null;
  readonly ukm: Uint8Array | null;
  readonly ukmAt: Located | null;
  readonly keyEncryptionAlgorithm: AlgorithmIdentifier;
  readonly recipientEncryptedKeys: readonly RecipientEncryptedKeyView[];
}

export interface KekriView {
  readonly kind: 'kekri';
  readonly at: Located;
  readonly version: number | null;
  readonly versionAt: Located;
  readonly keyIdentifier: Uint8Array;
  readonly kekidAt: Located;
  readonly other: Located | null;
  readonly keyEncryptionAlgorithm: AlgorithmIdentifier;
  readonly encryptedKey: Uint8Array;
  readonly encryptedKeyAt: Located;
}

export interface PwriView {
  readonly kind: 'pwri';
  readonly at: Located;
  readonly version: number | null;
  readonly versionAt: Located;
  readonly keyDerivationAlgorithm: AlgorithmIdentifier | null;
  readonly keyEncryptionAlgorithm: AlgorithmIdentifier;
  readonly encryptedKey: Uint8Array;
  readonly encryptedKeyAt: Located;
}

export interface OriView {
  readonly kind: 'ori';
  readonly at: Located;
  readonly oriType: string;
}

export type RecipientInfoView = KtriView | KariView | KekriView | PwriView | OriView;

export interface EncryptedContentInfoView {
  readonly at: Located;
  readonly contentType: string;
  readonly contentTypeAt: Located;
  readonly contentEncryptionAlgorithm: AlgorithmIdentifier;
  /** null when encryptedContent is absent (supplied by other means, RFC 5652 6.1). */
  readonly encryptedContent: Uint8Array | null;
  readonly encryptedContentAt: Located | null;
}

export interface EncapsulatedContentInfoView {
  readonly at: Located;
  readonly eContentType: string;
  readonly eContentTypeAt: Located;
  readonly eContent: Uint8Array | null;
  readonly eContentAt: Located | null;
}

/** An AlgorithmIdentifier under an IMPLICIT context tag: the SEQUENCE's fields under [n]. */
export function implicitAlgorithmIdentifier(ctx: CheckContext, l: Located, what: string): AlgorithmIdentifier | null {
  if (!l.node.constructed) return ctx.structure(`${what}: expected a constructed [${l.node.tag}] AlgorithmIdentifier`, where(l));
  const [o, params, extra] = l.node.children;
  if (!o) return ctx.structure(`${what}: empty AlgorithmIdentifier`, where(l));
  if (extra) return ctx.structure(`${what}: AlgorithmIdentifier has more than two fields`, where(l));
  const id = oidValue(ctx, at(`${l.path}.algorithm`, o), `${what} algorithm`);
  return id === null ? null : { oid: id, params: params ?? null, at: l };
}

/** A SET OF Attribute under an IMPLICIT tag (authAttrs, unprotectedAttrs ...). */
export function attributeSet(ctx: CheckContext, l: Located, what: string): AttributeSetView {
  if (l.node.children.length === 0) ctx.structure(`${what} is empty: SET SIZE (1..MAX) OF Attribute`, where(l));
  return { at: l, attrs: attributes(ctx, l, what) };
}

export function originatorInfo(ctx: CheckContext, l: Located): OriginatorInfoView | null {
  if (!l.node.constructed) return ctx.structure('originatorInfo is not a constructed [0] OriginatorInfo', where(l));
  let certs: DerNode[] = [];
  let certsAt: Located | null = null;
  let crls: DerNode[] = [];
  const f = l.node.children;
  let i = 0;
  if (f[i] && isContext(f[i], 0) && f[i]!.constructed) {
    certsAt = at(`${l.path}.certs`, f[i]!);
    certs = [...f[i]!.children];
    i++;
  }
  if (f[i] && isContext(f[i], 1) && f[i]!.constructed) {
    crls = [...f[i]!.children];
    i++;
  }
  if (f[i]) ctx.structure('OriginatorInfo has fields other than [0] certs and [1] crls', where(at(l.path, f[i]!)));
  return { at: l, certs, certsAt, crls };
}

function idChoice<K extends string>(kind: K, path: string, node: DerNode): IdChoice<K> {
  return { kind, at: at(path, node) };
}

function encryptedKeyOf(ctx: CheckContext, path: string, node: DerNode | undefined, owner: Located): { encryptedKey: Uint8Array; encryptedKeyAt: Located } | null {
  if (!node) return ctx.structure('RecipientInfo ends before encryptedKey', where(owner));
  const encryptedKeyAt = at(`${path}.encryptedKey`, node);
  const encryptedKey = octetsValue(ctx, encryptedKeyAt, 'encryptedKey');
  return encryptedKey ? { encryptedKey, encryptedKeyAt } : null;
}

function ktri(ctx: CheckContext, l: Located): KtriView | null {
  const p = `${l.path}.ktri`;
  const [v, r, a, k, extra] = l.node.children;
  if (!v || !r || !a) return ctx.structure('KeyTransRecipientInfo has fewer than version, rid, keyEncryptionAlgorithm, encryptedKey', where(l));
  const versionAt = at(`${p}.version`, v);
  const version = intValue(ctx, versionAt, 'KeyTransRecipientInfo version');
  let rid: IdChoice<'issuerAndSerial' | 'ski'>;
  if (isUniversal(r, UNIVERSAL.SEQUENCE)) rid = idChoice('issuerAndSerial', `${p}.rid`, r);
  else if (isContext(r, 0) && !r.constructed) rid = idChoice('ski', `${p}.rid`, r);
  else return ctx.structure('rid is neither IssuerAndSerialNumber nor [0] SubjectKeyIdentifier', where(at(`${p}.rid`, r)));
  const keyEncryptionAlgorithm = algorithmIdentifier(ctx, at(`${p}.keyEncryptionAlgorithm`, a), 'keyEncryptionAlgorithm');
  if (!keyEncryptionAlgorithm) return null;
  const ek = encryptedKeyOf(ctx, p, k, l);
  if (!ek) return null;
  if (extra) ctx.structure('KeyTransRecipientInfo has fields after encryptedKey', where(at(p, extra)));
  return { kind: 'ktri', at: at(p, l.node), version, versionAt, rid, keyEncryptionAlgorithm, ...ek };
}

function originatorPublicKey(ctx: CheckContext, l: Located): OriginatorPublicKeyView | null {
  const [a, k, extra] = l.node.children;
  if (!a || !k || extra) return ctx.structure('OriginatorPublicKey is not SEQUENCE { algorithm, publicKey }', where(l));
  const algorithm = algorithmIdentifier(ctx, at(`${l.path}.algorithm`, a), 'originatorKey algorithm');
  if (!algorithm) return null;
  const publicKeyAt = at(`${l.path}.publicKey`, k);
  if (!expectUniversal(ctx, publicKeyAt, UNIVERSAL.BIT_STRING, 'originatorKey publicKey')) return null;
  const bits = decodeBitString(content(ctx, k));
  if (!bits.ok) return ctx.structure(`originatorKey publicKey: ${bits.error}`, where(publicKeyAt));
  if (bits.value.unused !== 0) return ctx.structure('originatorKey publicKey BIT STRING has unused bits; a key is whole octets', where(publicKeyAt));
  return { algorithm, publicKey: bits.value.bytes, publicKeyAt };
}

function recipientEncryptedKey(ctx: CheckContext, l: Located): RecipientEncryptedKeyView | null {
  if (!expectUniversal(ctx, l, UNIVERSAL.SEQUENCE, 'RecipientEncryptedKey')) return null;
  const [r, k, extra] = l.node.children;
  if (!r || !k) return ctx.structure('RecipientEncryptedKey is not SEQUENCE { rid, encryptedKey }', where(l));
  if (extra) ctx.structure('RecipientEncryptedKey has fields after encryptedKey', where(at(l.path, extra)));
  let rid: IdChoice<'issuerAndSerial' | 'rKeyId'>;
  let ski: Uint8Array | null = null;
  let other: Located | null = null;
  if (isUniversal(r, UNIVERSAL.SEQUENCE)) {
    rid = idChoice('issuerAndSerial', `${l.path}.rid`, r);
  } else if (isContext(r, 0) && r.constructed) {
    rid = idChoice('rKeyId', `${l.path}.rid`, r);
    const [s, ...rest] = r.children;
    if (!s) return ctx.structure('RecipientKeyIdentifier has no subjectKeyIdentifier', where(rid.at));
    ski = octetsValue(ctx, at(`${l.path}.rid.subjectKeyIdentifier`, s), 'subjectKeyIdentifier');
    if (!ski) return null;
    for (const x of rest) {
      if (isUniversal(x, UNIVERSAL.GENERALIZED_TIME)) continue;
      if (isUniversal(x, UNIVERSAL.SEQUENCE)) other = at(`${l.path}.rid.other`, x);
      else return ctx.structure('RecipientKeyIdentifier field is neither date GeneralizedTime nor other OtherKeyAttribute', where(at(`${l.path}.rid`, x)));
    }
  } else {
    return ctx.structure('rid is neither IssuerAndSerialNumber nor [0] RecipientKeyIdentifier', where(at(`${l.path}.rid`, r)));
  }
  const encryptedKeyAt = at(`${l.path}.encryptedKey`, k);
  const encryptedKey = octetsValue(ctx, encryptedKeyAt, 'encryptedKey');
  return encryptedKey ? { at: l, rid, ski, other, encryptedKey, encryptedKeyAt } : null;
}

function kari(ctx: CheckContext, l: Located): KariView | null {
  const p = `${l.path}.kari`;
  const f = l.node.children;
  const [v, o] = f;
  if (!v || !o) return ctx.structure('KeyAgreeRecipientInfo has fewer than version, originator, keyEncryptionAlgorithm, recipientEncryptedKeys', where(l));
  const versionAt = at(`${p}.version`, v);
  const version = intValue(ctx, versionAt, 'KeyAgreeRecipientInfo version');
  const originatorAt = at(`${p}.originator`, o);
  if (!isContext(o, 0) || !o.constructed || o.children.length !== 1) return ctx.structure('originator is not [0] EXPLICIT OriginatorIdentifierOrKey', where(originatorAt));
  const choice = o.children[0]!;
  let originator: IdChoice<'issuerAndSerial' | 'ski' | 'originatorKey'>;
  let originatorKey: OriginatorPublicKeyView | null = null;
  if (isUniversal(choice, UNIVERSAL.SEQUENCE)) originator = idChoice('issuerAndSerial', `${p}.originator`, choice);
  else if (isContext(choice, 0) && !choice.constructed) originator = idChoice('ski', `${p}.originator`, choice);
  else if (isContext(choice, 1) && choice.constructed) {
    originator = idChoice('originatorKey', `${p}.originator.originatorKey`, choice);
    originatorKey = originatorPublicKey(ctx, originator.at);
    if (!originatorKey) return null;
  } else return ctx.structure('originator is none of issuerAndSerialNumber, [0] subjectKeyIdentifier, [1] originatorKey', where(originatorAt));
  let i = 2;
  let ukm: Uint8Array | null = null;
  let ukmAt: Located | null = null;
  const maybeUkm: DerNode | undefined = f[i];
  if (maybeUkm && isContext(maybeUkm, 1)) {
    if (!maybeUkm.constructed || maybeUkm.children.length !== 1) return ctx.structure('ukm is not [1] EXPLICIT OCTET STRING', where(at(`${p}.ukm`, maybeUkm)));
    ukmAt = at(`${p}.ukm`, maybeUkm.children[0]!);
    ukm = octetsValue(ctx, ukmAt, 'ukm');
    if (!ukm) return null;
    i++;
  }
  const a = f[i++];
  const r = f[i++];
  if (!a || !r) return ctx.structure('KeyAgreeRecipientInfo ends before keyEncryptionAlgorithm or recipientEncryptedKeys', where(l));
  const keyEncryptionAlgorithm = algorithmIdentifier(ctx, at(`${p}.keyEncryptionAlgorithm`, a), 'keyEncryptionAlgorithm');
  if (!keyEncryptionAlgorithm) return null;
  const rekAt = at(`${p}.recipientEncryptedKeys`, r);
  if (!expectUniversal(ctx, rekAt, UNIVERSAL.SEQUENCE, 'recipientEncryptedKeys')) return null;
  if (f[i]) ctx.structure('KeyAgreeRecipientInfo has fields after recipientEncryptedKeys', where(at(p, f[i]!)));
  const recipientEncryptedKeys = r.children.map((c, k) => recipientEncryptedKey(ctx, at(`${rekAt.path}[${k}]`, c)))
    .filter((x): x is RecipientEncryptedKeyView => x !== null);
  return { kind: 'kari', at: at(p, l.node), version, versionAt, originator, originatorKey, ukm, ukmAt, keyEncryptionAlgorithm, recipientEncryptedKeys };
}

function kekri(ctx: CheckContext, l: Located): KekriView | null {
  const p = `${l.path}.kekri`;
  const [v, id, a, k, extra] = l.node.children;
  if (!v || !id || !a) return ctx.structure('KEKRecipientInfo has fewer than version, kekid, keyEncryptionAlgorithm, encryptedKey', where(l));
  const versionAt = at(`${p}.version`, v);
  const version = intValue(ctx, versionAt, 'KEKRecipientInfo version');
  const kekidAt = at(`${p}.kekid`, id);
  if (!expectUniversal(ctx, kekidAt, UNIVERSAL.SEQUENCE, 'KEKIdentifier')) return null;
  const [kid, ...rest] = id.children;
  if (!kid) return ctx.structure('KEKIdentifier has no keyIdentifier', where(kekidAt));
  const keyIdentifier = octetsValue(ctx, at(`${p}.kekid.keyIdentifier`, kid), 'keyIdentifier');
  if (!keyIdentifier) return null;
  let other: Located | null = null;
  for (const x of rest) {
    if (isUniversal(x, UNIVERSAL.GENERALIZED_TIME)) continue;
    if (isUniversal(x, UNIVERSAL.SEQUENCE)) other = at(`${p}.kekid.other`, x);
    else return ctx.structure('KEKIdentifier field is neither date GeneralizedTime nor other OtherKeyAttribute', where(at(`${p}.kekid`, x)));
  }
  const keyEncryptionAlgorithm = algorithmIdentifier(ctx, at(`${p}.keyEncryptionAlgorithm`, a), 'keyEncryptionAlgorithm');
  if (!keyEncryptionAlgorithm) return null;
  const ek = encryptedKeyOf(ctx, p, k, l);
  if (!ek) return null;
  if (extra) ctx.structure('KEKRecipientInfo has fields after encryptedKey', where(at(p, extra)));
  return { kind: 'kekri', at: at(p, l.node), version, versionAt, keyIdentifier, kekidAt, other, keyEncryptionAlgorithm, ...ek };
}

function pwri(ctx: CheckContext, l: Located): PwriView | null {
  const p = `${l.path}.pwri`;
  const f = l.node.children;
  const v = f[0];
  if (!v) return ctx.structure('PasswordRecipientInfo is empty', where(l));
  const versionAt = at(`${p}.version`, v);
  const version = intValue(ctx, versionAt, 'PasswordRecipientInfo version');
  let i = 1;
  let keyDerivationAlgorithm: AlgorithmIdentifier | null = null;
  if (f[i] && isContext(f[i], 0)) {
    keyDerivationAlgorithm = implicitAlgorithmIdentifier(ctx, at(`${p}.keyDerivationAlgorithm`, f[i]!), 'keyDerivationAlgorithm');
    if (!keyDerivationAlgorithm) return null;
    i++;
  }
  const a = f[i++];
  if (!a) return ctx.structure('PasswordRecipientInfo ends before keyEncryptionAlgorithm', where(l));
  const keyEncryptionAlgorithm = algorithmIdentifier(ctx, at(`${p}.keyEncryptionAlgorithm`, a), 'keyEncryptionAlgorithm');
  if (!keyEncryptionAlgorithm) return null;
  const ek = encryptedKeyOf(ctx, p, f[i++], l);
  if (!ek) return null;
  if (f[i]) ctx.structure('PasswordRecipientInfo has fields after encryptedKey', where(at(p, f[i]!)));
  return { kind: 'pwri', at: at(p, l.node), version, versionAt, keyDerivationAlgorithm, keyEncryptionAlgorithm, ...ek };
}

function ori(ctx: CheckContext, l: Located): OriView | null {
  const p = `${l.path}.ori`;
  const [t, value, extra] = l.node.children;
  if (!t || !value || extra) return ctx.structure('OtherRecipientInfo is not SEQUENCE { oriType, oriValue }', where(l));
  const oriType = oidValue(ctx, at(`${p}.oriType`, t), 'oriType');
  return oriType === null ? null : { kind: 'ori', at: at(p, l.node), oriType };
}

/** One RecipientInfo, dispatched on its CHOICE tag; paths name the alternative (…[0].kari.…). */
export function recipientInfo(ctx: CheckContext, l: Located): RecipientInfoView | null {
  const n = l.node;
  if (isUniversal(n, UNIVERSAL.SEQUENCE)) return ktri(ctx, l);
  if (n.cls === 'context' && n.constructed) {
    switch (n.tag) {
      case 1: return kari(ctx, l);
      case 2: return kekri(ctx, l);
      case 3: return pwri(ctx, l);
      case 4: return ori(ctx, l);
    }
  }
  return ctx.structure(`RecipientInfo is none of ktri, [1] kari, [2] kekri, [3] pwri, [4] ori (found ${n.cls} [${n.tag}])`, where(l));
}

export interface RecipientInfosView {
  readonly at: Located;
  /** How many RecipientInfo elements the SET holds, broken ones included. */
  readonly count: number;
  readonly infos: readonly RecipientInfoView[];
}

export function recipientInfos(ctx: CheckContext, l: Located): RecipientInfosView | null {
  if (!expectUniversal(ctx, l, UNIVERSAL.SET, 'recipientInfos')) return null;
  const infos = l.node.children.map((c, i) => recipientInfo(ctx, at(`${l.path}[${i}]`, c)))
    .filter((r): r is RecipientInfoView => r !== null);
  return { at: l, count: l.node.children.length, infos };
}

export function encryptedContentInfo(ctx: CheckContext, l: Located): EncryptedContentInfoView | null {
  if (!expectUniversal(ctx, l, UNIVERSAL.SEQUENCE, 'EncryptedContentInfo')) return null;
  const [t, a, c, extra] = l.node.children;
  if (!t || !a) return ctx.structure('EncryptedContentInfo has fewer than contentType, contentEncryptionAlgorithm', where(l));
  const contentTypeAt = at(`${l.path}.contentType`, t);
  const contentType = oidValue(ctx, contentTypeAt, 'contentType');
  if (contentType === null) return null;
  const contentEncryptionAlgorithm = algorithmIdentifier(ctx, at(`${l.path}.contentEncryptionAlgorithm`, a), 'contentEncryptionAlgorithm');
  if (!contentEncryptionAlgorithm) return null;
  let encryptedContent: Uint8Array | null = null;
  let encryptedContentAt: Located | null = null;
  if (c) {
    encryptedContentAt = at(`${l.path}.encryptedContent`, c);
    if (!isContext(c, 0)) return ctx.structure('encryptedContent is not [0] IMPLICIT OCTET STRING', where(encryptedContentAt));
    // [0] IMPLICIT OCTET STRING: primitive, or BER constructed with OCTET STRING segments.
    if (c.constructed && c.children.some((s) => !isUniversal(s, UNIVERSAL.OCTET_STRING))) {
      return ctx.structure('constructed encryptedContent holds something other than OCTET STRING segments', where(encryptedContentAt));
    }
    encryptedContent = c.constructed ? joinSegments(ctx, c) : content(ctx, c);
  }
  if (extra) ctx.structure('EncryptedContentInfo has fields after encryptedContent', where(at(l.path, extra)));
  return { at: l, contentType, contentTypeAt, contentEncryptionAlgorithm, encryptedContent, encryptedContentAt };
}

function joinSegments(ctx: CheckContext, n: DerNode): Uint8Array {
  const parts: Uint8Array[] = [];
  const walk = (x: DerNode): void => {
    if (x.constructed) x.children.forEach(walk);
    else parts.push(content(ctx, x));
  };
  walk(n);
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export function encapsulatedContentInfo(ctx: CheckContext, l: Located): EncapsulatedContentInfoView | null {
  if (!expectUniversal(ctx, l, UNIVERSAL.SEQUENCE, 'EncapsulatedContentInfo')) return null;
  const [t, c, extra] = l.node.children;
  if (!t) return ctx.structure('EncapsulatedContentInfo has no eContentType', where(l));
  const eContentTypeAt = at(`${l.path}.eContentType`, t);
  const eContentType = oidValue(ctx, eContentTypeAt, 'eContentType');
  if (eContentType === null) return null;
  let eContent: Uint8Array | null = null;
  let eContentAt: Located | null = null;
  if (c) {
    if (!isContext(c, 0) || !c.constructed || c.children.length !== 1) {
      return ctx.structure('eContent is not [0] EXPLICIT OCTET STRING', where(at(`${l.path}.eContent`, c)));
    }
    eContentAt = at(`${l.path}.eContent`, c.children[0]!);
    eContent = octetsValue(ctx, eContentAt, 'eContent');
    if (eContent === null) return null;
  }
  if (extra) ctx.structure('EncapsulatedContentInfo has fields after eContent', where(at(l.path, extra)));
  return { at: l, eContentType, eContentTypeAt, eContent, eContentAt };
}
