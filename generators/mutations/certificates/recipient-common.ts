/**
 * The defective recipient casts: Bob's certificate re-issued by Carl with one thing changed (its
 * key usage, its extended key usage, or its public key), keeping its issuer and serial number so
 * that the RecipientInfo still names it, and carried in originatorInfo (RFC 5652 6.1: "certs is a
 * collection of certificates ... intended that the set of certificates be sufficient for the
 * recipient to build certification paths"). The content is still encrypted to Bob's real key, so
 * the message decrypts with the manifest's key and only the certificate is wrong.
 */
import { bitString, bigintToBytes, bytesToBigint, seq, uintBytes } from '../../../core/der/encode.ts';
import { contentOf, readDer } from '../../../core/der/reader.ts';
import type { CaseContext } from '../../case.ts';
import { buildEnvelopedData } from '../../cms/enveloped-data.ts';
import { kari, UKM, UKM_512 } from '../../cases/common.ts';
import { buildCertificate, type CertificateSpec } from '../../x509/certificate.ts';
import { bobEnveloped } from '../enveloped/common.ts';
import { fieldsOf, VALIDITY } from './common.ts';

export type BobKey = 'bob-rsa' | 'bob-p256' | 'bob-x25519' | 'bob-dh';

/** Bob's certificate `id` as the cast has it (key usage, email, emailProtection), with `change`, issued by Carl. */
export function bobCertificate(ctx: CaseContext, id: BobKey, change: Partial<CertificateSpec> = {}): Uint8Array {
  const bob = ctx.cast.get(id);
  const carl = ctx.cast.get('carl-rsa');
  const f = fieldsOf(bob.certDer);
  return buildCertificate({
    serial: f.serial, issuer: f.issuer, subject: f.subject, ...VALIDITY, spki: bob.spki, ca: false,
    keyUsage: id === 'bob-rsa' ? ['keyEncipherment'] : ['keyAgreement'], email: 'bob@example.com', emailProtection: true, authorityKeyId: carl.ski,
    ...change,
  }, carl.key!);
}

/** The SubjectPublicKeyInfo `spki` with its subjectPublicKey BIT STRING value replaced by `key`. */
export function withPublicKey(spki: Uint8Array, key: Uint8Array): Uint8Array {
  const alg = readDer(spki).root!.children[0]!;
  return seq(spki.slice(alg.offset, alg.end), bitString(key));
}

/** The BIT STRING value (key octets) and AlgorithmIdentifier parameters of a SubjectPublicKeyInfo. */
export function keyParts(spki: Uint8Array): { key: Uint8Array; params: readonly Uint8Array[] } {
  const [alg, bits] = readDer(spki).root!.children;
  const params = alg!.children[1];
  return { key: contentOf(spki, bits!).subarray(1), params: params ? params.children.map((c) => contentOf(spki, c)) : [] };
}

/** RSAPublicKey { Bob's modulus, `exponent` }. */
export function rsaKeyWithExponent(ctx: CaseContext, exponent: bigint): Uint8Array {
  const key = keyParts(ctx.cast.get('bob-rsa').spki).key;
  const rsa = readDer(key);
  const n = contentOf(key, rsa.root!.children[0]!);
  return seq(uintBytes(n[0] === 0 ? n.subarray(1) : n), uintBytes(bigintToBytes(exponent)));
}

/** Bob's DH prime p, from his certificate's DomainParameters. */
export const bobDhPrime = (ctx: CaseContext): bigint => bytesToBigint(keyParts(ctx.cast.get('bob-dh').spki).params[0]!);

/** The sample message encrypted to Bob's real key `id`, with `cert` (his defective certificate) in originatorInfo. */
export function envelopedForBob(ctx: CaseContext, id: BobKey, cert: Uint8Array): Uint8Array {
  const originatorInfo = { certificates: [cert] };
  if (id === 'bob-rsa') return bobEnveloped(ctx, { originatorInfo });
  const options = id === 'bob-p256' ? { wrap: 'aes128-wrap', ukm: UKM } as const : id === 'bob-dh' ? { wrap: 'aes128-wrap', ukm: UKM_512 } as const : { wrap: 'aes128-wrap' } as const;
  return buildEnvelopedData({ content: ctx.content('message'), cipher: 'aes-128-cbc', recipients: [kari(ctx.cast, id, options)], originatorInfo }, ctx.rnd);
}
