/**
 * X9.42 Diffie-Hellman on bigints (RFC 2631 section 2.1.1) for CMS ESDH/SSDH (RFC 3370 4.1),
 * and readers for OpenSSL "X9.42 DH" (DHX) keys: PKCS #8 private keys and SubjectPublicKeyInfo,
 * algorithm dhpublicnumber 1.2.840.10046.2.1 with DomainParameters (RFC 3279 section 2.3.3):
 *   DomainParameters ::= SEQUENCE { p INTEGER, g INTEGER, q INTEGER,
 *                                   j INTEGER OPTIONAL, validationParms ValidationParms OPTIONAL }
 * Note the order p, g, q (unlike DSA's p, q, g).
 *
 * Why: Node cannot load DHX keys as KeyObjects (asymmetricKeyType is undefined) nor compute
 * X9.42 shared secrets with them, so the arithmetic is done here on the parsed values.
 */
import { bigintToBytes } from '../../core/der/encode.ts';
import { OID } from '../../core/oids.ts';
import { byteLength, modPow } from './bigint.ts';
import { readPkcs8IntegerKey, readSpkiIntegerKey } from './der-read.ts';

export { modPow } from './bigint.ts';

export interface DhDomain {
  readonly p: bigint;
  readonly g: bigint;
  readonly q: bigint;
  /** The cofactor j = (p - 1) / q, when the key carries it. */
  readonly j?: bigint;
}

export interface DhPublicValues extends DhDomain {
  readonly y: bigint;
}

export interface DhKeyValues extends DhPublicValues {
  readonly x: bigint;
}

/** y = g^x mod p. */
export function dhPublic(p: bigint, g: bigint, x: bigint): bigint {
  if (x < 1n || x >= p - 1n) throw new Error('DH: private value x is not in [1, p-2]');
  return modPow(g, x, p);
}

/**
 * ZZ = peerY^x mod p as an octet string of the length of p, leading zeros kept
 * (RFC 2631 sections 2.1.1 and 2.1.2). When q is given, the peer key is validated per
 * section 2.1.5 (2 <= y <= p-1 and y^q mod p = 1).
 */
export function dhShared(p: bigint, peerY: bigint, x: bigint, q?: bigint): Uint8Array {
  if (peerY < 2n || peerY > p - 1n) throw new Error('DH: peer public value is not in [2, p-1] (RFC 2631 2.1.5)');
  if (q !== undefined && modPow(peerY, q, p) !== 1n) {
    throw new Error('DH: peer public value is not in the order-q subgroup, y^q mod p != 1 (RFC 2631 2.1.5)');
  }
  return bigintToBytes(modPow(peerY, x, p), byteLength(p));
}

function domain(params: bigint[], what: string): DhDomain {
  const [p, g, q, j] = params;
  if (p === undefined || g === undefined || q === undefined) {
    throw new Error(`DHX ${what}: DomainParameters has ${params.length} INTEGERs, expected p, g, q`);
  }
  return j === undefined ? { p, g, q } : { p, g, q, j };
}

/** {p, g, q, j?, x, y} from an OpenSSL DHX PKCS #8 PrivateKeyInfo DER; y is computed as g^x mod p. */
export function dhxKeyFromPkcs8(der: Uint8Array): DhKeyValues {
  const { params, privateValue: x } = readPkcs8IntegerKey(der, OID.dhpublicnumber);
  const d = domain(params, 'private key');
  return { ...d, x, y: modPow(d.g, x, d.p) };
}

/** {p, g, q, j?, y} from a DHX SubjectPublicKeyInfo DER (subjectPublicKey is DHPublicKey ::= INTEGER). */
export function dhxPublicFromSpki(der: Uint8Array): DhPublicValues {
  const { params, publicValue: y } = readSpkiIntegerKey(der, OID.dhpublicnumber);
  return { ...domain(params, 'public key'), y };
}
