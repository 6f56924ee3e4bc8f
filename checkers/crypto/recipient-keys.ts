/**
 * Recipient private keys and the public-key operations of key management, written from the RFCs:
 * RSAES-PKCS1-v1_5 and RSAES-OAEP decryption (RFC 8017 7.2.2, 7.1.2; Node 20 refuses PKCS #1
 * v1.5 private decryption, so both decode a raw RSA result themselves), ECDH with the X9.63 KDF
 * over ECC-CMS-SharedInfo (RFC 5753 7.2), X25519/X448 with X9.63 or HKDF (RFC 8418 2), and
 * X9.42 Diffie-Hellman with the RFC 2631 2.1.2 KDF (Node cannot load X9.42 keys: the PKCS #8 is
 * read with the strict reader and the exponentiation done with bigint).
 */
import { mlKemPrivateKey, spkiParts, type MlKemPrivateKey } from './pq.ts';
import { constants, createECDH, createHash, createPrivateKey, createPublicKey, diffieHellman, hkdfSync, privateDecrypt, type KeyObject } from 'node:crypto';
import { contentOf, readDer, type DerNode } from '../../core/der/reader.ts';
import { decodeBitString, decodeInteger, decodeOid } from '../../core/der/values.ts';
import { OID } from '../../core/oids.ts';
import { ALG } from '../cms/algorithms.ts';
import { bitString, explicit, octetString, oid as oidTlv, sequence, uint32 } from './der-build.ts';
import { certInfo, type CertInfo } from './certificates.ts';

export type PrivateKey =
  | { readonly kind: 'rsa'; readonly key: KeyObject; readonly modulusLength: number }
  | { readonly kind: 'ec'; readonly curve: string; readonly curveOid: string; readonly d: Buffer }
  | { readonly kind: 'xdh'; readonly curve: 'x25519' | 'x448'; readonly key: KeyObject }
  | { readonly kind: 'dh'; readonly p: bigint; readonly g: bigint; readonly q: bigint | null; readonly x: bigint; readonly pLength: number }
  | { readonly kind: 'ml-kem'; readonly key: MlKemPrivateKey };

export interface RecipientKey {
  /** Position in the options' key list, for messages. */
  readonly index: number;
  readonly key: PrivateKey;
  readonly cert: CertInfo | null;
}

const CURVES: Readonly<Record<string, string>> = { prime256v1: OID.prime256v1, secp384r1: OID.secp384r1, secp521r1: ALG.secp521r1 };

/** PEM (any label) or DER to DER: the first PEM block's base64, else the bytes themselves. */
export function pemOrDer(bytes: Uint8Array): { der: Uint8Array; label: string | null } {
  const text = Buffer.from(bytes.subarray(0, Math.min(bytes.length, 1 << 20))).toString('latin1');
  const m = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/.exec(text);
  if (!m) return { der: bytes, label: null };
  return { der: new Uint8Array(Buffer.from(m[2]!.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64')), label: m[1]! };
}

function toBigint(c: Uint8Array): bigint | null {
  const d = decodeInteger(c);
  return d.ok && d.value > 0n ? d.value : null;
}

const isInt = (n: DerNode | undefined): n is DerNode => !!n && n.cls === 'universal' && n.tag === 2;

/** PKCS #8 PrivateKeyInfo with dhpublicnumber and DomainParameters { p, g, q, ... } (RFC 3279 2.3.3). */
function x942PrivateKey(der: Uint8Array): PrivateKey | null {
  const r = readDer(der);
  if (!r.root || r.fatal) return null;
  const [version, alg, priv] = r.root.children;
  const algOid = alg?.children[0];
  const params = alg?.children[1];
  if (!isInt(version) || !algOid || !params || !priv || priv.tag !== 4) return null;
  const o = decodeOid(contentOf(der, algOid));
  if (!o.ok || o.value !== OID.dhpublicnumber) return null;
  const [p, g, q] = params.children;
  if (!isInt(p) || !isInt(g)) return null;
  const inner = readDer(contentOf(der, priv));
  if (!inner.root || inner.fatal || inner.root.tag !== 2) return null;
  const xv = toBigint(contentOf(contentOf(der, priv), inner.root));
  const pv = toBigint(contentOf(der, p));
  const gv = toBigint(contentOf(der, g));
  if (xv === null || pv === null || gv === null) return null;
  const qv = isInt(q) ? toBigint(contentOf(der, q)) : null;
  return { kind: 'dh', p: pv, g: gv, q: qv, x: xv, pLength: Math.ceil(pv.toString(16).length / 2) };
}

export function loadPrivateKey(bytes: Uint8Array): PrivateKey | null {
  const { der, label } = pemOrDer(bytes);
  let key: KeyObject;
  try {
    key = label === null || label === 'PRIVATE KEY'
      ? createPrivateKey({ key: Buffer.from(der), format: 'der', type: 'pkcs8' })
      : createPrivateKey(Buffer.from(bytes).toString('latin1'));
  } catch {
    // Node 20 has no ML-KEM: read the PKCS #8 ourselves (checkers/crypto/pq.ts).
    const kem = mlKemPrivateKey(der);
    return kem ? { kind: 'ml-kem', key: kem } : x942PrivateKey(der);
  }
  const type = key.asymmetricKeyType;
  if (type === 'rsa') return { kind: 'rsa', key, modulusLength: key.asymmetricKeyDetails?.modulusLength ?? 0 };
  if (type === 'x25519' || type === 'x448') return { kind: 'xdh', curve: type, key };
  if (type === 'ec') {
    const curve = key.asymmetricKeyDetails?.namedCurve ?? '';
    const jwk = key.export({ format: 'jwk' });
    const curveOid = CURVES[curve];
    return curveOid && jwk.d ? { kind: 'ec', curve, curveOid, d: Buffer.from(jwk.d, 'base64url') } : null;
  }
  // OpenSSL 3 may load an X9.42 key as 'dh' yet Node cannot derive with it: read it ourselves.
  return x942PrivateKey(der);
}

export function loadRecipientKeys(keys: readonly { readonly key: Uint8Array; readonly cert: Uint8Array | null }[]): RecipientKey[] {
  const out: RecipientKey[] = [];
  keys.forEach((k, index) => {
    const key = loadPrivateKey(k.key);
    if (!key) return;
    const cert = k.cert ? certInfo(pemOrDer(k.cert).der) : null;
    out.push({ index, key, cert });
  });
  return out;
}

/** The subjectPublicKeyInfo algorithm OID of a certificate. */
export function spkiAlgorithm(c: CertInfo): string | null {
  const r = readDer(c.spki);
  const o = r.root?.children[0]?.children[0];
  if (!o) return null;
  const d = decodeOid(contentOf(c.spki, o));
  return d.ok ? d.value : null;
}

/** keyUsage bits of a certificate as a number (bit 0 = digitalSignature), or null without the extension. */
export function keyUsage(c: CertInfo): number | null {
  const r = readDer(c.der);
  const tbs = r.root?.children[0];
  const exts = tbs?.children.find((n) => n.cls === 'context' && n.tag === 3)?.children[0];
  for (const ext of exts?.children ?? []) {
    const id = ext.children[0];
    if (!id) continue;
    const d = decodeOid(contentOf(c.der, id));
    if (!d.ok || d.value !== OID.keyUsage) continue;
    const value = contentOf(c.der, ext.children[ext.children.length - 1]!);
    const inner = readDer(value);
    if (!inner.root || inner.root.tag !== 3) return null;
    const bits = decodeBitString(contentOf(value, inner.root));
    if (!bits.ok) return null;
    let n = 0;
    bits.value.bytes.forEach((b, i) => {
      for (let j = 0; j < 8; j++) if (b & (0x80 >> j)) n |= 1 << (i * 8 + j);
    });
    return n;
  }
  return null;
}

export const KEY_USAGE = { keyEncipherment: 1 << 2, keyAgreement: 1 << 4 } as const;

// ---------------------------------------------------------------- RSA (RFC 8017)

function rsaRaw(k: Extract<PrivateKey, { kind: 'rsa' }>, c: Uint8Array): Uint8Array | null {
  const len = Math.ceil(k.modulusLength / 8);
  if (c.length !== len) return null;
  try {
    return new Uint8Array(privateDecrypt({ key: k.key, padding: constants.RSA_NO_PADDING }, c));
  } catch {
    return null;
  }
}

/** RFC 8017 7.2.2 step 3: EM = 0x00 || 0x02 || PS (>= 8 non-zero octets) || 0x00 || M. */
export function rsaPkcs1Decrypt(k: Extract<PrivateKey, { kind: 'rsa' }>, c: Uint8Array): Uint8Array | null {
  const em = rsaRaw(k, c);
  if (!em || em.length < 11 || em[0] !== 0 || em[1] !== 2) return null;
  let sep = -1;
  for (let i = 2; i < em.length; i++) {
    if (em[i] === 0) {
      sep = i;
      break;
    }
  }
  return sep >= 10 ? em.slice(sep + 1) : null;
}

function mgf1(hash: string, seed: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let o = 0;
  for (let counter = 0; o < length; counter++) {
    const block = createHash(hash).update(seed).update(uint32(counter)).digest();
    out.set(block.subarray(0, Math.min(block.length, length - o)), o);
    o += block.length;
  }
  return out;
}

/** RFC 8017 7.1.2 step 3: EME-OAEP decoding with any hash, MGF1 hash and label. */
export function rsaOaepDecrypt(k: Extract<PrivateKey, { kind: 'rsa' }>, c: Uint8Array, hash: string, mgfHash: string, label: Uint8Array): Uint8Array | null {
  const em = rsaRaw(k, c);
  const hLen = createHash(hash).digest().length;
  if (!em || em.length < 2 * hLen + 2) return null;
  const maskedSeed = em.subarray(1, 1 + hLen);
  const maskedDb = em.subarray(1 + hLen);
  const seed = mgf1(mgfHash, maskedDb, hLen).map((b, i) => b ^ maskedSeed[i]!);
  const db = mgf1(mgfHash, seed, maskedDb.length).map((b, i) => b ^ maskedDb[i]!);
  const lHash = createHash(hash).update(label).digest();
  let bad = em[0] !== 0 ? 1 : 0;
  if (!lHash.equals(Buffer.from(db.subarray(0, hLen)))) bad = 1;
  let i = hLen;
  while (i < db.length && db[i] === 0) i++;
  if (i >= db.length || db[i] !== 1) bad = 1;
  return bad ? null : db.slice(i + 1);
}

// ---------------------------------------------------------------- key agreement

/** ECDH (RFC 5753 3.1.2): the x-coordinate of d * Q for the originator's ECPoint. */
export function ecdhSecret(k: Extract<PrivateKey, { kind: 'ec' }>, point: Uint8Array): Uint8Array | null {
  try {
    const e = createECDH(k.curve);
    e.setPrivateKey(k.d);
    return new Uint8Array(e.computeSecret(Buffer.from(point)));
  } catch {
    return null;
  }
}

/** X25519/X448 (RFC 7748 6, RFC 8418 2): K from the raw public key; an all-zero K is refused. */
export function xdhSecret(k: Extract<PrivateKey, { kind: 'xdh' }>, raw: Uint8Array): Uint8Array | null {
  const oidStr = k.curve === 'x25519' ? OID.x25519 : OID.x448;
  try {
    const spki = sequence(sequence(oidTlv(oidStr)), bitString(raw));
    const publicKey = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
    const z = new Uint8Array(diffieHellman({ privateKey: k.key, publicKey }));
    return z.every((b) => b === 0) ? null : z;
  } catch {
    return null;
  }
}

function modPow(base: bigint, exp: bigint, mod: bigint): bigint {
  let result = 1n;
  let b = base % mod;
  for (let e = exp; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % mod;
    b = (b * b) % mod;
  }
  return result;
}

/**
 * X9.42 DH (RFC 2631 2.1.1): ZZ = y^x mod p for the originator's public value y (a DER INTEGER
 * in the BIT STRING), left-padded to the length of p (2.1.2). y must lie in [2, p-2] and, with q,
 * y^q mod p must be 1 (2.1.5), or the value is refused.
 */
export function dhSecret(k: Extract<PrivateKey, { kind: 'dh' }>, publicKey: Uint8Array): Uint8Array | null {
  const r = readDer(publicKey);
  if (!r.root || r.fatal || r.root.tag !== 2 || r.root.cls !== 'universal') return null;
  const y = toBigint(contentOf(publicKey, r.root));
  if (y === null || y < 2n || y > k.p - 2n) return null;
  if (k.q !== null && modPow(y, k.q, k.p) !== 1n) return null;
  const zz = modPow(y, k.x, k.p).toString(16).padStart(k.pLength * 2, '0');
  return new Uint8Array(Buffer.from(zz, 'hex'));
}

// ---------------------------------------------------------------- KDFs

/** ECC-CMS-SharedInfo (RFC 5753 7.2): keyInfo, [0] EXPLICIT ukm, [2] EXPLICIT key length in bits. */
export function eccCmsSharedInfo(keyInfo: Uint8Array, ukm: Uint8Array | null, kekLength: number): Uint8Array {
  return sequence(keyInfo, ...(ukm ? [explicit(0, octetString(ukm))] : []), explicit(2, octetString(uint32(kekLength * 8))));
}

/** ANSI X9.63 KDF (RFC 8418 2.1, SEC1 3.6.1): Hash(Z || counter || SharedInfo), counter from 1. */
export function x963Kdf(hash: string, z: Uint8Array, sharedInfo: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let o = 0;
  for (let counter = 1; o < length; counter++) {
    const block = createHash(hash).update(z).update(uint32(counter)).update(sharedInfo).digest();
    out.set(block.subarray(0, Math.min(block.length, length - o)), o);
    o += block.length;
  }
  return out;
}

/** RFC 8418 2.2: PRK = HKDF-Extract(ukm or no salt, K); KEK = HKDF-Expand(PRK, SharedInfo, L). */
export function hkdfKek(hash: string, z: Uint8Array, ukm: Uint8Array | null, sharedInfo: Uint8Array, length: number): Uint8Array {
  return new Uint8Array(hkdfSync(hash, z, ukm ?? new Uint8Array(0), sharedInfo, length));
}

/**
 * RFC 2631 2.1.2-2.1.3: KM(counter) = SHA-1(ZZ || OtherInfo), OtherInfo = SEQUENCE {
 * KeySpecificInfo { wrap OID, counter }, [0] EXPLICIT partyAInfo OPTIONAL, [2] EXPLICIT keylen },
 * blocks concatenated and the leftmost octets taken.
 */
export function x942Kdf(zz: Uint8Array, wrapOid: Uint8Array, ukm: Uint8Array | null, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let o = 0;
  for (let counter = 1; o < length; counter++) {
    const otherInfo = sequence(
      sequence(wrapOid, octetString(uint32(counter))),
      ...(ukm ? [explicit(0, octetString(ukm))] : []),
      explicit(2, octetString(uint32(length * 8))),
    );
    const block = createHash('sha1').update(zz).update(otherInfo).digest();
    out.set(block.subarray(0, Math.min(block.length, length - o)), o);
    o += block.length;
  }
  return out;
}


/** Whether a private key belongs to a certificate: the same public key (RSA, EC, X25519/X448, X9.42 DH). */
export function keyMatchesCertificate(k: PrivateKey, c: CertInfo): boolean {
  try {
    if (k.kind === 'ml-kem') {
      const p = spkiParts(c.spki);
      return !!p && p.oid === k.key.oid && Buffer.from(p.publicKey).equals(Buffer.from(k.key.publicKey));
    }
    if (k.kind === 'dh') {
      const r = readDer(c.spki);
      const bits = r.root?.children[1];
      if (!bits || bits.tag !== 3) return false;
      const b = decodeBitString(contentOf(c.spki, bits));
      if (!b.ok) return false;
      const y = readDer(b.value.bytes);
      return !!y.root && y.root.tag === 2 && toBigint(contentOf(b.value.bytes, y.root)) === modPow(k.g, k.x, k.p);
    }
    const certKey = createPublicKey({ key: Buffer.from(c.spki), format: 'der', type: 'spki' }).export({ type: 'spki', format: 'der' });
    const own = k.kind === 'ec'
      ? (() => {
        const e = createECDH(k.curve);
        e.setPrivateKey(k.d);
        return createPublicKey({ key: Buffer.from(sequence(sequence(oidTlv(OID.ecPublicKey), oidTlv(k.curveOid)), bitString(e.getPublicKey()))), format: 'der', type: 'spki' });
      })()
      : createPublicKey(k.key);
    return certKey.equals(own.export({ type: 'spki', format: 'der' }));
  } catch {
    return false;
  }
}

/**
 * Pairs recipient keys with certificates given separately (cmsi check --key/--cert): each key
 * takes the certificate holding its public key; a key none holds goes without a certificate and
 * is then tried on every RecipientInfo of its kind.
 */
export function pairKeysWithCertificates(keys: readonly Uint8Array[], certs: readonly Uint8Array[]): { key: Uint8Array; cert: Uint8Array | null }[] {
  const infos = certs.map((c) => ({ der: c, info: certInfo(pemOrDer(c).der) }));
  return keys.map((key) => {
    const k = loadPrivateKey(key);
    const hit = k ? infos.find((c) => c.info && keyMatchesCertificate(k, c.info)) : undefined;
    return { key, cert: hit ? hit.der : null };
  });
}
