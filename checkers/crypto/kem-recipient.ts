/**
 * KEMRecipientInfo (RFC 9629 3), the OtherRecipientInfo of oriType id-ori-kem: its static rules
 * (version 0, kekLength consistent with the wrap algorithm) and, with the recipient's ML-KEM
 * private key, the content-encryption key: decapsulate kemct (RFC 9936), derive the KEK with HKDF
 * over the DER of CMSORIforKEMOtherInfo { wrap, kekLength, ukm } (RFC 9629 5; salt empty, RFC
 * 9936 2.2.1), unwrap encryptedKey. Malformed fields are structure failures; an algorithm this
 * checker lacks is unchecked.
 */
import { canonicalEncoding } from '../../core/der/canonical.ts';
import { createHash } from 'node:crypto';
import { contentOf, encodingOf, type DerNode } from '../../core/der/reader.ts';
import { decodeOid, decodeSmallInt } from '../../core/der/values.ts';
import { OID } from '../../core/oids.ts';
import { where, type CheckContext, type Located } from '../context.ts';
import { at } from '../cms/fields.ts';
import { KEY_WRAPS } from '../cms/algorithms.ts';
import type { AlgorithmIdentifier } from '../cms/fields.ts';
import { bytesEqual, type CertInfo } from './certificates.ts';
import { unwrapKey } from './ciphers.ts';
import { isMlKemOid, mlKemCiphertextLength, mlKemDecapsulate, pqName, spkiParts } from './pq.ts';
import { hkdfKek, KEY_USAGE, keyUsage, type RecipientKey } from './recipient-keys.ts';

const HKDF: Readonly<Record<string, string>> = { [OID.hkdfWithSha256]: 'sha256', [OID.hkdfWithSha384]: 'sha384', [OID.hkdfWithSha512]: 'sha512' };
/** ANSI X9.44 id-kdf-kdf2 / id-kdf-kdf3 (x9-44-components 1, 2), parameters the hash AlgorithmIdentifier (RFC 5990 B.2): Bouncy Castle's default KEMRecipientInfo KDF. */
const KDF2 = '1.3.133.16.840.9.44.1.1';
const KDF3 = '1.3.133.16.840.9.44.1.2';
const KDF_HASHES: Readonly<Record<string, string>> = { [OID.sha256]: 'sha256', [OID.sha384]: 'sha384', [OID.sha512]: 'sha512' };

function x944Hash(ctx: CheckContext, kdf: AlgorithmIdentifier): string | null {
  if (kdf.oid !== KDF2 && kdf.oid !== KDF3) return null;
  const id = kdf.params?.children[0];
  if (!kdf.params || kdf.params.tag !== 16 || !id || id.tag !== 6) return null;
  const d = decodeOid(contentOf(ctx.bytes, id));
  return d.ok ? KDF_HASHES[d.value] ?? null : null;
}

/** X9.44 KDF2: T = H(Z || counter || info) ...; KDF3: H(counter || Z || info) ...; 32-bit big-endian counter from 1. */
function x944Kdf(variant: 2 | 3, hash: string, z: Uint8Array, info: Uint8Array, length: number): Uint8Array {
  const out = Buffer.alloc(length);
  for (let counter = 1, o = 0; o < length; counter++) {
    const c = Buffer.alloc(4);
    c.writeUInt32BE(counter);
    const h = createHash(hash);
    if (variant === 2) h.update(z).update(c); else h.update(c).update(z);
    const block = h.update(info).digest();
    block.copy(out, o, 0, Math.min(block.length, length - o));
    o += block.length;
  }
  return new Uint8Array(out);
}

export interface KemriView {
  readonly at: Located;
  readonly version: number | null;
  readonly rid: { readonly kind: 'issuerAndSerial' | 'ski'; readonly bytes: Uint8Array; readonly at: Located };
  readonly kem: AlgorithmIdentifier;
  readonly kemct: Uint8Array;
  readonly kemctAt: Located;
  readonly kdf: AlgorithmIdentifier;
  readonly kekLength: number | null;
  readonly kekLengthNode: DerNode;
  readonly ukmNode: DerNode | null;
  readonly wrap: AlgorithmIdentifier;
  readonly encryptedKey: Uint8Array;
  readonly encryptedKeyAt: Located;
}

function algId(ctx: CheckContext, path: string, n: DerNode | undefined, parent: DerNode, what: string): AlgorithmIdentifier | null {
  const id = n?.children[0];
  if (!n || n.cls !== 'universal' || n.tag !== 16 || !id || id.tag !== 6 || n.children.length > 2) return ctx.structure(`KEMRecipientInfo ${what} is not an AlgorithmIdentifier`, where(at(path, n ?? parent)));
  const d = decodeOid(contentOf(ctx.bytes, id));
  if (!d.ok) return ctx.structure(`KEMRecipientInfo ${what}: ${d.error}`, where(at(path, n)));
  return { oid: d.value, params: n.children[1] ?? null, at: at(path, n) };
}

/** The KEMRecipientInfo inside an OtherRecipientInfo node ([4] { oriType, oriValue }), or null (structure failure recorded). */
export function kemRecipientInfo(ctx: CheckContext, ori: Located): KemriView | null {
  const p = `${ori.path}.oriValue`;
  const v = ori.node.children[1];
  if (!v || v.cls !== 'universal' || v.tag !== 16) return ctx.structure('KEMRecipientInfo is not a SEQUENCE', where(at(p, v ?? ori.node)));
  const f = v.children;
  const ukm = f[6]?.cls === 'context' && f[6].tag === 0 ? f[6] : null;
  const rest = ukm ? f.slice(7) : f.slice(6);
  const [version, rid, kem, kemct, kdf, kekLength] = f;
  const [wrap, encryptedKey, extra] = rest;
  if (!version || !rid || !kemct || !kekLength || !encryptedKey || extra || version.tag !== 2 || kemct.tag !== 4 || kekLength.tag !== 2 || encryptedKey.tag !== 4) {
    return ctx.structure('KEMRecipientInfo is not SEQUENCE { version, rid, kem, kemct, kdf, kekLength, [0] ukm OPTIONAL, wrap, encryptedKey }', where(at(p, v)));
  }
  const ridKind = rid.cls === 'context' && rid.tag === 0 ? 'ski' : rid.cls === 'universal' && rid.tag === 16 ? 'issuerAndSerial' : null;
  if (!ridKind) return ctx.structure('KEMRecipientInfo rid is neither IssuerAndSerialNumber nor [0] SubjectKeyIdentifier', where(at(`${p}.rid`, rid)));
  const a = algId(ctx, `${p}.kem`, kem, v, 'kem');
  const k = algId(ctx, `${p}.kdf`, kdf, v, 'kdf');
  const w = algId(ctx, `${p}.wrap`, wrap, v, 'wrap');
  if (!a || !k || !w) return null;
  const ver = decodeSmallInt(contentOf(ctx.bytes, version));
  const len = decodeSmallInt(contentOf(ctx.bytes, kekLength));
  return {
    at: at(p, v), version: ver.ok ? ver.value : null,
    rid: { kind: ridKind, bytes: ridKind === 'ski' ? contentOf(ctx.bytes, rid) : canonicalEncoding(ctx.bytes, rid), at: at(`${p}.rid`, rid) },
    kem: a, kemct: contentOf(ctx.bytes, kemct), kemctAt: at(`${p}.kemct`, kemct), kdf: k,
    kekLength: len.ok ? len.value : null, kekLengthNode: kekLength, ukmNode: ukm, wrap: w,
    encryptedKey: contentOf(ctx.bytes, encryptedKey), encryptedKeyAt: at(`${p}.encryptedKey`, encryptedKey),
  };
}

/** Security strength in bits each ML-KEM parameter set asks of the key wrap (RFC 9936 2.2 Table 1). */
const ML_KEM_STRENGTH: Readonly<Record<string, number>> = { [OID.mlKem512]: 128, [OID.mlKem768]: 192, [OID.mlKem1024]: 256 };

/** The static rules of RFC 9629 3 and, for ML-KEM, RFC 9936 2.1-2.2.1: version, kekLength against wrap, HKDF parameters, component strength. */
export function checkKemriStatic(ctx: CheckContext, r: KemriView): void {
  const mlKem = isMlKemOid(r.kem.oid);
  const versionOk = r.version === 0;
  const versionText = versionOk ? 'KEMRecipientInfo version is 0' : `KEMRecipientInfo version is ${r.version ?? 'not a small integer'}, not 0`;
  ctx.check('rfc9629/3/version-zero', versionOk, versionText, where(r.at));
  if (mlKem) ctx.check('rfc9936/2.1/version-zero', versionOk, versionText, where(r.at));
  const wrap = KEY_WRAPS[r.wrap.oid];
  const lengthAt = where(at(`${r.at.path}.kekLength`, r.kekLengthNode));
  if (wrap) {
    const ok = r.kekLength === wrap.kekLength;
    const text = ok ? `kekLength ${r.kekLength} matches ${wrap.name}` : `kekLength ${r.kekLength} is not the ${wrap.kekLength}-octet key of ${wrap.name}`;
    ctx.check('rfc9629/3/kek-length-consistent-with-wrap', ok, text, lengthAt);
    if (mlKem) ctx.check('rfc9936/2.2.1/confirm-kek-length', ok, text, lengthAt);
  }
  if (!mlKem) return;
  if (r.kdf.oid in HKDF) {
    ctx.check('rfc9936/2.1/hkdf-params-absent', r.kdf.params === null, r.kdf.params === null ? 'the HKDF AlgorithmIdentifier has no parameters' : 'the HKDF AlgorithmIdentifier has a parameters field (RFC 8619: absent)', where(r.kdf.at));
  }
  const needed = ML_KEM_STRENGTH[r.kem.oid] ?? 0;
  if (wrap && r.wrap.oid !== OID.cms3DESwrap && r.wrap.oid !== OID.cmsRC2wrap) {
    const bits = wrap.kekLength * 8;
    ctx.check('rfc9936/2.2/components-match-security-level', bits >= needed,
      bits >= needed ? `${wrap.name} (${bits}-bit) is as strong as ${pqName(r.kem.oid)}` : `${wrap.name} (${bits}-bit) is weaker than the ${needed}-bit security of ${pqName(r.kem.oid)}`, where(r.wrap.at));
  }
}

/** Opens a KEMRecipientInfo with the ML-KEM key among `keys` whose certificate the rid names; null when no key applies. */
export function openKemri(ctx: CheckContext, r: KemriView, keys: readonly RecipientKey[]): { key: Uint8Array | null; how: string } | null {
  const match = (c: CertInfo) => (r.rid.kind === 'ski' ? !!c.ski && bytesEqual(c.ski, r.rid.bytes) : bytesEqual(c.issuerAndSerial, r.rid.bytes));
  const k = keys.find((x) => x.key.kind === 'ml-kem' && (x.cert ? match(x.cert) : true));
  if (!k || k.key.kind !== 'ml-kem') return null;
  if (k.cert) checkKemCertificate(ctx, k.cert, r);
  if (!isMlKemOid(r.kem.oid) || r.kem.oid !== k.key.key.oid) {
    ctx.unchecked('cmsi/crypto-unverifiable', `KEM algorithm ${pqName(r.kem.oid)} does not match the ${pqName(k.key.key.oid)} key given`, where(r.kem.at));
    return { key: null, how: 'no usable key' };
  }
  const hash = HKDF[r.kdf.oid] ?? x944Hash(ctx, r.kdf);
  if (!hash) {
    ctx.unchecked('cmsi/crypto-unverifiable', `KEMRecipientInfo kdf ${r.kdf.oid} is not supported by this checker`, where(r.kdf.at));
    return { key: null, how: 'an unsupported KDF' };
  }
  const how = `${pqName(r.kem.oid)} recipient key ${k.index + 1}, ${r.kdf.oid in HKDF ? 'HKDF' : r.kdf.oid === KDF3 ? 'X9.44 KDF3' : 'X9.44 KDF2'}-${hash.toUpperCase()}`;
  const ss = mlKemDecapsulate(k.key.key, r.kemct);
  if (!ss) {
    ctx.fail('cmsi/decryption', `kemct is ${r.kemct.length} octets, not the ${mlKemCiphertextLength(r.kem.oid)} of an ${pqName(r.kem.oid)} ciphertext`, where(r.kemctAt));
    return { key: null, how };
  }
  if (r.kekLength === null || r.kekLength < 1 || r.kekLength > 65535) return { key: null, how };
  // CMSORIforKEMOtherInfo ::= SEQUENCE { wrap, kekLength, ukm [0] EXPLICIT OPTIONAL }, from the fields as received.
  const parts = [encodingOf(ctx.bytes, r.wrap.at.node), encodingOf(ctx.bytes, r.kekLengthNode), ...(r.ukmNode ? [encodingOf(ctx.bytes, r.ukmNode)] : [])];
  const body = Buffer.concat(parts);
  const info = Buffer.concat([Buffer.from([0x30]), derLength(body.length), body]);
  const kek = r.kdf.oid in HKDF ? hkdfKek(hash, ss, null, info, r.kekLength) : x944Kdf(r.kdf.oid === KDF3 ? 3 : 2, hash, ss, info, r.kekLength);
  const unwrapped = unwrapKey(ctx.bytes, r.wrap, kek, r.encryptedKey);
  if (unwrapped === 'unsupported') {
    ctx.unchecked('cmsi/crypto-unverifiable', `key wrap algorithm ${r.wrap.oid} is not supported by this checker`, where(r.wrap.at));
    return { key: null, how };
  }
  return { key: unwrapped, how };
}

function checkKemCertificate(ctx: CheckContext, cert: CertInfo, r: KemriView): void {
  const key = spkiParts(cert.spki);
  const kem = !!key && isMlKemOid(key.oid);
  ctx.check('rfc9629/3/recipient-certificate-kem-key', kem, kem ? `recipient certificate holds an ${pqName(key!.oid)} key` : `recipient certificate key ${key?.oid ?? '(unreadable)'} is not a KEM key`, where(r.rid.at));
  const ku = keyUsage(cert);
  if (ku !== null) ctx.check('rfc9629/3/key-usage-key-encipherment', (ku & KEY_USAGE.keyEncipherment) !== 0, `recipient certificate keyUsage ${(ku & KEY_USAGE.keyEncipherment) !== 0 ? 'asserts' : 'does not assert'} keyEncipherment`, where(r.rid.at));
}

function derLength(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v >>= 8) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}
