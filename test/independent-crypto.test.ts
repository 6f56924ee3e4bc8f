/**
 * The samples OpenSSL 3.0 cannot process (adapters/openssl-known.ts) get an independent check of
 * their cryptography here instead: asn1js (through test/helpers/asn1.ts) for the structure and
 * node:crypto / node:zlib for the algorithms, each step written from the RFC that defines it.
 * Nothing from generators/ is used. Every listed sample must have a check: a sample added to the
 * list without one fails here, so the list cannot grow silently.
 */
import {
  X509Certificate, constants, createCipheriv, createDecipheriv, createHash, createHmac, createPrivateKey, createPublicKey, diffieHellman,
  hkdfSync, privateDecrypt, verify, type KeyObject,
} from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ml_dsa44, ml_dsa65, ml_dsa87 } from '@noble/post-quantum/ml-dsa.js';
import { ml_kem512, ml_kem768, ml_kem1024 } from '@noble/post-quantum/ml-kem.js';
import { slh_dsa_sha2_128f } from '@noble/post-quantum/slh-dsa.js';
import { OPENSSL_UNSUPPORTED } from '../adapters/openssl-known.ts';
import { sidRootReady } from '../adapters/sid-root.ts';
import { createSidBouncyCastleAdapter } from '../adapters/stacks/bouncycastle-sid.ts';
import { loadExpectations } from '../core/expectations.ts';
import type { Sample } from '../core/manifest.ts';
import { child, decode, hex, oidOf, type Node } from './helpers/asn1.ts';
import { CORPUS, loadManifest } from './helpers/corpus.ts';
import { cmsBytes } from './helpers/smime.ts';

const manifest = loadManifest();

/** OIDs, each from the RFC named beside it. */
const OID = {
  data: '1.2.840.113549.1.7.1', // RFC 5652 4
  signedData: '1.2.840.113549.1.7.2',
  envelopedData: '1.2.840.113549.1.7.3',
  authData: '1.2.840.113549.1.9.16.1.2', // RFC 5652 9
  authEnvelopedData: '1.2.840.113549.1.9.16.1.23', // RFC 5083 1.1
  compressedData: '1.2.840.113549.1.9.16.1.9', // RFC 3274 1.1
  contentType: '1.2.840.113549.1.9.3', // RFC 5652 11.1
  messageDigest: '1.2.840.113549.1.9.4', // RFC 5652 11.2
  sha1: '1.3.14.3.2.26', // RFC 3370 2.1
  sha256: '2.16.840.1.101.3.4.2.1', // RFC 5754 2
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
  shake256Len: '2.16.840.1.101.3.4.2.18', // RFC 8702 2 / RFC 8419 3.1
  ed25519: '1.3.101.112', // RFC 8410 3
  ed448: '1.3.101.113',
  x25519: '1.3.101.110',
  x448: '1.3.101.111',
  hkdfSha256: '1.2.840.113549.1.9.16.3.19', // RFC 8418 4 (dhSinglePass-stdDH-hkdf-sha256-scheme)
  hkdfSha384: '1.2.840.113549.1.9.16.3.20',
  hkdfSha512: '1.2.840.113549.1.9.16.3.21',
  aes128Wrap: '2.16.840.1.101.3.4.1.5', // RFC 3565 2.3.2
  aes192Wrap: '2.16.840.1.101.3.4.1.25',
  aes256Wrap: '2.16.840.1.101.3.4.1.45',
  cms3DESwrap: '1.2.840.113549.1.9.16.3.6', // RFC 3370 4.3.1
  aes128Cbc: '2.16.840.1.101.3.4.1.2', // RFC 3565 4.1
  aes192Cbc: '2.16.840.1.101.3.4.1.22',
  aes256Cbc: '2.16.840.1.101.3.4.1.42',
  desEde3Cbc: '1.2.840.113549.3.7', // RFC 3370 5.1
  aes128Gcm: '2.16.840.1.101.3.4.1.6', // RFC 5084 3.2
  aes192Gcm: '2.16.840.1.101.3.4.1.26',
  aes256Gcm: '2.16.840.1.101.3.4.1.46',
  aes128Ccm: '2.16.840.1.101.3.4.1.7', // RFC 5084 3.1
  aes192Ccm: '2.16.840.1.101.3.4.1.27',
  aes256Ccm: '2.16.840.1.101.3.4.1.47',
  rsaEncryption: '1.2.840.113549.1.1.1', // RFC 3370 4.2.1
  rsaesOaep: '1.2.840.113549.1.1.7', // RFC 3560 2.1
  mgf1: '1.2.840.113549.1.1.8',
  pSpecified: '1.2.840.113549.1.1.9',
  hmacSha1: '1.3.6.1.5.5.8.1.2', // RFC 3370 6.1
  hmacWithSHA1: '1.2.840.113549.2.7', // RFC 8018 B.1.1
  hmacWithSHA256: '1.2.840.113549.2.9', // RFC 4231 3.1
  hmacWithSHA384: '1.2.840.113549.2.10',
  hmacWithSHA512: '1.2.840.113549.2.11',
  zlibCompress: '1.2.840.113549.1.9.16.3.8', // RFC 3274 1.1
  dsa: '1.2.840.10040.4.1', // RFC 3279 2.3.2
  dsaWithSha1: '1.2.840.10040.4.3', // RFC 3370 3.1
  subjectKeyIdentifier: '2.5.29.14', // RFC 5280 4.2.1.2
  countersignature: '1.2.840.113549.1.9.6',
} as const;

const DIGEST: Record<string, string> = { [OID.sha1]: 'sha1', [OID.sha256]: 'sha256', [OID.sha384]: 'sha384', [OID.sha512]: 'sha512' };
const HMAC: Record<string, string> = {
  [OID.hmacSha1]: 'sha1', [OID.hmacWithSHA1]: 'sha1', [OID.hmacWithSHA256]: 'sha256', [OID.hmacWithSHA384]: 'sha384', [OID.hmacWithSHA512]: 'sha512',
};
/** Content-encryption algorithms: Node cipher name and key length (RFC 3565, RFC 3370, RFC 5084). */
const CIPHER: Record<string, { name: string; keyLength: number; mode: 'cbc' | 'gcm' | 'ccm' }> = {
  [OID.aes128Cbc]: { name: 'aes-128-cbc', keyLength: 16, mode: 'cbc' },
  [OID.aes192Cbc]: { name: 'aes-192-cbc', keyLength: 24, mode: 'cbc' },
  [OID.aes256Cbc]: { name: 'aes-256-cbc', keyLength: 32, mode: 'cbc' },
  [OID.desEde3Cbc]: { name: 'des-ede3-cbc', keyLength: 24, mode: 'cbc' },
  [OID.aes128Gcm]: { name: 'aes-128-gcm', keyLength: 16, mode: 'gcm' },
  [OID.aes192Gcm]: { name: 'aes-192-gcm', keyLength: 24, mode: 'gcm' },
  [OID.aes256Gcm]: { name: 'aes-256-gcm', keyLength: 32, mode: 'gcm' },
  [OID.aes128Ccm]: { name: 'aes-128-ccm', keyLength: 16, mode: 'ccm' },
  [OID.aes192Ccm]: { name: 'aes-192-ccm', keyLength: 24, mode: 'ccm' },
  [OID.aes256Ccm]: { name: 'aes-256-ccm', keyLength: 32, mode: 'ccm' },
};
/** AES key wrap (RFC 3394 / RFC 3565): Node cipher name and KEK length. */
const AES_WRAP: Record<string, { name: string; kekLength: number }> = {
  [OID.aes128Wrap]: { name: 'id-aes128-wrap', kekLength: 16 },
  [OID.aes192Wrap]: { name: 'id-aes192-wrap', kekLength: 24 },
  [OID.aes256Wrap]: { name: 'id-aes256-wrap', kekLength: 32 },
};
/** RFC 3394 2.2.3.1: the default initial value. */
const AES_WRAP_IV = Buffer.from('A6A6A6A6A6A6A6A6', 'hex');

// ---------------------------------------------------------------------------------------------
// ASN.1 helpers (reading through asn1js; the few encodings we need to build, built here)

const UNIVERSAL = 1;
const CONTEXT = 3;
const is = (n: Node | undefined, cls: number, tag: number): boolean => !!n && n.cls === cls && n.tag === tag;

/** Octets of an OCTET STRING, primitive or constructed (BER). */
const octets = (n: Node): Buffer => (n.constructed ? Buffer.concat(n.children.map(octets)) : Buffer.from(n.value));

function derLength(n: number): Buffer {
  if (n < 0x80) return Buffer.of(n);
  const b: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) b.unshift(v % 256);
  return Buffer.from([0x80 | b.length, ...b]);
}
const tlv = (tag: number, ...parts: Uint8Array[]): Buffer => {
  const body = Buffer.concat(parts);
  return Buffer.concat([Buffer.of(tag), derLength(body.length), body]);
};

/**
 * The DER of an IMPLICIT [n] SET OF re-tagged as a universal SET OF (0x31), as RFC 5652 5.4 (signed
 * attributes), 9.2 (authAttrs) and RFC 5083 2.2 (AAD) require for the bytes that are processed.
 */
function asSetOf(n: Node): Buffer {
  const raw = Buffer.from(n.raw);
  expect(raw[0]! & 0x1f, 'single-octet tag').not.toBe(0x1f);
  expect(raw[1], 'definite length (the attributes are DER)').not.toBe(0x80);
  raw[0] = 0x31;
  return raw;
}

const pemToDer = (pem: string): Buffer => Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
const corpusFile = (rel: string): Buffer => readFileSync(join(CORPUS, rel));
const certDer = (rel: string): Buffer => (rel.endsWith('.pem') ? pemToDer(corpusFile(rel).toString('latin1')) : corpusFile(rel));
const privateKey = (rel: string): KeyObject => createPrivateKey(corpusFile(rel));

/** The few fields of an X.509 certificate these checks need (RFC 5280 4.1). */
function certFields(der: Uint8Array): { raw: Uint8Array; serial: Node; issuer: Node; subject: Node; spki: Node; signatureAlgorithm: Node; ski?: Buffer } {
  const cert = decode(der);
  const tbs = child(cert, 0);
  const off = is(tbs.children[0], CONTEXT, 0) ? 1 : 0;
  let ski: Buffer | undefined;
  const extensions = tbs.children.find((c) => is(c, CONTEXT, 3));
  for (const ext of extensions ? child(extensions, 0).children : []) {
    if (oidOf(child(ext, 0)) === OID.subjectKeyIdentifier) ski = octets(decode(child(ext, ext.children.length - 1).value));
  }
  return { raw: cert.raw, serial: child(tbs, off), issuer: child(tbs, off + 2), subject: child(tbs, off + 4), spki: child(tbs, off + 5), signatureAlgorithm: child(cert, 1), ski };
}

/** The certificate a SignerIdentifier / RecipientIdentifier names (RFC 5652 5.3, 6.2.1). */
function matches(id: Node, cert: ReturnType<typeof certFields>): boolean {
  if (is(id, UNIVERSAL, 16)) return hex(child(id, 0).raw) === hex(cert.issuer.raw) && hex(child(id, 1).raw) === hex(cert.serial.raw);
  if (is(id, CONTEXT, 0)) return !!cert.ski && cert.ski.equals(Buffer.from(id.value));
  throw new Error(`unexpected identifier choice class ${id.cls} tag ${id.tag}`);
}

/** Attribute type -> values of an attribute SET OF. */
function attributeMap(set: Node): Map<string, Node[]> {
  const m = new Map<string, Node[]>();
  for (const a of set.children) {
    const type = oidOf(child(a, 0));
    expect(m.has(type), `attribute ${type} appears once`).toBe(false);
    m.set(type, child(a, 1).children);
  }
  return m;
}

function single(attrs: Map<string, Node[]>, type: string): Node {
  const values = attrs.get(type);
  expect(values, `attribute ${type} present`).toBeDefined();
  expect(values, `attribute ${type} has one value`).toHaveLength(1);
  return values![0]!;
}

const expectedContent = (s: Sample): Buffer => {
  expect(s.inputs.content, 'the manifest names the content').toBeDefined();
  return corpusFile(s.inputs.content!);
};

const contentOf = (ci: Node, type: string): Node => {
  expect(oidOf(child(ci, 0))).toBe(type);
  return child(child(ci, 1), 0);
};

/** EncryptedContentInfo (RFC 5652 6.1): { contentType, contentEncryptionAlgorithm, [0] IMPLICIT encryptedContent }. */
function encryptedContentInfo(eci: Node): { contentType: string; algorithm: string; params: Node | undefined; ciphertext: Buffer } {
  const alg = child(eci, 1);
  const enc = child(eci, 2);
  expect(is(enc, CONTEXT, 0), 'encryptedContent [0] present').toBe(true);
  return { contentType: oidOf(child(eci, 0)), algorithm: oidOf(child(alg, 0)), params: alg.children[1], ciphertext: octets(enc) };
}

/** CBC content decryption with RFC 5652 6.3 padding (removed and checked by Node). */
function decryptCbc(eci: ReturnType<typeof encryptedContentInfo>, cek: Buffer): Buffer {
  const c = CIPHER[eci.algorithm];
  expect(c?.mode, `content-encryption algorithm ${eci.algorithm}`).toBe('cbc');
  expect(cek.length, 'CEK length for the content-encryption algorithm').toBe(c!.keyLength);
  expect(is(eci.params, UNIVERSAL, 4), 'IV OCTET STRING parameter').toBe(true);
  const d = createDecipheriv(c!.name, cek, Buffer.from(eci.params!.value));
  return Buffer.concat([d.update(eci.ciphertext), d.final()]);
}

/** RFC 8017 7.2.2 (RSAES-PKCS1-v1_5 decryption), done here because Node 20 refuses the padding mode. */
function rsaPkcs1v15Decrypt(key: KeyObject, c: Uint8Array): Buffer {
  const em = privateDecrypt({ key, padding: constants.RSA_NO_PADDING }, c);
  const k = (key.asymmetricKeyDetails!.modulusLength! + 7) >> 3;
  expect(em.length).toBe(k);
  expect([em[0], em[1]], 'EM = 0x00 || 0x02 || PS || 0x00 || M').toEqual([0, 2]);
  const sep = em.indexOf(0, 2);
  expect(sep, 'separator after a PS of at least 8 octets').toBeGreaterThanOrEqual(10);
  return em.subarray(sep + 1);
}

/** RSAES-OAEP-params (RFC 3560 3, RFC 8017 A.2.1): hash, MGF1 hash, label; defaults SHA-1 / empty. */
function oaepParams(p: Node | undefined): { hash: string; mgfHash: string; label: Uint8Array } {
  let hash = OID.sha1 as string;
  let mgfHash = OID.sha1 as string;
  let label: Buffer = Buffer.alloc(0);
  for (const f of p?.children ?? []) {
    if (is(f, CONTEXT, 0)) hash = oidOf(child(child(f, 0), 0));
    else if (is(f, CONTEXT, 1)) {
      const mgf = child(f, 0);
      expect(oidOf(child(mgf, 0)), 'mask generation function MGF1').toBe(OID.mgf1);
      mgfHash = oidOf(child(child(mgf, 1), 0));
    } else if (is(f, CONTEXT, 2)) {
      const src = child(f, 0);
      expect(oidOf(child(src, 0))).toBe(OID.pSpecified);
      label = octets(child(src, 1));
    }
  }
  return { hash: DIGEST[hash]!, mgfHash: DIGEST[mgfHash]!, label };
}

/**
 * The one KeyTransRecipientInfo for the manifest's recipient (RFC 5652 6.2.1): its rid names the
 * recipient certificate; returns the key-encryption algorithm and the encrypted key.
 */
function ktriFor(s: Sample, recipientInfos: Node): { alg: Node; encryptedKey: Buffer } {
  expect(s.inputs.recipient, 'the manifest names a recipient').toBeDefined();
  const cert = certFields(certDer(s.inputs.recipient!.cert));
  const ktris = recipientInfos.children.filter((ri) => is(ri, UNIVERSAL, 16) && matches(child(ri, 1), cert));
  expect(ktris, 'one KeyTransRecipientInfo for the recipient certificate').toHaveLength(1);
  return { alg: child(ktris[0]!, 2), encryptedKey: octets(child(ktris[0]!, 3)) };
}

// ---------------------------------------------------------------------------------------------
// The checks

/**
 * RFC 8419 3.1 / RFC 5652 5.4: each SignerInfo's Ed25519/Ed448 signature verifies over the DER of
 * its signed attributes (re-tagged SET OF) with the key of the certificate in the message its sid
 * names; message-digest is SHA-512 (Ed25519) or SHAKE256/512 (Ed448) of the content.
 */
/**
 * A SignedData's parts that every signer check needs: the eContent checked against the content
 * file (absent when detached), the content signed, the certificates in the message, the signers.
 */
function signedDataParts(s: Sample, cms: Uint8Array): { eContentType: string; content: Buffer; inMessage: ReturnType<typeof certFields>[]; signerInfos: Node } {
  const sd = contentOf(decode(cms), OID.signedData);
  const encap = child(sd, 2);
  const eContent = encap.children[1] ? octets(child(encap.children[1], 0)) : undefined;
  const expected = expectedContent(s);
  if (s.inputs.detached) expect(eContent, 'detached: eContent absent').toBeUndefined();
  else expect(eContent?.equals(expected), 'eContent is the content file').toBe(true);
  const certs = sd.children.find((c, i) => i > 2 && is(c, CONTEXT, 0));
  const inMessage = (certs?.children ?? []).filter((c) => is(c, UNIVERSAL, 16)).map((c) => certFields(c.raw));
  const signerInfos = sd.children[sd.children.length - 1]!;
  expect(signerInfos.children.length).toBeGreaterThan(0);
  return { eContentType: oidOf(child(encap, 0)), content: eContent ?? expected, inMessage, signerInfos };
}

function checkEdDsaSignedData(s: Sample, cms: Uint8Array): void {
  const { eContentType, content, inMessage, signerInfos } = signedDataParts(s, cms);
  const manifestCerts = (s.inputs.signerCerts ?? []).map((f) => hex(certDer(f)));

  for (const si of signerInfos.children) {
    const cert = inMessage.find((c) => matches(child(si, 1), c));
    expect(cert, 'the signer certificate is in the message').toBeDefined();
    expect(manifestCerts, 'and is one the manifest names').toContain(hex(cert!.raw));
    const digestAlg = child(si, 2);
    const signed = child(si, 3);
    expect(is(signed, CONTEXT, 0), 'signed attributes present').toBe(true);
    const sigAlg = child(si, 4);
    const signature = child(si, 5).value;

    const curve = oidOf(child(sigAlg, 0));
    expect([OID.ed25519, OID.ed448]).toContain(curve);
    expect(sigAlg.children, 'signatureAlgorithm parameters absent (RFC 8419 3.1)').toHaveLength(1);
    const publicKey = new X509Certificate(cert!.raw).publicKey;
    expect(publicKey.asymmetricKeyType).toBe(curve === OID.ed25519 ? 'ed25519' : 'ed448');

    // The signature: PureEdDSA over the DER of the signed attributes with the SET OF tag.
    expect(verify(null, asSetOf(signed), publicKey, signature), 'EdDSA signature over the signed attributes').toBe(true);

    const attrs = attributeMap(signed);
    expect(oidOf(single(attrs, OID.contentType)), 'content-type attribute').toBe(eContentType);
    const md = Buffer.from(single(attrs, OID.messageDigest).value);
    if (curve === OID.ed25519) {
      expect(oidOf(child(digestAlg, 0)), 'Ed25519: id-sha512').toBe(OID.sha512);
      expect(digestAlg.children, 'id-sha512 parameters absent').toHaveLength(1);
      expect(md.toString('hex'), 'message-digest = SHA-512(content)').toBe(createHash('sha512').update(content).digest('hex'));
    } else {
      expect(oidOf(child(digestAlg, 0)), 'Ed448: id-shake256-len').toBe(OID.shake256Len);
      const len = child(digestAlg, 1);
      expect(is(len, UNIVERSAL, 2) && hex(len.value), 'id-shake256-len parameter 512').toBe('0200');
      expect(md.toString('hex'), 'message-digest = SHAKE256(content, 512 bits)')
        .toBe(createHash('shake256', { outputLength: 64 }).update(content).digest('hex'));
    }
  }
}

/**
 * RFC 8418 (with RFC 5652 6.2.2): X25519/X448 ephemeral-static ECDH with the originator key of the
 * KeyAgreeRecipientInfo, HKDF to the KEK with the DER ECC-CMS-SharedInfo as info and the ukm as
 * salt, AES key unwrap (RFC 3394) of the CEK, then CBC decryption of the content.
 */
interface XdhInputs {
  readonly z: Buffer;
  readonly ukm: Buffer | undefined;
  readonly hash: string;
  readonly sharedInfo: Buffer;
  readonly wrap: { readonly name: string; readonly kekLength: number };
  readonly encryptedKey: Buffer;
  readonly eci: ReturnType<typeof encryptedContentInfo>;
}

/** The KDF inputs of the one X25519/X448 KeyAgreeRecipientInfo of a sample, read from its bytes. */
function xdhInputs(s: Sample, cms: Uint8Array): XdhInputs {
  const ed = contentOf(decode(cms), OID.envelopedData);
  const ris = ed.children.find((c, i) => i > 0 && is(c, UNIVERSAL, 17))!;
  const eci = encryptedContentInfo(ed.children[ed.children.indexOf(ris) + 1]!);
  const karis = ris.children.filter((ri) => is(ri, CONTEXT, 1));
  expect(karis, 'one KeyAgreeRecipientInfo').toHaveLength(1);
  const kari = karis[0]!;

  // originator [0] EXPLICIT OriginatorIdentifierOrKey -> originatorKey [1] IMPLICIT OriginatorPublicKey
  const originator = child(kari, 1);
  expect(is(originator, CONTEXT, 0)).toBe(true);
  const originatorKey = child(originator, 0);
  expect(is(originatorKey, CONTEXT, 1), 'originatorKey (RFC 8418 3: the ephemeral public key)').toBe(true);
  const keyAlg = child(originatorKey, 0);
  const curve = oidOf(child(keyAlg, 0));
  expect([OID.x25519, OID.x448]).toContain(curve);
  expect(keyAlg.children, 'X25519/X448 AlgorithmIdentifier parameters absent (RFC 8410 3)').toHaveLength(1);
  const spki = tlv(0x30, keyAlg.raw, child(originatorKey, 1).raw);
  const originatorPublic = createPublicKey({ key: spki, format: 'der', type: 'spki' });

  let i = 2;
  const ukm = is(kari.children[i], CONTEXT, 1) ? octets(child(kari.children[i++]!, 0)) : undefined;
  const kea = child(kari, i++);
  const scheme = oidOf(child(kea, 0));
  const hash = { [OID.hkdfSha256]: 'sha256', [OID.hkdfSha384]: 'sha384', [OID.hkdfSha512]: 'sha512' }[scheme];
  expect(hash, `HKDF key agreement scheme (RFC 8418 4), got ${scheme}`).toBeDefined();
  const wrapAlg = child(kea, 1);
  const wrap = AES_WRAP[oidOf(child(wrapAlg, 0))];
  expect(wrap, 'AES key wrap').toBeDefined();
  expect(wrapAlg.children, 'AES key wrap parameters absent (RFC 3565 2.3.2)').toHaveLength(1);

  const recipientCert = certFields(certDer(s.inputs.recipient!.cert));
  const reks = child(kari, i++).children.filter((rek) => matches(child(rek, 0), recipientCert));
  expect(reks, 'one RecipientEncryptedKey for the recipient certificate').toHaveLength(1);
  const encryptedKey = octets(child(reks[0]!, 1));

  const bob = privateKey(s.inputs.recipient!.key);
  expect(bob.asymmetricKeyType).toBe(curve === OID.x25519 ? 'x25519' : 'x448');
  const z = Buffer.from(diffieHellman({ privateKey: bob, publicKey: originatorPublic }));

  // RFC 8418 2: ECC-CMS-SharedInfo ::= SEQUENCE { keyInfo AlgorithmIdentifier,
  //   entityUInfo [0] EXPLICIT OCTET STRING OPTIONAL, suppPubInfo [2] EXPLICIT OCTET STRING }
  const bits = Buffer.alloc(4);
  bits.writeUInt32BE(wrap!.kekLength * 8);
  const sharedInfo = tlv(0x30,
    tlv(0x30, child(wrapAlg, 0).raw),
    ...(ukm ? [tlv(0xa0, tlv(0x04, ukm))] : []),
    tlv(0xa2, tlv(0x04, bits)));
  return { z, ukm, hash: hash!, sharedInfo, wrap: wrap!, encryptedKey, eci };
}

/** HKDF (RFC 5869) to the KEK, then the RFC 3394 unwrap of the CEK, whose integrity check throws on a wrong KEK. */
function xdhUnwrap(x: XdhInputs, salt: Buffer): Buffer {
  const kek = Buffer.from(hkdfSync(x.hash, x.z, salt, x.sharedInfo, x.wrap.kekLength));
  const unwrap = createDecipheriv(x.wrap.name, kek, AES_WRAP_IV);
  return Buffer.concat([unwrap.update(x.encryptedKey), unwrap.final()]);
}

function checkXdhEnvelopedData(s: Sample, cms: Uint8Array): void {
  const x = xdhInputs(s, cms);
  // RFC 8418 2.2: salt = ukm when present, else none (HKDF then uses HashLen zero octets, which
  // HMAC treats exactly as the empty key).
  const cek = xdhUnwrap(x, x.ukm ?? Buffer.alloc(0));
  expect(x.eci.contentType).toBe(OID.data);
  expect(decryptCbc(x.eci, cek).equals(expectedContent(s)), 'decrypted content is the content file').toBe(true);
}

/** RFC 5652 6.2.3 + RFC 3370 4.3.1 (RFC 3217 3.2 unwrap): KEKRecipientInfo with id-alg-CMS3DESwrap. */
function checkKek3desEnvelopedData(s: Sample, cms: Uint8Array): void {
  const ed = contentOf(decode(cms), OID.envelopedData);
  const ris = ed.children.find((c, i) => i > 0 && is(c, UNIVERSAL, 17))!;
  const eci = encryptedContentInfo(ed.children[ed.children.indexOf(ris) + 1]!);
  expect(s.inputs.kek, 'the manifest gives the KEK').toBeDefined();
  const kekris = ris.children.filter((ri) => is(ri, CONTEXT, 2));
  expect(kekris, 'one KEKRecipientInfo').toHaveLength(1);
  const kekri = kekris[0]!;
  const kekid = child(kekri, 1);
  expect(hex(child(kekid, 0).value), 'KEKIdentifier keyIdentifier').toBe(s.inputs.kek!.keyId);
  const kea = child(kekri, 2);
  expect(oidOf(child(kea, 0))).toBe(OID.cms3DESwrap);
  expect(is(kea.children[1], UNIVERSAL, 5), 'id-alg-CMS3DESwrap parameters NULL (RFC 3370 4.3.1)').toBe(true);

  const kek = Buffer.from(s.inputs.kek!.key, 'hex');
  expect(kek.length).toBe(24);
  const unwrap = createDecipheriv('id-smime-alg-CMS3DESwrap', kek, null);
  const cek = Buffer.concat([unwrap.update(octets(child(kekri, 3))), unwrap.final()]);
  // RFC 3217 3.1 step 1: the wrapped key has odd parity in every octet.
  for (const [j, b] of cek.entries()) {
    let ones = 0;
    for (let v = b; v; v >>= 1) ones += v & 1;
    expect(ones % 2, `CEK octet ${j} has odd parity`).toBe(1);
  }
  expect(eci.contentType).toBe(OID.data);
  expect(decryptCbc(eci, cek).equals(expectedContent(s)), 'decrypted content is the content file').toBe(true);
}

/**
 * RFC 5083 2 + RFC 5084 + RFC 3560: RSA-OAEP key transport of the CEK, then AES-GCM / AES-CCM with
 * the nonce and ICV length of the parameters, the mac as the tag and the DER authAttrs (re-tagged
 * SET OF) as the AAD when present.
 */
/** The CEK of an RSAES-OAEP KeyTransRecipientInfo (RFC 3560), with Node's OAEP. */
function oaepCek(s: Sample, ris: Node): Buffer {
  const { alg, encryptedKey } = ktriFor(s, ris);
  expect(oidOf(child(alg, 0))).toBe(OID.rsaesOaep);
  const oaep = oaepParams(alg.children[1]);
  expect(oaep.mgfHash, 'MGF1 hash = OAEP hash (what Node supports; RFC 8017 recommends it)').toBe(oaep.hash);
  return privateDecrypt({ key: privateKey(s.inputs.recipient!.key), padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: oaep.hash, ...(oaep.label.length ? { oaepLabel: oaep.label } : {}) }, encryptedKey);
}

function checkAuthEnvelopedData(s: Sample, cms: Uint8Array): void {
  const aed = contentOf(decode(cms), OID.authEnvelopedData);
  let i = 1;
  if (is(aed.children[i], CONTEXT, 0)) i++;
  const ris = child(aed, i++);
  const eci = encryptedContentInfo(child(aed, i++));
  const authAttrs = is(aed.children[i], CONTEXT, 1) ? aed.children[i++] : undefined;
  const mac = Buffer.from(child(aed, i).value);
  expect(s.features.includes('auth-attrs'), 'authAttrs present as the manifest says').toBe(!!authAttrs);

  const cek = ris.children.some((r) => is(r, CONTEXT, 4)) ? kemriCek(s, ris) : oaepCek(s, ris);

  const c = CIPHER[eci.algorithm];
  expect(c && c.mode !== 'cbc', `authenticated encryption algorithm ${eci.algorithm}`).toBe(true);
  expect(cek.length, 'CEK length').toBe(c!.keyLength);
  // GCMParameters / CCMParameters ::= SEQUENCE { aes-nonce OCTET STRING, aes-ICVlen DEFAULT 12 }
  const params = eci.params!;
  const nonce = Buffer.from(child(params, 0).value);
  const icvLen = params.children[1] ? child(params, 1).value.reduce((a, b) => a * 256 + b, 0) : 12;
  if (c!.mode === 'ccm') {
    expect(nonce.length, 'CCM nonce 7..13 octets (RFC 5084 3.1)').toBeGreaterThanOrEqual(7);
    expect(nonce.length).toBeLessThanOrEqual(13);
    expect([4, 6, 8, 10, 12, 14, 16], 'CCM ICV length').toContain(icvLen);
  } else {
    expect([12, 13, 14, 15, 16], 'GCM ICV length (RFC 5084 3.2)').toContain(icvLen);
  }
  expect(mac.length, 'mac is the ICV').toBe(icvLen);

  const aad = authAttrs ? asSetOf(authAttrs) : Buffer.alloc(0);
  let plaintext: Buffer;
  if (c!.mode === 'gcm') {
    const d = createDecipheriv(c!.name as 'aes-128-gcm', cek, nonce, { authTagLength: icvLen });
    d.setAuthTag(mac);
    if (aad.length) d.setAAD(aad);
    plaintext = Buffer.concat([d.update(eci.ciphertext), d.final()]);
  } else {
    const d = createDecipheriv(c!.name as 'aes-128-ccm', cek, nonce, { authTagLength: icvLen });
    d.setAuthTag(mac);
    d.setAAD(aad, { plaintextLength: eci.ciphertext.length });
    plaintext = Buffer.concat([d.update(eci.ciphertext), d.final()]);
  }
  expect(eci.contentType).toBe(OID.data);
  expect(plaintext.equals(expectedContent(s)), 'decrypted content is the content file').toBe(true);
  if (authAttrs) {
    const attrs = attributeMap(authAttrs);
    // RFC 5083 2.1: the message-digest attribute SHOULD NOT be included.
    expect(attrs.has(OID.messageDigest), 'no message-digest in AuthEnvelopedData authAttrs').toBe(false);
  }
}

/**
 * RFC 5652 9 + RFC 3370 4.2.1 / 6: the MAC key by RSA PKCS #1 v1.5 key transport; HMAC over the
 * DER authAttrs (re-tagged SET OF) when present, else over the eContent; message-digest and
 * content-type attributes checked when authAttrs are present.
 */
function checkAuthenticatedData(s: Sample, cms: Uint8Array): void {
  const ad = contentOf(decode(cms), OID.authData);
  let i = 1;
  if (is(ad.children[i], CONTEXT, 0)) i++;
  const ris = child(ad, i++);
  const macAlg = child(ad, i++);
  const digestAlg = is(ad.children[i], CONTEXT, 1) ? ad.children[i++] : undefined;
  const encap = child(ad, i++);
  const authAttrs = is(ad.children[i], CONTEXT, 2) ? ad.children[i++] : undefined;
  const mac = Buffer.from(child(ad, i).value);
  expect(s.features.includes('auth-attrs'), 'authAttrs present as the manifest says').toBe(!!authAttrs);
  expect(!!digestAlg, 'digestAlgorithm present exactly when authAttrs are (RFC 5652 9.1)').toBe(!!authAttrs);

  const { alg, encryptedKey } = ktriFor(s, ris);
  expect(oidOf(child(alg, 0))).toBe(OID.rsaEncryption);
  expect(is(alg.children[1], UNIVERSAL, 5), 'rsaEncryption parameters NULL (RFC 3370 4.2.1)').toBe(true);
  const macKey = rsaPkcs1v15Decrypt(privateKey(s.inputs.recipient!.key), encryptedKey);

  const hmacHash = HMAC[oidOf(child(macAlg, 0))];
  expect(hmacHash, `MAC algorithm ${oidOf(child(macAlg, 0))}`).toBeDefined();
  const eContentType = oidOf(child(encap, 0));
  const eContent = octets(child(child(encap, 1), 0));
  expect(eContent.equals(expectedContent(s)), 'eContent is the content file').toBe(true);

  let macInput: Uint8Array;
  if (authAttrs) {
    macInput = asSetOf(authAttrs);
    const attrs = attributeMap(authAttrs);
    expect(oidOf(single(attrs, OID.contentType)), 'content-type attribute').toBe(eContentType);
    const digest = DIGEST[oidOf(child(digestAlg!, 0))];
    expect(digest, 'digest algorithm').toBeDefined();
    expect(hex(single(attrs, OID.messageDigest).value), 'message-digest = digest of the eContent (RFC 5652 9.2)')
      .toBe(createHash(digest!).update(eContent).digest('hex'));
  } else {
    expect(eContentType, 'authAttrs may be absent only for id-data (RFC 5652 9.1)').toBe(OID.data);
    macInput = eContent;
  }
  expect(createHmac(hmacHash!, macKey).update(macInput).digest('hex'), 'mac').toBe(mac.toString('hex'));
}

/** RFC 3274 1.1 / 2: the eContent of CompressedData is the content in zlib format (RFC 1950). */
function checkCompressedData(s: Sample, cms: Uint8Array): void {
  const cd = contentOf(decode(cms), OID.compressedData);
  const alg = child(cd, 1);
  expect(oidOf(child(alg, 0))).toBe(OID.zlibCompress);
  const encap = child(cd, 2);
  const compressed = octets(child(child(encap, 1), 0));
  expect(inflateSync(compressed).equals(expectedContent(s)), 'inflated content is the content file').toBe(true);
}

/**
 * RFC 4134 4.6: two DSA signers without signed attributes, so each signature is over the content
 * itself (RFC 5652 5.4) with SHA-1. DianeDSS's certificate carries no DSA parameters; by RFC 3279
 * 2.3.2 her key uses those of the CA that signed her certificate with DSA (CarlDSS), so her
 * SubjectPublicKeyInfo is rebuilt with CarlDSS's Dss-Parms before Node can load it.
 */
function checkDsaTwoSigners(s: Sample, cms: Uint8Array): void {
  const sd = contentOf(decode(cms), OID.signedData);
  const encap = child(sd, 2);
  const content = octets(child(child(encap, 1), 0));
  expect(content.equals(expectedContent(s)), 'eContent is the content file').toBe(true);
  const certs = sd.children.find((c, i) => i > 2 && is(c, CONTEXT, 0));
  const inMessage = (certs?.children ?? []).filter((c) => is(c, UNIVERSAL, 16)).map((c) => certFields(c.raw));
  const candidates = [...inMessage, ...manifest.trustAnchors.map((f) => certFields(certDer(f)))];
  const signerInfos = sd.children[sd.children.length - 1]!;
  expect(signerInfos.children).toHaveLength(2);

  let inherited = 0;
  for (const si of signerInfos.children) {
    const cert = inMessage.find((c) => matches(child(si, 1), c));
    expect(cert, 'the signer certificate is in the message').toBeDefined();
    const digest = DIGEST[oidOf(child(child(si, 2), 0))];
    expect(digest).toBe('sha1');
    expect(is(si.children[3], CONTEXT, 0), 'no signed attributes').toBe(false);
    const signature = child(si, 4).value;

    const keyAlg = child(cert!.spki, 0);
    expect(oidOf(child(keyAlg, 0))).toBe(OID.dsa);
    let spki: Uint8Array = cert!.spki.raw;
    if (keyAlg.children.length === 1) {
      // RFC 3279 2.3.2: parameters omitted -> the issuer's, if the issuer signed with DSA.
      inherited++;
      expect(oidOf(child(cert!.signatureAlgorithm, 0)), 'the CA signed the certificate with DSA').toBe(OID.dsaWithSha1);
      const ca = candidates.find((c) => hex(c.subject.raw) === hex(cert!.issuer.raw) && child(c.spki, 0).children.length === 2);
      expect(ca, 'the issuing CA certificate, with DSA parameters').toBeDefined();
      const caAlg = child(ca!.spki, 0);
      expect(oidOf(child(caAlg, 0))).toBe(OID.dsa);
      spki = tlv(0x30, tlv(0x30, child(keyAlg, 0).raw, child(caAlg, 1).raw), child(cert!.spki, 1).raw);
      // ...and the CA key with those parameters verifies the signer's certificate.
      const caKey = createPublicKey({ key: Buffer.from(ca!.spki.raw), format: 'der', type: 'spki' });
      const tbs = child(decode(cert!.raw), 0).raw;
      expect(verify('sha1', tbs, caKey, child(decode(cert!.raw), 2).value.subarray(1)), 'the CA signed the signer certificate').toBe(true);
    }
    const key = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
    expect(key.asymmetricKeyType).toBe('dsa');
    expect(verify(digest!, content, key, signature), 'DSA signature over the content').toBe(true);
  }
  expect(inherited, 'one signer (DianeDSS) inherits the CA parameters').toBe(1);
}

type Check = (s: Sample, cms: Uint8Array) => void;

/** Which independent check applies to a sample, or undefined when none does. */
/**
 * Post-quantum signers (RFC 9882 ML-DSA, RFC 9814 SLH-DSA): the pure algorithms with an empty
 * context string, over the DER SET OF signed attributes, or over the content when there are none
 * (RFC 5652 5.4); the public key is the certificate's subjectPublicKey BIT STRING as it is
 * (FIPS 204/205 encodings, RFC 9881 / RFC 9909); signatureAlgorithm without parameters.
 * @noble/post-quantum does the lattice and hash arithmetic; the DER is read here.
 */
const PQ_SIGNERS: Record<string, { name: string; verify: (sig: Uint8Array, msg: Uint8Array, pk: Uint8Array) => boolean }> = {
  '2.16.840.1.101.3.4.3.17': { name: 'ML-DSA-44', verify: (g, m, k) => ml_dsa44.verify(g, m, k) },
  '2.16.840.1.101.3.4.3.18': { name: 'ML-DSA-65', verify: (g, m, k) => ml_dsa65.verify(g, m, k) },
  '2.16.840.1.101.3.4.3.19': { name: 'ML-DSA-87', verify: (g, m, k) => ml_dsa87.verify(g, m, k) },
  '2.16.840.1.101.3.4.3.21': { name: 'SLH-DSA-SHA2-128f', verify: (g, m, k) => slh_dsa_sha2_128f.verify(g, m, k) },
};

/** subjectPublicKeyInfo { algorithm, subjectPublicKey BIT STRING }: the OID and the key octets. */
function spkiKey(spki: Node): { oid: string; key: Uint8Array } {
  const bits = child(spki, 1);
  expect(bits.value[0], 'no unused bits').toBe(0);
  return { oid: oidOf(child(child(spki, 0), 0)), key: bits.value.subarray(1) };
}

function checkPqSignedData(s: Sample, cms: Uint8Array): void {
  const { content, inMessage, signerInfos } = signedDataParts(s, cms);
  for (const si of signerInfos.children) {
    const cert = inMessage.find((c) => matches(child(si, 1), c));
    expect(cert, 'the signer certificate is in the message').toBeDefined();
    const digestAlg = child(si, 2);
    const signedAt = is(si.children[3], CONTEXT, 0) ? si.children[3] : undefined;
    const sigAlg = child(si, signedAt ? 4 : 3);
    const signature = child(si, signedAt ? 5 : 4).value;
    const alg = oidOf(child(sigAlg, 0));
    const scheme = PQ_SIGNERS[alg];
    expect(scheme, `a post-quantum signature algorithm: ${alg}`).toBeDefined();
    expect(sigAlg.children, `${scheme!.name} signatureAlgorithm parameters absent (RFC 9882 2)`).toHaveLength(1);
    const pk = spkiKey(cert!.spki);
    expect(pk.oid, 'the certificate key is of the signature algorithm').toBe(alg);
    const signedBytes = signedAt ? asSetOf(signedAt) : content;
    expect(scheme!.verify(signature, signedBytes, pk.key), `${scheme!.name} signature over the ${signedAt ? 'signed attributes' : 'content'}`).toBe(true);
    if (signedAt) {
      const attrs = attributeMap(signedAt);
      const md = Buffer.from(single(attrs, OID.messageDigest).value);
      const hash = DIGEST[oidOf(child(digestAlg, 0))];
      expect(hash, 'a SHA-2 digest algorithm').toBeDefined();
      expect(md.equals(createHash(hash!).update(content).digest()), 'message-digest is the digest of the content').toBe(true);
    }
  }
}

/** ML-KEM (FIPS 203) by OID, with the lengths of RFC 9936's KEMRecipientInfo fields. */
const ML_KEMS: Record<string, { name: string; ctLength: number; fromSeed: (seed: Uint8Array) => { secretKey: Uint8Array }; decapsulate: (ct: Uint8Array, sk: Uint8Array) => Uint8Array }> = {
  '2.16.840.1.101.3.4.4.1': { name: 'ML-KEM-512', ctLength: 768, fromSeed: (x) => ml_kem512.keygen(x), decapsulate: (c, k) => ml_kem512.decapsulate(c, k) },
  '2.16.840.1.101.3.4.4.2': { name: 'ML-KEM-768', ctLength: 1088, fromSeed: (x) => ml_kem768.keygen(x), decapsulate: (c, k) => ml_kem768.decapsulate(c, k) },
  '2.16.840.1.101.3.4.4.3': { name: 'ML-KEM-1024', ctLength: 1568, fromSeed: (x) => ml_kem1024.keygen(x), decapsulate: (c, k) => ml_kem1024.decapsulate(c, k) },
};
const ID_ORI_KEM = '1.2.840.113549.1.9.16.13.3'; // RFC 9629 3
const HKDF_SHA256 = '1.2.840.113549.1.9.16.3.28'; // RFC 8619 2

/**
 * RFC 9629 + RFC 9936: the one KEMRecipientInfo (OtherRecipientInfo [4] with id-ori-kem) opened
 * with the recipient's ML-KEM key (PKCS #8 holding the 64-octet seed, RFC 9935), the KEK derived
 * by HKDF-SHA256 from the shared secret with info = DER CMSORIforKEMOtherInfo { wrap, kekLength,
 * ukm [0] EXPLICIT OPTIONAL } and no salt, then the CEK unwrapped with AES key wrap.
 */
function kemriCek(s: Sample, ris: Node): Buffer {
  const oris = ris.children.filter((r) => is(r, CONTEXT, 4));
  expect(oris, 'one OtherRecipientInfo').toHaveLength(1);
  expect(oidOf(child(oris[0]!, 0)), 'oriType id-ori-kem').toBe(ID_ORI_KEM);
  const kemri = child(oris[0]!, 1);
  let i = 0;
  expect(child(kemri, i++).value[0], 'KEMRecipientInfo version 0').toBe(0);
  i++; // rid
  const kem = ML_KEMS[oidOf(child(child(kemri, i++), 0))];
  expect(kem, 'an ML-KEM kem').toBeDefined();
  const kemct = child(kemri, i++).value;
  expect(kemct.length, `${kem!.name} ciphertext length`).toBe(kem!.ctLength);
  const kdf = child(kemri, i++);
  expect(oidOf(child(kdf, 0)), 'kdf id-alg-hkdf-with-sha256').toBe(HKDF_SHA256);
  const kekLengthNode = child(kemri, i++);
  const kekLength = kekLengthNode.value.reduce((a, b) => a * 256 + b, 0);
  const ukm = is(kemri.children[i], CONTEXT, 0) ? kemri.children[i++] : undefined;
  const wrapAlg = child(kemri, i++);
  const encryptedKey = child(kemri, i).value;
  const wrap = AES_WRAP[oidOf(child(wrapAlg, 0))];
  expect(wrap, 'an AES key wrap').toBeDefined();
  expect(kekLength, 'kekLength is the key size of the wrap').toBe(wrap!.kekLength);

  const keyFile = s.inputs.recipient!.key;
  const pkcs8 = decode(keyFile.endsWith('.pem') ? pemToDer(corpusFile(keyFile).toString('latin1')) : corpusFile(keyFile));
  // PrivateKeyInfo.privateKey holds the ML-KEM-PrivateKey CHOICE; the seed form is [0] IMPLICIT
  // OCTET STRING (SIZE (64)), read by hand here: 80 40 followed by d || z.
  const choice = child(pkcs8, 2).value;
  expect([choice[0], choice[1], choice.length], 'the private key is the 64-octet seed form [0]').toEqual([0x80, 64, 66]);
  const ss = kem!.decapsulate(kemct, kem!.fromSeed(choice.subarray(2)).secretKey);
  const info = tlv(0x30, wrapAlg.raw, kekLengthNode.raw, ...(ukm ? [ukm.raw] : []));
  const kek = Buffer.from(hkdfSync('sha256', ss, Buffer.alloc(0), info, kekLength));
  const unwrap = createDecipheriv(wrap!.name, kek, AES_WRAP_IV);
  return Buffer.concat([unwrap.update(encryptedKey), unwrap.final()]);
}

function checkKemEnvelopedData(s: Sample, cms: Uint8Array): void {
  const ed = contentOf(decode(cms), OID.envelopedData);
  let i = 1;
  if (is(ed.children[i], CONTEXT, 0)) i++;
  const cek = kemriCek(s, child(ed, i++));
  const eci = encryptedContentInfo(child(ed, i));
  expect(eci.contentType).toBe(OID.data);
  expect(decryptCbc(eci, cek).equals(expectedContent(s)), 'decrypted content is the content file').toBe(true);
}

function checkFor(s: Sample): Check | undefined {
  const alg = (a: string): boolean => (s.algorithms as readonly string[]).includes(a);
  if (s.id === 'rfc4134/4.6-signed-two-signers') return checkDsaTwoSigners;
  if (s.features.includes('post-quantum')) {
    if (s.contentType === 'signedData') return checkPqSignedData;
    if (s.contentType === 'envelopedData' && s.features.includes('kemri')) return checkKemEnvelopedData;
  }
  if (s.contentType === 'signedData' && (alg('ed25519') || alg('ed448'))) return checkEdDsaSignedData;
  if (s.contentType === 'envelopedData' && (alg('x25519') || alg('x448'))) return checkXdhEnvelopedData;
  if (s.contentType === 'envelopedData' && s.features.includes('kekri') && alg('3des-wrap')) return checkKek3desEnvelopedData;
  if (s.contentType === 'authEnvelopedData') return checkAuthEnvelopedData;
  if (s.contentType === 'authData') return checkAuthenticatedData;
  if (s.contentType === 'compressedData') return checkCompressedData;
  return undefined;
}

describe('independent cryptographic checks of the samples OpenSSL 3.0 cannot process', () => {
  const ids = Object.keys(OPENSSL_UNSUPPORTED);
  it('the list is not empty', () => expect(ids.length).toBeGreaterThan(0));

  for (const id of ids) {
    it(id, () => {
      const s = manifest.samples.find((x) => x.id === id);
      expect(s, 'the listed sample is in the manifest').toBeDefined();
      const check = checkFor(s!);
      expect(check, `no independent check for ${id}: write one before listing it in openssl-known.ts`).toBeDefined();
      check!(s!, cmsBytes(s!));
    });
  }
});

/**
 * Bouncy Castle 1.86 fails the X448 sample at the unwrap ("InvalidKeyException: checksum failed",
 * the RFC 3394 integrity check), while it opens the X25519 one. The two differ in the ukm: only the
 * X448 sample carries one. RFC 8418 2.2: "If the ukm is present, the ukm is also used as the HKDF
 * salt", and "if ukm is provided, then salt = ukm, else salt is not provided". BC 1.86's
 * JceKeyAgreeRecipient (bytecode of bcpkix 1.86.2, javap) builds the ECC-CMS-SharedInfo with the ukm
 * as entityUInfo and passes it as new UserKeyingMaterialSpec(sharedInfo), the constructor without a
 * salt, so its HKDF-Extract runs with no salt. Computed here, independently of the generator: the
 * sample's KEK under the RFC's reading opens the CEK and the content; under BC's reading (same
 * SharedInfo, no salt) the unwrap fails its integrity check, which is BC's error. So the sample is
 * right and BC diverges (expectations/bouncycastle.yaml). OpenSSL 3.6 cannot arbitrate: it has no
 * RFC 8418 key agreement in CMS at all (decrypting fails with "ossl_ecx_compute_key: missing key",
 * encrypting to an X448 certificate with "output buffer too small", for X25519 as for X448).
 */
describe('RFC 8418 2.2 settles the X448 sample against Bouncy Castle 1.86', () => {
  const s = manifest.samples.find((x) => x.id === 'enveloped-data/x448/aes-256-cbc')!;
  const x = xdhInputs(s, cmsBytes(s));

  it('the sample carries a ukm and uses HKDF-SHA-512 with AES-256 key wrap', () => {
    expect(x.ukm?.length).toBeGreaterThan(0);
    expect([x.hash, x.wrap.kekLength]).toEqual(['sha512', 32]);
  });

  it('with the ukm as HKDF salt (RFC 8418 2.2) the CEK unwraps and the content decrypts', () => {
    expect(decryptCbc(x.eci, xdhUnwrap(x, x.ukm!)).equals(expectedContent(s))).toBe(true);
  });

  it('without a salt, as BC 1.86 derives it, the unwrap fails its integrity check (BC: "checksum failed")', () => {
    expect(() => xdhUnwrap(x, Buffer.alloc(0))).toThrow();
  });

  it('Bouncy Castle 1.86 rejects the sample at the unwrap, as expectations/bouncycastle.yaml records, and opens it once the CEK is wrapped under the no-salt KEK', async () => {
    expect(sidRootReady(), 'the Debian unstable root (scripts/setup-stacks.sh)').toBe(true);
    const entry = loadExpectations('bouncycastle').find((e) => e.sample === s.id);
    expect(entry && [entry.outcome, entry.since]).toEqual(['reject', '1.86']);
    const bc = createSidBouncyCastleAdapter();
    try {
      const bytes = cmsBytes(s);
      const asSent = await bc.consume({ manifest, dir: CORPUS, sample: s, bytes });
      expect(asSent.verdict === 'reject' ? asSent.error : asSent.verdict).toMatch(/checksum failed/);
      // The same message with the CEK wrapped under BC's KEK (HKDF without salt): BC opens it.
      const cek = xdhUnwrap(x, x.ukm!);
      const kek = Buffer.from(hkdfSync(x.hash, x.z, Buffer.alloc(0), x.sharedInfo, x.wrap.kekLength));
      const wrap = createCipheriv(x.wrap.name, kek, AES_WRAP_IV);
      const rewrapped = Buffer.concat([wrap.update(cek), wrap.final()]);
      const at = Buffer.from(bytes).indexOf(x.encryptedKey);
      expect(at > 0 && rewrapped.length === x.encryptedKey.length).toBe(true);
      const bcs = Uint8Array.from(bytes);
      bcs.set(rewrapped, at);
      const opened = await bc.consume({ manifest, dir: CORPUS, sample: s, bytes: bcs });
      expect(opened.verdict === 'accept' ? Buffer.from(opened.content ?? []).equals(expectedContent(s)) : opened).toBe(true);
    } finally {
      await bc.close();
    }
  }, 120_000);

  it('the X25519 sample, which BC opens, has no ukm: there the two readings agree', () => {
    const x25519 = manifest.samples.find((y) => y.id === 'enveloped-data/x25519/aes-128-cbc')!;
    const y = xdhInputs(x25519, cmsBytes(x25519));
    expect(y.ukm).toBeUndefined();
    expect(decryptCbc(y.eci, xdhUnwrap(y, Buffer.alloc(0))).equals(expectedContent(x25519))).toBe(true);
  });
});
