/**
 * The algorithms of enveloping and authenticating content types, as the checker reads them:
 * OID tables and pure parsers of their parameters, written from the algorithm RFCs (3370, 3565,
 * 3560, 5084, 5753, 8418, 3211, 2268, 4231). No findings here: the static rules
 * (checkers/rules/algorithm-params.ts) report on the parameters, the crypto rules use the values.
 */
import { contentOf, type DerNode } from '../../core/der/reader.ts';
import { decodeInteger, decodeNull, decodeOid } from '../../core/der/values.ts';
import { OID } from '../../core/oids.ts';
import { readExplicitFields } from './explicit-fields.ts';
import type { AlgorithmIdentifier } from './fields.ts';

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = <T>(error: string): Parsed<T> => ({ ok: false, error });

/** OIDs this module needs that core/oids.ts does not name, each from its RFC. */
export const ALG = {
  aes128Ecb: '2.16.840.1.101.3.4.1.1', aes192Ecb: '2.16.840.1.101.3.4.1.21', aes256Ecb: '2.16.840.1.101.3.4.1.41', // RFC 3565 / NIST
  aes128Ofb: '2.16.840.1.101.3.4.1.3', aes192Ofb: '2.16.840.1.101.3.4.1.23', aes256Ofb: '2.16.840.1.101.3.4.1.43',
  rc4: '1.2.840.113549.3.4',
  desCbc: '1.3.14.3.2.7',
  ssDH: '1.2.840.113549.1.9.16.3.10', // RFC 3370 4.1.2 id-alg-SSDH
  hmacWithSHA224: '1.2.840.113549.2.8', hmacWithSHA384: '1.2.840.113549.2.10', hmacWithSHA512: '1.2.840.113549.2.11', // RFC 4231 3.1
  stdDHsha224kdf: '1.3.132.1.11.0', stdDHsha512kdf: '1.3.132.1.11.3', // RFC 5753 7.1.4
  cofactorDHsha1kdf: '1.3.133.16.840.63.0.3',
  cofactorDHsha224kdf: '1.3.132.1.14.0', cofactorDHsha256kdf: '1.3.132.1.14.1', cofactorDHsha384kdf: '1.3.132.1.14.2', cofactorDHsha512kdf: '1.3.132.1.14.3',
  mqvSha1kdf: '1.3.133.16.840.63.0.16', mqvSha224kdf: '1.3.132.1.15.0', mqvSha256kdf: '1.3.132.1.15.1', mqvSha384kdf: '1.3.132.1.15.2', mqvSha512kdf: '1.3.132.1.15.3',
  secp521r1: '1.3.132.0.35',
} as const;

export type ContentCipher =
  | { readonly mode: 'cbc'; readonly node: string; readonly keyLength: number; readonly blockSize: 16 | 8 }
  | { readonly mode: 'rc2-cbc' }
  | { readonly mode: 'gcm' | 'ccm'; readonly keyLength: number };

/** Content-encryption algorithms (RFC 3370 5, RFC 3565 4.1, RFC 5084 3). */
export const CONTENT_CIPHERS: Readonly<Record<string, ContentCipher>> = {
  [OID.aes128Cbc]: { mode: 'cbc', node: 'aes-128-cbc', keyLength: 16, blockSize: 16 },
  [OID.aes192Cbc]: { mode: 'cbc', node: 'aes-192-cbc', keyLength: 24, blockSize: 16 },
  [OID.aes256Cbc]: { mode: 'cbc', node: 'aes-256-cbc', keyLength: 32, blockSize: 16 },
  [OID.desEde3Cbc]: { mode: 'cbc', node: 'des-ede3-cbc', keyLength: 24, blockSize: 8 },
  [OID.rc2Cbc]: { mode: 'rc2-cbc' },
  [OID.aes128Gcm]: { mode: 'gcm', keyLength: 16 },
  [OID.aes192Gcm]: { mode: 'gcm', keyLength: 24 },
  [OID.aes256Gcm]: { mode: 'gcm', keyLength: 32 },
  [OID.aes128Ccm]: { mode: 'ccm', keyLength: 16 },
  [OID.aes192Ccm]: { mode: 'ccm', keyLength: 24 },
  [OID.aes256Ccm]: { mode: 'ccm', keyLength: 32 },
};

/** Key wrap algorithms and the KEK length each needs (RFC 3565 2.3, RFC 3370 4.3). */
export const KEY_WRAPS: Readonly<Record<string, { readonly name: string; readonly kekLength: number }>> = {
  [OID.aes128Wrap]: { name: 'id-aes128-wrap', kekLength: 16 },
  [OID.aes192Wrap]: { name: 'id-aes192-wrap', kekLength: 24 },
  [OID.aes256Wrap]: { name: 'id-aes256-wrap', kekLength: 32 },
  [OID.cms3DESwrap]: { name: 'id-alg-CMS3DESwrap', kekLength: 24 },
  [OID.cmsRC2wrap]: { name: 'id-alg-CMSRC2wrap', kekLength: 16 },
};

/** HMAC algorithms (RFC 3370 6.1, RFC 4231 3.1) and their hash. */
export const HMACS: Readonly<Record<string, string>> = {
  [OID.hmacSha1]: 'sha1', [OID.hmacWithSHA1]: 'sha1', [ALG.hmacWithSHA224]: 'sha224', [OID.hmacWithSHA256]: 'sha256',
  [ALG.hmacWithSHA384]: 'sha384', [ALG.hmacWithSHA512]: 'sha512',
};

export type KeyAgreementScheme =
  | { readonly family: 'ecdh'; readonly kdf: 'x963' | 'hkdf'; readonly hash: string; readonly cofactor: boolean }
  | { readonly family: 'esdh' | 'ssdh' }
  | { readonly family: 'ecmqv'; readonly hash: string };

/** kari keyEncryptionAlgorithm OIDs (RFC 5753 7.1.4, RFC 8418 7, RFC 3370 4.1). */
export const KEY_AGREEMENT: Readonly<Record<string, KeyAgreementScheme>> = {
  [OID.dhSinglePassStdDHsha1kdf]: { family: 'ecdh', kdf: 'x963', hash: 'sha1', cofactor: false },
  [ALG.stdDHsha224kdf]: { family: 'ecdh', kdf: 'x963', hash: 'sha224', cofactor: false },
  [OID.dhSinglePassStdDHsha256kdf]: { family: 'ecdh', kdf: 'x963', hash: 'sha256', cofactor: false },
  [OID.dhSinglePassStdDHsha384kdf]: { family: 'ecdh', kdf: 'x963', hash: 'sha384', cofactor: false },
  [ALG.stdDHsha512kdf]: { family: 'ecdh', kdf: 'x963', hash: 'sha512', cofactor: false },
  [ALG.cofactorDHsha1kdf]: { family: 'ecdh', kdf: 'x963', hash: 'sha1', cofactor: true },
  [ALG.cofactorDHsha224kdf]: { family: 'ecdh', kdf: 'x963', hash: 'sha224', cofactor: true },
  [ALG.cofactorDHsha256kdf]: { family: 'ecdh', kdf: 'x963', hash: 'sha256', cofactor: true },
  [ALG.cofactorDHsha384kdf]: { family: 'ecdh', kdf: 'x963', hash: 'sha384', cofactor: true },
  [ALG.cofactorDHsha512kdf]: { family: 'ecdh', kdf: 'x963', hash: 'sha512', cofactor: true },
  [OID.dhSinglePassStdDHhkdfSha256]: { family: 'ecdh', kdf: 'hkdf', hash: 'sha256', cofactor: false },
  [OID.dhSinglePassStdDHhkdfSha384]: { family: 'ecdh', kdf: 'hkdf', hash: 'sha384', cofactor: false },
  [OID.dhSinglePassStdDHhkdfSha512]: { family: 'ecdh', kdf: 'hkdf', hash: 'sha512', cofactor: false },
  [ALG.mqvSha1kdf]: { family: 'ecmqv', hash: 'sha1' },
  [ALG.mqvSha224kdf]: { family: 'ecmqv', hash: 'sha224' },
  [ALG.mqvSha256kdf]: { family: 'ecmqv', hash: 'sha256' },
  [ALG.mqvSha384kdf]: { family: 'ecmqv', hash: 'sha384' },
  [ALG.mqvSha512kdf]: { family: 'ecmqv', hash: 'sha512' },
  [OID.esDH]: { family: 'esdh' },
  [ALG.ssDH]: { family: 'ssdh' },
};

const isOctetString = (n: DerNode | null | undefined): n is DerNode => !!n && n.cls === 'universal' && n.tag === 4 && !n.constructed;
const isInteger = (n: DerNode | null | undefined): n is DerNode => !!n && n.cls === 'universal' && n.tag === 2;
const isSequence = (n: DerNode | null | undefined): n is DerNode => !!n && n.cls === 'universal' && n.tag === 16;

function smallInt(bytes: Uint8Array, n: DerNode): number | null {
  const d = decodeInteger(contentOf(bytes, n));
  return d.ok && d.value >= -1_000_000n && d.value <= 1_000_000_000n ? Number(d.value) : null;
}

/** CBCParameter / AES-IV ::= OCTET STRING (RFC 3370 5.1: 8 octets; RFC 3565 4.1: SIZE(16)). */
export function parseIv(bytes: Uint8Array, a: AlgorithmIdentifier, length: number): Parsed<Uint8Array> {
  if (!a.params) return bad('parameters absent; the IV is required');
  if (!isOctetString(a.params)) return bad('parameters are not an OCTET STRING IV');
  const iv = contentOf(bytes, a.params);
  return iv.length === length ? ok(iv) : bad(`IV of ${iv.length} octets, expected ${length}`);
}

/** RFC 2268 6 / RFC 3370 5.2: rc2ParameterVersion 160, 120, 58 for 40, 64, 128 bits; >= 256 is the bit count. */
export function rc2EffectiveBits(version: number): number | null {
  if (version === 160) return 40;
  if (version === 120) return 64;
  if (version === 58) return 128;
  if (version >= 256 && version <= 1024) return version;
  return null;
}

/** RC2CBCParameter ::= SEQUENCE { rc2ParameterVersion INTEGER, iv OCTET STRING } (RFC 3370 5.2). */
export function parseRc2CbcParams(bytes: Uint8Array, a: AlgorithmIdentifier): Parsed<{ version: number; effectiveBits: number | null; iv: Uint8Array }> {
  if (!a.params) return bad('parameters absent; RC2CBCParameter is required');
  if (!isSequence(a.params)) return bad('parameters are not an RC2CBCParameter SEQUENCE');
  const [v, iv, extra] = a.params.children;
  if (!isInteger(v) || !isOctetString(iv) || extra) return bad('RC2CBCParameter is not SEQUENCE { rc2ParameterVersion INTEGER, iv OCTET STRING }');
  const version = smallInt(bytes, v);
  if (version === null) return bad('rc2ParameterVersion out of range');
  const ivBytes = contentOf(bytes, iv);
  if (ivBytes.length !== 8) return bad(`iv of ${ivBytes.length} octets, expected 8`);
  return ok({ version, effectiveBits: rc2EffectiveBits(version), iv: ivBytes });
}

export interface AeadParams {
  readonly nonce: Uint8Array;
  readonly icvLength: number;
}

/** GCMParameters / CCMParameters ::= SEQUENCE { aes-nonce OCTET STRING, aes-ICVlen DEFAULT 12 } (RFC 5084 3). */
export function parseAeadParams(bytes: Uint8Array, a: AlgorithmIdentifier, mode: 'gcm' | 'ccm'): Parsed<AeadParams> {
  const name = mode === 'gcm' ? 'GCMParameters' : 'CCMParameters';
  if (!a.params) return bad(`parameters absent; ${name} is required`);
  if (!isSequence(a.params)) return bad(`parameters are not a ${name} SEQUENCE`);
  const [n, l, extra] = a.params.children;
  if (!isOctetString(n) || (l && !isInteger(l)) || extra) return bad(`${name} is not SEQUENCE { aes-nonce OCTET STRING, aes-ICVlen INTEGER DEFAULT 12 }`);
  const nonce = contentOf(bytes, n);
  const icvLength = l ? smallInt(bytes, l) : 12;
  if (icvLength === null) return bad('aes-ICVlen out of range');
  if (mode === 'gcm') {
    if (nonce.length === 0) return bad('aes-nonce is empty');
    if (icvLength < 12 || icvLength > 16) return bad(`aes-ICVlen ${icvLength} is not one of 12..16 (AES-GCM-ICVlen)`);
  } else {
    if (nonce.length < 7 || nonce.length > 13) return bad(`aes-nonce of ${nonce.length} octets; CCM allows 7 to 13`);
    if (![4, 6, 8, 10, 12, 14, 16].includes(icvLength)) return bad(`aes-ICVlen ${icvLength} is not one of 4, 6, 8, 10, 12, 14, 16 (AES-CCM-ICVlen)`);
  }
  return ok({ nonce, icvLength });
}

export interface OaepParams {
  readonly hash: string;
  readonly mgfHash: string;
  readonly label: Uint8Array;
  /** Which fields were present explicitly, for the omit-defaults rules. */
  readonly explicit: { readonly hash: boolean; readonly mgf: boolean; readonly pSource: boolean };
  readonly explicitDefaults: { readonly hash: boolean; readonly mgf: boolean; readonly pSource: boolean };
}

const HASH_NAMES: Readonly<Record<string, string>> = {
  [OID.sha1]: 'sha1', [OID.sha224]: 'sha224', [OID.sha256]: 'sha256', [OID.sha384]: 'sha384', [OID.sha512]: 'sha512',
};

function oidOf(bytes: Uint8Array, n: DerNode | undefined): string | null {
  if (!n || n.cls !== 'universal' || n.tag !== 6) return null;
  const d = decodeOid(contentOf(bytes, n));
  return d.ok ? d.value : null;
}

/** The hash an AlgorithmIdentifier SEQUENCE names, its parameters absent or NULL. */
function hashAlg(bytes: Uint8Array, seq: DerNode | undefined): string | null {
  if (!isSequence(seq)) return null;
  const [o, p, extra] = seq.children;
  if (extra || (p && !(p.cls === 'universal' && p.tag === 5 && decodeNull(contentOf(bytes, p)).ok))) return null;
  const oid = oidOf(bytes, o);
  return oid ? HASH_NAMES[oid] ?? null : null;
}

const OAEP_FIELDS = ['hashFunc [0]', 'maskGenFunc [1]', 'pSourceFunc [2]'] as const;

/**
 * RSAES-OAEP-params ::= SEQUENCE { hashFunc [0] DEFAULT sha1, maskGenFunc [1] DEFAULT mgf1SHA1,
 * pSourceFunc [2] DEFAULT pSpecifiedEmpty }, each an EXPLICIT AlgorithmIdentifier (RFC 3560 3);
 * the shape is read by checkers/cms/explicit-fields.ts, as RSASSA-PSS-params is.
 */

export function parseOaepParams(bytes: Uint8Array, a: AlgorithmIdentifier): Parsed<OaepParams> {
  if (!a.params) return bad('parameters absent; RSAES-OAEP-params is required');
  const read = readExplicitFields(a.params, 'RSAES-OAEP-params', OAEP_FIELDS);
  if (!read.ok) return bad(read.problem);
  const [hashFunc, maskGenFunc, pSourceFunc] = read.values;
  let hash = 'sha1';
  let mgfHash = 'sha1';
  let label: Uint8Array = new Uint8Array(0);
  const explicit = { hash: !!hashFunc, mgf: !!maskGenFunc, pSource: !!pSourceFunc };
  const explicitDefaults = { hash: false, mgf: false, pSource: false };
  if (hashFunc) {
    const h = hashAlg(bytes, hashFunc);
    if (!h) return bad('hashFunc is not a known hash AlgorithmIdentifier');
    hash = h;
    explicitDefaults.hash = h === 'sha1';
  }
  if (maskGenFunc) {
    if (!isSequence(maskGenFunc) || oidOf(bytes, maskGenFunc.children[0]) !== OID.mgf1) return bad('maskGenFunc is not id-mgf1');
    const h = hashAlg(bytes, maskGenFunc.children[1]);
    if (!h) return bad('the MGF1 parameter is not a known hash AlgorithmIdentifier');
    mgfHash = h;
    explicitDefaults.mgf = h === 'sha1';
  }
  if (pSourceFunc) {
    if (!isSequence(pSourceFunc) || oidOf(bytes, pSourceFunc.children[0]) !== OID.pSpecified) return bad('pSourceFunc is not id-pSpecified');
    const p = pSourceFunc.children[1];
    if (!isOctetString(p) || pSourceFunc.children[2]) return bad('the id-pSpecified parameter is not an OCTET STRING');
    label = contentOf(bytes, p);
    explicitDefaults.pSource = label.length === 0;
  }
  return ok({ hash, mgfHash, label, explicit, explicitDefaults });
}

export interface Pbkdf2Params {
  readonly salt: Uint8Array;
  readonly iterationCount: number;
  readonly keyLength: number | null;
  readonly prf: string;
}

const PRFS: Readonly<Record<string, string>> = {
  [OID.hmacWithSHA1]: 'sha1', [ALG.hmacWithSHA224]: 'sha224', [OID.hmacWithSHA256]: 'sha256', [ALG.hmacWithSHA384]: 'sha384', [ALG.hmacWithSHA512]: 'sha512',
};

/**
 * PBKDF2-params ::= SEQUENCE { salt CHOICE { specified OCTET STRING, otherSource AlgorithmIdentifier },
 * iterationCount INTEGER (1..MAX), keyLength INTEGER OPTIONAL, prf AlgorithmIdentifier DEFAULT hMAC-SHA1 }
 * (RFC 3370 4.4.1, from PKCS #5 v2).
 */
export function parsePbkdf2Params(bytes: Uint8Array, a: AlgorithmIdentifier): Parsed<Pbkdf2Params> {
  if (!a.params || !isSequence(a.params)) return bad('parameters are not a PBKDF2-params SEQUENCE');
  const [s, c, ...rest] = a.params.children;
  if (!s || !c) return bad('PBKDF2-params lacks salt or iterationCount');
  if (!isOctetString(s)) return bad(isSequence(s) ? 'salt uses the otherSource choice, not specified' : 'salt is not an OCTET STRING');
  if (!isInteger(c)) return bad('iterationCount is not an INTEGER');
  // Any count >= 1 is legal (1..MAX): a huge one is the receiver's resource problem, bounded
  // where PBKDF2 runs (checkers/crypto/recipients.ts), never a defect of the parameters. Counts
  // past 2^53 saturate, which is past any bound.
  const count = decodeInteger(contentOf(bytes, c));
  if (!count.ok || count.value < 1n) return bad('iterationCount is not in 1..MAX');
  const iterationCount = count.value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(count.value);
  let keyLength: number | null = null;
  let prf = 'sha1';
  let i = 0;
  if (isInteger(rest[i])) {
    keyLength = smallInt(bytes, rest[i]!);
    if (keyLength === null || keyLength < 1 || keyLength > 1024) return bad('keyLength is out of range');
    i++;
  }
  if (rest[i]) {
    const p = rest[i]!;
    if (!isSequence(p)) return bad('prf is not an AlgorithmIdentifier');
    const oid = oidOf(bytes, p.children[0]);
    const h = oid ? PRFS[oid] : undefined;
    if (!h) return bad(`prf ${oid ?? '(not an OID)'} is not a known HMAC`);
    prf = h;
    i++;
  }
  if (rest[i]) return bad('PBKDF2-params has fields after prf');
  return ok({ salt: contentOf(bytes, s), iterationCount, keyLength, prf });
}

/** id-alg-PWRI-KEK parameters: the inner cipher AlgorithmIdentifier (RFC 3211 2.2) with its IV. */
export function parsePwriKekParams(bytes: Uint8Array, a: AlgorithmIdentifier): Parsed<{ oid: string; inner: AlgorithmIdentifier }> {
  if (!a.params || !isSequence(a.params)) return bad('id-alg-PWRI-KEK parameters are not the KEK cipher AlgorithmIdentifier');
  const [o, p, extra] = a.params.children;
  const oid = oidOf(bytes, o);
  if (!oid || extra) return bad('id-alg-PWRI-KEK parameters are not an AlgorithmIdentifier');
  return ok({ oid, inner: { oid, params: p ?? null, at: a.at } });
}

/** The KeyWrapAlgorithm AlgorithmIdentifier carried as kari keyEncryptionAlgorithm parameters. */
export function parseKeyWrapParam(bytes: Uint8Array, a: AlgorithmIdentifier): Parsed<AlgorithmIdentifier> {
  if (!a.params) return bad('parameters absent; the KeyWrapAlgorithm is required');
  if (!isSequence(a.params)) return bad('parameters are not a KeyWrapAlgorithm AlgorithmIdentifier');
  const [o, p, extra] = a.params.children;
  const oid = oidOf(bytes, o);
  if (!oid || extra) return bad('KeyWrapAlgorithm is not an AlgorithmIdentifier');
  return ok({ oid, params: p ?? null, at: { path: `${a.at.path}.parameters`, node: a.params } });
}

export { isOctetString, isSequence, isInteger, oidOf, smallInt };
