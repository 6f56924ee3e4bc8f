/**
 * Signature algorithms for SignerInfo: the identifier a sender writes and a deterministic way to
 * produce the signature, so the corpus is reproducible byte for byte. RSA PKCS #1 v1.5 and EdDSA
 * are deterministic by design; ECDSA and DSA use RFC 6979 nonces; RSA-PSS takes its salt from the
 * sample's seeded stream.
 */
import { sign as nodeSign, type KeyObject } from 'node:crypto';
import { p256, p384 } from '@noble/curves/nist.js';
import { nul, oid, seq } from '../../core/der/encode.ts';
import { OID } from '../../core/oids.ts';
import type { Identity } from '../cast.ts';
import type { SeededRandom } from '../random.ts';
import { DIGESTS, rsaPssParams, type DigestName } from './algorithms.ts';
import { rsaPssSign } from '../crypto/rsa.ts';
import { dsaKeyValues, dsaSignDeterministic } from '../crypto/dsa.ts';
import { pqSign, PQ_OID, type PqSignatureAlgorithm } from '../crypto/pq.ts';

export type SignatureName =
  | 'rsa-pkcs1' // rsaEncryption identifier, as RFC 3370 3.2 and RFC 4134 use
  | 'rsa-pkcs1-sha' // shaXWithRSAEncryption identifiers, as RFC 5754 3.2 describes
  | 'rsa-pss'
  | 'dsa'
  | 'ecdsa'
  | 'ed25519'
  | 'ed448'
  | PqSignatureAlgorithm; // pure ML-DSA (RFC 9882) and SLH-DSA (RFC 9814): parameters absent

export interface SignatureChoice {
  readonly kind: SignatureName;
  readonly digest: DigestName;
}

const RSA_SHA: Record<string, string> = {
  sha1: OID.sha1WithRSAEncryption, sha256: OID.sha256WithRSAEncryption,
  sha384: OID.sha384WithRSAEncryption, sha512: OID.sha512WithRSAEncryption,
};
const ECDSA_SHA: Record<string, string> = {
  sha1: OID.ecdsaWithSha1, sha256: OID.ecdsaWithSha256, sha384: OID.ecdsaWithSha384, sha512: OID.ecdsaWithSha512,
};
const DSA_SHA: Record<string, string> = { sha1: OID.dsaWithSha1, sha256: OID.dsaWithSha256 };

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(what);
  return value;
}

export function signatureIdentifier(choice: SignatureChoice): Uint8Array {
  const d = choice.digest;
  switch (choice.kind) {
    case 'rsa-pkcs1': return seq(oid(OID.rsaEncryption), nul());
    case 'rsa-pkcs1-sha': return seq(oid(need(RSA_SHA[d], `no RSA with ${d}`)), nul());
    case 'rsa-pss':
      if (d === 'sha1' || d === 'shake256-512') throw new Error('PSS samples use SHA-2');
      return seq(oid(OID.rsassaPss), rsaPssParams(d, DIGESTS[d].digest(new Uint8Array()).length));
    case 'dsa': return seq(oid(need(DSA_SHA[d], `no DSA with ${d}`)));
    case 'ecdsa': return seq(oid(need(ECDSA_SHA[d], `no ECDSA with ${d}`)));
    case 'ed25519': return seq(oid(OID.ed25519));
    case 'ed448': return seq(oid(OID.ed448));
    default: return seq(oid(PQ_OID[choice.kind]));
  }
}

function jwkD(key: KeyObject): Uint8Array {
  const jwk = key.export({ format: 'jwk' });
  if (typeof jwk.d !== 'string') throw new Error('key has no private scalar');
  return new Uint8Array(Buffer.from(jwk.d, 'base64url'));
}

/** Signs `data` (the DER signed attributes, or the content) as `signer` with `choice`. */
export function signData(signer: Identity, choice: SignatureChoice, data: Uint8Array, rnd: SeededRandom): Uint8Array {
  if (signer.pq) {
    if (signer.pq.alg !== choice.kind) throw new Error(`${signer.id} holds a ${signer.pq.alg} key, not ${choice.kind}`);
    return pqSign(signer.pq, data);
  }
  const key = signer.key;
  if (!key) throw new Error(`${signer.id} has no signing key`);
  const d = choice.digest;
  switch (choice.kind) {
    case 'rsa-pkcs1':
    case 'rsa-pkcs1-sha':
      return new Uint8Array(nodeSign(d, data, key));
    case 'rsa-pss': {
      if (d === 'shake256-512') throw new Error('PSS samples use SHA-1/SHA-2');
      const hashLen = DIGESTS[d].digest(new Uint8Array()).length;
      return rsaPssSign(key, d, d, hashLen, data, rnd);
    }
    case 'dsa': {
      if (d !== 'sha1' && d !== 'sha256') throw new Error('DSA samples use SHA-1 or SHA-256');
      return dsaSignDeterministic(dsaKeyValues(key), d, data).der;
    }
    case 'ecdsa': {
      const digest = DIGESTS[d].digest(data);
      const curve = signer.family === 'p256' ? p256 : signer.family === 'p384' ? p384 : null;
      if (!curve) throw new Error(`${signer.id} is not an ECDSA key`);
      return curve.sign(digest, jwkD(key), { prehash: false, format: 'der' });
    }
    case 'ed25519':
    case 'ed448':
      return new Uint8Array(nodeSign(null, data, key));
    default:
      throw new Error(`${signer.id} has no ${choice.kind} key`);
  }
}
