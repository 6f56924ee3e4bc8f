/**
 * Is the public key a certificate certifies a valid key of its algorithm? Asked of a recipient's
 * certificate before the message is trusted to have been encrypted to it (RFC 8550 1: "Before
 * using a public key to provide security services, the S/MIME agent MUST verify that the public
 * key is valid"; RFC 2632 1 under v3). Key agreement keys are validated as originator keys are
 * (checkers/crypto/agreement-keys.ts: EC point on its curve and not the identity, X25519/X448 not
 * of low order, DH in [2, p-2] and in the subgroup q), which defeats the invalid-curve and
 * small-subgroup attacks of RFC 2785 when the sender uses a certified key; an RSA key must be an
 * RSAPublicKey (RFC 8017 A.1.1) with an odd positive modulus and an odd exponent in [3, n-1]
 * (RFC 8017 3.1), the sanity a sender needs before it pads a content-encryption key with it.
 * Algorithms this checker cannot validate give no result: no claim either way.
 */
import { contentOf, readDer } from '../../core/der/reader.ts';
import { OID } from '../../core/oids.ts';
import { checkAgreementKey } from '../crypto/agreement-keys.ts';
import type { X509Certificate } from './certificate.ts';

export interface SubjectKeyResult {
  readonly ok: boolean;
  readonly message: string;
}

const big = (b: Uint8Array): bigint => (b.length ? BigInt(`0x${Buffer.from(b).toString('hex')}`) : 0n);

const RSA_KEYS = new Set<string>([OID.rsaEncryption, OID.rsaesOaep, OID.rsassaPss]);

/** RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER } (RFC 8017 A.1.1, 3.1). */
export function checkRsaKey(key: Uint8Array): SubjectKeyResult {
  const r = readDer(key, { maxDepth: 4, maxNodes: 16 });
  const [n, e, extra] = r.root?.children ?? [];
  const isInt = (x: typeof n) => !!x && x.cls === 'universal' && x.tag === 2 && !x.constructed && x.length > 0;
  if (r.fatal || !r.root || r.root.tag !== 16 || !isInt(n) || !isInt(e) || extra) return { ok: false, message: 'the RSA public key is not an RSAPublicKey SEQUENCE { modulus INTEGER, publicExponent INTEGER } (RFC 8017 A.1.1)' };
  const nb = contentOf(key, n!);
  const eb = contentOf(key, e!);
  if (nb[0]! & 0x80 || eb[0]! & 0x80) return { ok: false, message: `the RSA ${nb[0]! & 0x80 ? 'modulus' : 'public exponent'} is negative (RFC 8017 3.1: positive integers)` };
  const modulus = big(nb);
  const exponent = big(eb);
  if ((modulus & 1n) === 0n) return { ok: false, message: `the RSA modulus is even (${modulus === 0n ? 'zero' : `${modulus.toString(2).length} bits`}): not a product of odd primes (RFC 8017 3.1)` };
  if (exponent < 3n || (exponent & 1n) === 0n || exponent >= modulus) {
    const what = exponent < 3n ? `is ${exponent}, below 3` : (exponent & 1n) === 0n ? 'is even' : 'is not below the modulus';
    return { ok: false, message: `the RSA public exponent ${what} (RFC 8017 3.1: an odd e with 3 <= e <= n-1)${exponent === 1n ? ': encryption to it is the identity' : ''}` };
  }
  return { ok: true, message: `the RSA public key has an odd ${modulus.toString(2).length}-bit modulus and exponent ${exponent}` };
}

/** The verdict on the certificate's subject public key, or null when its algorithm is not validated here. */
export function checkSubjectKey(c: X509Certificate): SubjectKeyResult | null {
  const alg = c.spkiAlgorithm.oid;
  if (RSA_KEYS.has(alg)) return checkRsaKey(c.publicKey);
  const r = checkAgreementKey(alg, c.der, c.spkiAlgorithm.params, c.publicKey);
  // A curve or domain this checker cannot validate on: no claim (as for originator keys).
  if (!r || r.status === 'unchecked') return null;
  return { ok: r.status === 'pass', message: `${r.message} (validated as ${r.rule} validates originator keys)` };
}
