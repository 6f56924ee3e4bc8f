/**
 * RecipientInfo (RFC 5652 6.2), one builder per kind: key transport (RSA PKCS #1 v1.5 and
 * RSAES-OAEP, RFC 3370 4.2 / RFC 3560), key agreement (ECDH per RFC 5753, X25519/X448 per RFC 8418,
 * X9.42 ephemeral-static DH per RFC 2631 / RFC 3370 4.1.1), KEK (AES key wrap RFC 3565, Triple-DES
 * key wrap RFC 3370 4.3) and password (RFC 3211). Each takes the content-encryption key and the
 * sample's seeded stream and returns the encoded RecipientInfo.
 */
import { createPrivateKey, createPublicKey, diffieHellman, type KeyObject } from 'node:crypto';
import { bitString, ctxConstructed, ctxPrimitive, explicit, int, nul, octets, oid, seq, implicit } from '../../core/der/encode.ts';

import { OID } from '../../core/oids.ts';
import type { Identity } from '../cast.ts';
import type { SeededRandom } from '../random.ts';
import { rsaOaepParams } from './algorithms.ts';
import { rsaOaepEncrypt, rsaPkcs1v15Encrypt } from '../crypto/rsa.ts';
import { aesKeyWrap, rc2KeyWrap, tripleDesKeyWrap } from '../crypto/keywrap.ts';
import { ansiX963Kdf, eccCmsSharedInfo, hkdf, x942Kdf } from '../crypto/kdf.ts';
import { dhxKeyFromPkcs8, dhPublic, dhShared } from '../crypto/dh.ts';
import { pwriKeyWrap } from '../crypto/pwri.ts';
import { pbkdf2Sync } from 'node:crypto';
import type { CbcKey } from './content-encryption.ts';
import { cbcIdentifier } from './content-encryption.ts';

export type RidKind = 'issuerAndSerial' | 'ski';
/** rc2-wrap (RFC 3370 4.3.2, 128-bit KEK) exists only for RFC 4134 5.2's KEKRecipientInfo. */
export type WrapName = 'aes128-wrap' | 'aes192-wrap' | 'aes256-wrap' | '3des-wrap' | 'rc2-wrap';

const WRAP_OID: Record<WrapName, string> = {
  'aes128-wrap': OID.aes128Wrap, 'aes192-wrap': OID.aes192Wrap, 'aes256-wrap': OID.aes256Wrap, '3des-wrap': OID.cms3DESwrap,
  'rc2-wrap': OID.cmsRC2wrap,
};
const WRAP_KEK_BYTES: Record<WrapName, number> = { 'aes128-wrap': 16, 'aes192-wrap': 24, 'aes256-wrap': 32, '3des-wrap': 24, 'rc2-wrap': 16 };

/**
 * AES wrap identifiers have absent parameters (RFC 3565 2.3.2); 3DES wrap has NULL (RFC 3370
 * 4.3.1); RC2 wrap has RC2wrapParameter 58, i.e. 128 effective key bits (RFC 3370 4.3.2).
 */
export const wrapIdentifier = (w: WrapName): Uint8Array =>
  w === '3des-wrap' ? seq(oid(WRAP_OID[w]), nul()) : w === 'rc2-wrap' ? seq(oid(WRAP_OID[w]), int(58)) : seq(oid(WRAP_OID[w]));

export const kekBytes = (w: WrapName): number => WRAP_KEK_BYTES[w];

export function wrapKey(w: WrapName, kek: Uint8Array, cek: Uint8Array, rnd: SeededRandom): Uint8Array {
  if (w === 'rc2-wrap') return rc2KeyWrap(kek, 128, cek, rnd);
  return w === '3des-wrap' ? tripleDesKeyWrap(kek, cek, rnd) : aesKeyWrap(kek, cek);
}

function publicKeyOf(r: Identity): KeyObject {
  if (!r.key) throw new Error(`${r.id} has no Node key`);
  return createPublicKey(r.key);
}

// ---------------------------------------------------------------- key transport

export interface KtriOptions {
  readonly padding: 'pkcs1' | 'oaep-sha1' | 'oaep-sha256';
  readonly rid?: RidKind;
}

export function keyTransRecipient(r: Identity, cek: Uint8Array, o: KtriOptions, rnd: SeededRandom): Uint8Array {
  const rid = o.rid ?? 'issuerAndSerial';
  const pub = publicKeyOf(r);
  let alg: Uint8Array;
  let encrypted: Uint8Array;
  if (o.padding === 'pkcs1') {
    alg = seq(oid(OID.rsaEncryption), nul());
    encrypted = rsaPkcs1v15Encrypt(pub, cek, rnd);
  } else {
    const hash = o.padding === 'oaep-sha1' ? 'sha1' : 'sha256';
    alg = seq(oid(OID.rsaesOaep), rsaOaepParams(hash));
    encrypted = rsaOaepEncrypt(pub, hash, hash, new Uint8Array(), cek, rnd);
  }
  return seq(
    int(rid === 'ski' ? 2 : 0),
    rid === 'ski' ? ctxPrimitive(0, r.ski) : r.issuerAndSerial,
    alg,
    octets(encrypted),
  );
}

// ---------------------------------------------------------------- key agreement

export interface KariOptions {
  readonly wrap: WrapName;
  readonly ukm?: Uint8Array;
  readonly rid?: RidKind;
  /** Deliberate defects for the invalid corpus: another KEK for the wrap, another encoded rid. */
  readonly defects?: { readonly kek?: (kek: Uint8Array) => Uint8Array; readonly rid?: Uint8Array };
}

function rkeyId(r: Identity, rid: RidKind): Uint8Array {
  // KeyAgreeRecipientIdentifier: issuerAndSerialNumber, or [0] IMPLICIT RecipientKeyIdentifier.
  return rid === 'ski' ? ctxConstructed(0, octets(r.ski)) : r.issuerAndSerial;
}

/** RecipientInfo's kari alternative is [1] IMPLICIT KeyAgreeRecipientInfo (RFC 5652 6.2). */
function kari(originatorKey: Uint8Array, kekAlg: Uint8Array, r: Identity, o: KariOptions, wrapped: Uint8Array): Uint8Array {
  return ctxConstructed(1,
    int(3),
    explicit(0, implicit(1, originatorKey)),
    ...(o.ukm ? [explicit(1, octets(o.ukm))] : []),
    kekAlg,
    seq(seq(o.defects?.rid ?? rkeyId(r, o.rid ?? 'issuerAndSerial'), octets(wrapped))),
  );
}

const ECDH_SCHEME: Record<string, { oid: string; hash: 'sha256' | 'sha384' }> = {
  p256: { oid: OID.dhSinglePassStdDHsha256kdf, hash: 'sha256' },
  p384: { oid: OID.dhSinglePassStdDHsha384kdf, hash: 'sha384' },
};

/** Ephemeral-static ECDH (RFC 5753 3.1.1) with the X9.63 KDF; ephemeral scalar from the stream. */
export function ecdhRecipient(r: Identity, cek: Uint8Array, o: KariOptions, rnd: SeededRandom): Uint8Array {
  const scheme = ECDH_SCHEME[r.family];
  if (!scheme) throw new Error(`${r.id} is not a P-256/P-384 key`);
  const curve = r.family === 'p256' ? 'prime256v1' : 'secp384r1';
  const size = r.family === 'p256' ? 32 : 48;
  const ephemeral = ecPrivateKey(curve, rnd.bytes(size));
  const z = new Uint8Array(diffieHellman({ privateKey: ephemeral, publicKey: publicKeyOf(r) }));
  const bits = WRAP_KEK_BYTES[o.wrap] * 8;
  const kek = ansiX963Kdf(scheme.hash, z, eccCmsSharedInfo(WRAP_OID[o.wrap], o.ukm, bits), bits / 8);
  const jwk = createPublicKey(ephemeral).export({ format: 'jwk' });
  const uncompressed = Uint8Array.from([4, ...Buffer.from(jwk.x ?? '', 'base64url'), ...Buffer.from(jwk.y ?? '', 'base64url')]);
  const originatorKey = seq(seq(oid(OID.ecPublicKey)), bitString(uncompressed));
  const kekAlg = seq(oid(scheme.oid), wrapIdentifier(o.wrap));
  return kari(originatorKey, kekAlg, r, o, wrapKey(o.wrap, o.defects?.kek ? o.defects.kek(kek) : kek, cek, rnd));
}

/** A P-256/P-384 private KeyObject from a scalar (reduced into range by the caller's stream). */
function ecPrivateKey(curve: 'prime256v1' | 'secp384r1', scalar: Uint8Array): KeyObject {
  const s = Uint8Array.from(scalar);
  s[0] = (s[0] as number) & 0x7f; // below the group order for both curves
  if (s.every((b) => b === 0)) s[s.length - 1] = 1;
  // SEC1 ECPrivateKey without the public key: Node derives the point itself.
  const curveOid = curve === 'prime256v1' ? OID.prime256v1 : OID.secp384r1;
  const ecPrivateKeyDer = seq(int(1), octets(s), explicit(0, oid(curveOid)));
  return createPrivateKey({ key: Buffer.from(ecPrivateKeyDer), format: 'der', type: 'sec1' });
}

const XDH_SCHEME: Record<string, { oid: string; hash: 'sha256' | 'sha512'; alg: string; size: number }> = {
  x25519: { oid: OID.dhSinglePassStdDHhkdfSha256, hash: 'sha256', alg: OID.x25519, size: 32 },
  x448: { oid: OID.dhSinglePassStdDHhkdfSha512, hash: 'sha512', alg: OID.x448, size: 56 },
};

/** X25519/X448 (RFC 8418 2-3) with HKDF; ukm, when present, is also the HKDF salt. */
export function xdhRecipient(r: Identity, cek: Uint8Array, o: KariOptions, rnd: SeededRandom): Uint8Array {
  const scheme = XDH_SCHEME[r.family];
  if (!scheme) throw new Error(`${r.id} is not an X25519/X448 key`);
  const privateDer = seq(int(0), seq(oid(scheme.alg)), octets(octets(rnd.bytes(scheme.size))));
  const ephemeral = createPrivateKey({ key: Buffer.from(privateDer), format: 'der', type: 'pkcs8' });
  const z = new Uint8Array(diffieHellman({ privateKey: ephemeral, publicKey: publicKeyOf(r) }));
  const bits = WRAP_KEK_BYTES[o.wrap] * 8;
  const info = eccCmsSharedInfo(WRAP_OID[o.wrap], o.ukm, bits);
  const kek = hkdf(scheme.hash, z, o.ukm ?? new Uint8Array(), info, bits / 8);
  const raw = new Uint8Array(Buffer.from(createPublicKey(ephemeral).export({ format: 'jwk' }).x ?? '', 'base64url'));
  const originatorKey = seq(seq(oid(scheme.alg)), bitString(raw));
  const kekAlg = seq(oid(scheme.oid), wrapIdentifier(o.wrap));
  return kari(originatorKey, kekAlg, r, o, wrapKey(o.wrap, kek, cek, rnd));
}

/** X9.42 ephemeral-static DH (RFC 2631, RFC 3370 4.1.1): the v3 mandatory key agreement. */
export function esdhRecipient(r: Identity, cek: Uint8Array, o: KariOptions, rnd: SeededRandom): Uint8Array {
  const recipient = dhxKeyFromPkcs8(pemToDer(r.keyPem));
  const x = rnd.bigintBetween(2n, recipient.q - 2n);
  const y = dhPublic(recipient.p, recipient.g, x);
  const z = dhShared(recipient.p, recipient.y, x);
  const bits = WRAP_KEK_BYTES[o.wrap] * 8;
  const kek = x942Kdf(z, WRAP_OID[o.wrap], bits, o.ukm);
  const originatorKey = seq(seq(oid(OID.dhpublicnumber)), bitString(int(y)));
  const kekAlg = seq(oid(OID.esDH), wrapIdentifier(o.wrap));
  return kari(originatorKey, kekAlg, r, o, wrapKey(o.wrap, kek, cek, rnd));
}

function pemToDer(pem: string): Uint8Array {
  const b64 = pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
  return new Uint8Array(Buffer.from(b64, 'base64'));
}

// ---------------------------------------------------------------- KEK and password

export interface KekOptions {
  readonly keyId: Uint8Array;
  readonly key: Uint8Array;
  readonly wrap: WrapName;
}

/** KEKRecipientInfo (RFC 5652 6.2.3), version 4. */
export function kekRecipient(cek: Uint8Array, o: KekOptions, rnd: SeededRandom): Uint8Array {
  return ctxConstructed(2,
    int(4),
    seq(octets(o.keyId)),
    wrapIdentifier(o.wrap),
    octets(wrapKey(o.wrap, o.key, cek, rnd)));
}

export interface PwriOptions {
  readonly password: string;
  readonly iterations: number;
  /** The cipher of the PWRI-KEK wrap; RFC 3211 2.3 uses the content cipher's algorithm. */
  readonly kekCipher: CbcKey['cipher'];
  readonly prf: 'hmacWithSHA1' | 'hmacWithSHA256';
  /** Deliberate defects for the invalid corpus: rewrites the PWRI-KEK block (RFC 3211 2.3.1) before it is encrypted. */
  readonly defects?: { readonly format?: (block: Uint8Array) => Uint8Array };
}

/** PasswordRecipientInfo (RFC 5652 6.2.4, RFC 3211): PBKDF2 then the PWRI-KEK double-CBC wrap. */
export function passwordRecipient(cek: Uint8Array, o: PwriOptions, rnd: SeededRandom): Uint8Array {
  if (o.kekCipher === 'rc2-cbc') throw new Error('PWRI samples do not use RC2');
  const salt = rnd.bytes(16);
  const kekLen = o.kekCipher === 'aes-128-cbc' ? 16 : o.kekCipher === 'aes-192-cbc' ? 24 : o.kekCipher === 'aes-256-cbc' ? 32 : 24;
  const digest = o.prf === 'hmacWithSHA1' ? 'sha1' : 'sha256';
  const kek = new Uint8Array(pbkdf2Sync(o.password, salt, o.iterations, kekLen, digest));
  const iv = rnd.bytes(o.kekCipher.startsWith('aes') ? 16 : 8);
  const wrapped = pwriKeyWrap(o.kekCipher, kek, iv, cek, rnd, o.defects?.format);
  // PBKDF2-params: salt, iterationCount, keyLength OPTIONAL, prf DEFAULT hmacWithSHA1 (RFC 8018 A.2).
  const prf = o.prf === 'hmacWithSHA1' ? [] : [seq(oid(OID.hmacWithSHA256), nul())];
  const kdf = seq(oid(OID.pbkdf2), seq(octets(salt), int(o.iterations), ...prf));
  return ctxConstructed(3,
    int(0),
    implicit(0, kdf),
    seq(oid(OID.pwriKek), cbcIdentifier({ cipher: o.kekCipher, key: kek, iv })),
    octets(wrapped));
}

