/**
 * Validates key agreement public keys against the invalid-curve and small-subgroup attacks
 * (RFC 2785): the originator key of a KeyAgreeRecipientInfo, and the key of a recipient
 * certificate. An ECDH key must be a point of its named curve, not the identity (RFC 5753 3.1.1:
 * an ECPoint of the curve); an X25519/X448 key must not be of low order, which would make the
 * shared secret all zeros (RFC 8418 2, RFC 7748 6); a finite-field DH key y must lie in
 * [2, p-2] and, when q is known, satisfy y^q = 1 mod p (RFC 2631 2.3 after RFC 2785 4).
 * Bounded: the DH exponentiation runs only for p of at most 8192 bits.
 */
import { createRequire } from 'node:module';
import type * as Ed25519 from '@noble/curves/ed25519.js';
import type * as Ed448 from '@noble/curves/ed448.js';
import type * as Nist from '@noble/curves/nist.js';

// The curve modules build their tables when loaded (tens of milliseconds): loaded when a key
// agreement key is first checked, not at every start of `cmsi check` (issue 9).
const load = createRequire(import.meta.url);
const nist = (): typeof Nist => load('@noble/curves/nist.js') as typeof Nist;
const x25519 = { getSharedSecret: (a: Uint8Array, b: Uint8Array) => (load('@noble/curves/ed25519.js') as typeof Ed25519).x25519.getSharedSecret(a, b) };
const x448 = { getSharedSecret: (a: Uint8Array, b: Uint8Array) => (load('@noble/curves/ed448.js') as typeof Ed448).x448.getSharedSecret(a, b) };
import { contentOf, readDer, type DerNode } from '../../core/der/reader.ts';
import { decodeOid } from '../../core/der/values.ts';
import { OID } from '../../core/oids.ts';

export type KeyCheckResult =
  | { readonly status: 'pass' | 'fail'; readonly rule: string; readonly message: string }
  | { readonly status: 'unchecked'; readonly rule: string; readonly message: string };

export interface DhDomain {
  readonly p: bigint;
  readonly q: bigint | null;
}

const EC_RULE = 'rfc5753/3.1.1/ecdh-originator-public-key-ecpoint';
const XDH_RULE = 'rfc8418/2/reject-all-zero-secret';
const DH_RULE = 'rfc2631/2.3/recipient-validates-public-key';
const CURVES: Readonly<Record<string, { readonly name: string; readonly fromBytes: (b: Uint8Array) => { assertValidity(): void; is0(): boolean } }>> = {
  [OID.prime256v1]: { name: 'P-256', fromBytes: (b) => nist().p256.Point.fromBytes(b) },
  [OID.secp384r1]: { name: 'P-384', fromBytes: (b) => nist().p384.Point.fromBytes(b) },
  [OID.secp521r1]: { name: 'P-521', fromBytes: (b) => nist().p521.Point.fromBytes(b) },
};

const big = (b: Uint8Array): bigint => (b.length ? BigInt(`0x${Buffer.from(b).toString('hex')}`) : 0n);

function modPow(base: bigint, exp: bigint, mod: bigint): bigint {
  let r = 1n;
  let b = base % mod;
  for (let e = exp; e > 0n; e >>= 1n) {
    if (e & 1n) r = (r * b) % mod;
    b = (b * b) % mod;
  }
  return r;
}

/** An EC point of the curve named by `curveOid`. */
export function checkEcPoint(curveOid: string | null, point: Uint8Array): KeyCheckResult {
  const curve = curveOid ? CURVES[curveOid] : undefined;
  if (!curve) return { status: 'unchecked', rule: EC_RULE, message: `the curve ${curveOid ?? '(not named)'} is not one this checker validates points on` };
  if (point.length === 1 && point[0] === 0) return { status: 'fail', rule: EC_RULE, message: `the public key is the point at infinity of ${curve.name}` };
  try {
    const p = curve.fromBytes(point);
    p.assertValidity();
    if (p.is0()) return { status: 'fail', rule: EC_RULE, message: `the public key is the point at infinity of ${curve.name}` };
    return { status: 'pass', rule: EC_RULE, message: `the public key is a point of ${curve.name}` };
  } catch (e) {
    return { status: 'fail', rule: EC_RULE, message: `the public key is not a point of ${curve.name} (${(e as Error).message}): an invalid-curve point leaks the recipient's private key` };
  }
}

/** X25519/X448: a low-order point makes every shared secret all zeros. */
export function checkXdhKey(alg: string, key: Uint8Array): KeyCheckResult {
  const x = alg === OID.x25519 ? { f: x25519, n: 32, name: 'X25519' } : { f: x448, n: 56, name: 'X448' };
  if (key.length !== x.n) return { status: 'fail', rule: XDH_RULE, message: `${x.name} public key of ${key.length} octets (${x.n} expected)` };
  try {
    // Any private scalar will do: clamping makes it a multiple of the cofactor, so a low-order
    // point gives the all-zero secret whatever the scalar, which noble refuses.
    x.f.getSharedSecret(new Uint8Array(x.n).fill(0x5a), key);
    return { status: 'pass', rule: XDH_RULE, message: `the ${x.name} public key is not of low order` };
  } catch {
    return { status: 'fail', rule: XDH_RULE, message: `the ${x.name} public key is a low-order point: the shared secret is all zeros for every recipient key` };
  }
}

/** Finite-field DH: y = INTEGER inside the BIT STRING, range and subgroup (RFC 2631 2.3). */
export function checkDhKey(publicKey: Uint8Array, domain: DhDomain | null): KeyCheckResult {
  const r = readDer(publicKey);
  if (!r.root || r.fatal || r.root.tag !== 2) return { status: 'fail', rule: DH_RULE, message: 'the DH public key is not a DER INTEGER' };
  if (!domain) return { status: 'unchecked', rule: DH_RULE, message: 'no DH domain parameters (p, q) to validate the public key against' };
  const y = big(contentOf(publicKey, r.root));
  if (domain.p.toString(2).length > 8192) return { status: 'unchecked', rule: DH_RULE, message: 'p longer than 8192 bits: not validated' };
  if (y < 2n || y > domain.p - 2n) return { status: 'fail', rule: DH_RULE, message: `the DH public key y is ${y < 2n ? y.toString() : y === domain.p - 1n ? 'p-1' : 'not below p-1'}, outside [2, p-2]: confined to a subgroup of order ${y === domain.p - 1n ? 2 : 1}` };
  if (domain.q === null) return { status: 'pass', rule: DH_RULE, message: 'the DH public key is in [2, p-2] (no q to check the subgroup)' };
  const inSubgroup = modPow(y, domain.q, domain.p) === 1n;
  return inSubgroup ? { status: 'pass', rule: DH_RULE, message: 'the DH public key is in the prime-order subgroup q' }
    : { status: 'fail', rule: DH_RULE, message: 'y^q mod p is not 1: the DH public key is outside the prime-order subgroup (small-subgroup attack, RFC 2785)' };
}

/** DomainParameters ::= SEQUENCE { p, g, q, j OPTIONAL, validationParms OPTIONAL } (RFC 3279 2.3.3). */
export function dhDomain(bytes: Uint8Array, params: DerNode | null): DhDomain | null {
  const [p, , q] = params?.children ?? [];
  if (!p || p.tag !== 2) return null;
  return { p: big(contentOf(bytes, p)), q: q && q.tag === 2 ? big(contentOf(bytes, q)) : null };
}

/** The named curve of ecPublicKey parameters (ECParameters namedCurve). */
export function namedCurve(bytes: Uint8Array, params: DerNode | null): string | null {
  if (!params || params.cls !== 'universal' || params.tag !== 6) return null;
  const d = decodeOid(contentOf(bytes, params));
  return d.ok ? d.value : null;
}

/** Any key agreement public key by its algorithm. */
export function checkAgreementKey(alg: string, bytes: Uint8Array, params: DerNode | null, key: Uint8Array, domain: DhDomain | null = null): KeyCheckResult | null {
  if (alg === OID.ecPublicKey) return checkEcPoint(namedCurve(bytes, params), key);
  if (alg === OID.x25519 || alg === OID.x448) return checkXdhKey(alg, key);
  if (alg === OID.dhpublicnumber) return checkDhKey(key, dhDomain(bytes, params) ?? domain);
  return null;
}
