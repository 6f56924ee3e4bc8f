/**
 * Algorithm identifier statements of the algorithm RFCs (3370, 3560, 3274, 5083, 5084, 5754,
 * 6211, 8419), one each: signature and digest parameters that must be NULL or absent, DSA and
 * EdDSA digest pairings, SHAKE256 lengths, CMSAlgorithmProtection cardinality, RSA and OAEP key
 * transport parameters, Triple-DES CBC parameters, HMAC-SHA1, zlib and CCM parameters. A
 * receiver that compares identifiers loosely accepts encodings other implementations reject.
 */
import { explicit, int, nul, octets, oid, seq } from '../../../core/der/encode.ts';
import type { DerNode } from '../../../core/der/reader.ts';
import { OID } from '../../../core/oids.ts';
import type { CaseContext } from '../../case.ts';
import { DIGESTS } from '../../cms/algorithms.ts';
import { algorithmProtectionAttr, attribute, messageDigestAttr } from '../../cms/attributes.ts';
import type { SignatureChoice } from '../../cms/signers.ts';
import type { Mutation } from '../mutation.ts';
import { findPath, replaceNode } from '../tlv-edit.ts';
import { bobAuthEnveloped, BODY, childPath, isSet, setVersion } from '../enveloped/common.ts';
import { isAttr } from '../signed/common.ts';
import { signedDefect } from './common.ts';


/** A re-signed SignedData by another cast signer (its certificate included). */
const by = (id: string, signature: SignatureChoice) => ({
  signer: (ctx: CaseContext) => ({ identity: ctx.cast.get(id), signature }),
  spec: (ctx: CaseContext) => ({ certificates: [ctx.cast.get(id).certDer] }),
});

const isOid = (bytes: Uint8Array, n: DerNode, dotted: string): boolean =>
  n.cls === 'universal' && n.tag === 16 && n.children[0]?.tag === 6 && Buffer.from(bytes.subarray(n.children[0].contentOffset, n.children[0].end)).equals(Buffer.from(oid(dotted).subarray(2)));

/** Replaces the first AlgorithmIdentifier naming `dotted` by `replacement`. */
const replaceAlg = (bytes: Uint8Array, dotted: string, replacement: Uint8Array): Uint8Array =>
  replaceNode(bytes, findPath(bytes, (n) => isOid(bytes, n, dotted)), replacement);

const after = (id: string, description: string, base: string, requirements: readonly string[], flag: string, edit: (b: Uint8Array) => Uint8Array, expected: 'invalid' | 'acceptable' = 'invalid'): Mutation =>
  ({ id: `invalid/catalog/${id}`, description, stage: 'after', base, requirements, flag, expected, apply: ({ base: b }) => ({ bytes: edit(b) }) });


/** RFC 3560 (OAEP in CMS) belongs to the current profile only; under v3 these are no defects. */
const currentOnly = (m: Mutation): Mutation => ({ ...m, profiles: ['current'] });

export const ALGORITHM_PARAM_MUTATIONS: readonly Mutation[] = [
  signedDefect({ name: 'rsa-sha256-sig-params-absent', description: 'sha256WithRSAEncryption signatureAlgorithm without its NULL parameters (RFC 5754 3.2 requires NULL); a receiver that compares identifiers byte for byte disagrees with one that does not',
    expected: 'acceptable', requirements: ['rfc5754/3.2/rsa-sha2-params-null'], flag: 'DigestAlgorithmConfusion', signer: () => ({ defects: { signatureAlgorithm: seq(oid(OID.sha256WithRSAEncryption)) } }) }),
  signedDefect({ name: 'rsa-sha256-sig-params-octets', description: 'sha256WithRSAEncryption signatureAlgorithm whose parameters are an OCTET STRING, not NULL (RFC 5754 3.2)',
    requirements: ['rfc5754/3.2/rsa-sha2-params-null'], flag: 'DigestAlgorithmConfusion', signer: () => ({ defects: { signatureAlgorithm: seq(oid(OID.sha256WithRSAEncryption), octets(Uint8Array.of(0))) } }) }),
  signedDefect({ name: 'rsa-sha1-sig-params-absent', description: 'sha1WithRSAEncryption signatureAlgorithm without NULL parameters (RFC 3370 3.2 requires NULL)',
    requirements: ['rfc3370/3.2/rsa-sig-params-null'], flag: 'DigestAlgorithmConfusion', ...by('alice-rsa', { kind: 'rsa-pkcs1-sha', digest: 'sha1' }),
    signer: () => ({ signature: { kind: 'rsa-pkcs1-sha', digest: 'sha1' }, defects: { signatureAlgorithm: seq(oid(OID.sha1WithRSAEncryption)) } }) }),
  signedDefect({ name: 'ecdsa-sha256-sig-params-null', description: 'ecdsa-with-SHA256 signatureAlgorithm with NULL parameters (RFC 5754 3.3: absent, not even NULL)',
    requirements: ['rfc5754/3.3/ecdsa-sha2-params-absent'], flag: 'DigestAlgorithmConfusion', spec: by('alice-p256', { kind: 'ecdsa', digest: 'sha256' }).spec,
    signer: (ctx) => ({ ...by('alice-p256', { kind: 'ecdsa', digest: 'sha256' }).signer(ctx), defects: { signatureAlgorithm: seq(oid(OID.ecdsaWithSha256), nul()) } }) }),
  signedDefect({ name: 'dsa-sha1-sig-params-null', description: 'id-dsa-with-sha1 signatureAlgorithm with NULL parameters (RFC 3370 3.1: no parameters field at all)',
    requirements: ['rfc3370/3.1/dsa-with-sha1-params-absent'], flag: 'DigestAlgorithmConfusion', spec: by('alice-dsa', { kind: 'dsa', digest: 'sha1' }).spec,
    signer: (ctx) => ({ ...by('alice-dsa', { kind: 'dsa', digest: 'sha1' }).signer(ctx), defects: { signatureAlgorithm: seq(oid(OID.dsaWithSha1), nul()) } }) }),
  signedDefect({ name: 'dsa-sha256-sig-params-null', description: 'id-dsa-with-sha256 signatureAlgorithm with NULL parameters (RFC 5754 3.1: absent)',
    requirements: ['rfc5754/3.1/dsa-sha2-params-absent'], flag: 'DigestAlgorithmConfusion', spec: by('alice-dsa', { kind: 'dsa', digest: 'sha256' }).spec,
    signer: (ctx) => ({ ...by('alice-dsa', { kind: 'dsa', digest: 'sha256' }).signer(ctx), defects: { signatureAlgorithm: seq(oid(OID.dsaWithSha256), nul()) } }) }),
  signedDefect({ name: 'dsa-sha1-oid-with-sha256-digest', description: 'id-dsa-with-sha1 signatureAlgorithm over a SHA-256 digestAlgorithm (RFC 3370 3.1: DSA with SHA-1 uses sha-1); a verifier that takes the hash from digestAlgorithm accepts a signature its identifier does not describe',
    requirements: ['rfc3370/3.1/dsa-with-sha1-only', 'rfc8933/3.1/same-digest-content-and-signed-attrs'], flag: 'DigestAlgorithmConfusion', spec: by('alice-dsa', { kind: 'dsa', digest: 'sha256' }).spec,
    signer: (ctx) => ({ ...by('alice-dsa', { kind: 'dsa', digest: 'sha256' }).signer(ctx), defects: { signatureAlgorithm: seq(oid(OID.dsaWithSha1)) } }) }),
  signedDefect({ name: 'ed25519-sig-params-null', description: 'id-Ed25519 signatureAlgorithm with NULL parameters (RFC 8419 2.4: absent)',
    requirements: ['rfc8419/2.4/eddsa-sig-params-absent', 'rfc8419/3.1/signature-alg-params-absent'], flag: 'DigestAlgorithmConfusion', spec: by('alice-ed25519', { kind: 'ed25519', digest: 'sha512' }).spec,
    signer: (ctx) => ({ ...by('alice-ed25519', { kind: 'ed25519', digest: 'sha512' }).signer(ctx), defects: { signatureAlgorithm: seq(oid(OID.ed25519), nul()) } }) }),
  signedDefect({ name: 'ed25519-digest-sha256', description: 'Ed25519 signer with signed attributes whose digestAlgorithm is SHA-256 (RFC 8419 3.1 requires id-sha512)',
    requirements: ['rfc8419/3.1/ed25519-signer-digest-sha512', 'rfc8419/3.1/ed25519-message-digest-sha512'], flag: 'DigestAlgorithmConfusion', ...by('alice-ed25519', { kind: 'ed25519', digest: 'sha256' }) }),
  signedDefect({ name: 'ed448-digest-sha512', description: 'Ed448 signer with signed attributes whose digestAlgorithm is SHA-512 (RFC 8419 3.1 requires id-shake256-len)',
    requirements: ['rfc8419/3.1/ed448-signer-digest-shake256-len', 'rfc8419/3.1/ed448-message-digest-shake256'], flag: 'DigestAlgorithmConfusion', ...by('alice-ed448', { kind: 'ed448', digest: 'sha512' }) }),
  signedDefect({ name: 'ed25519-no-attrs-digest-sha256', description: 'Ed25519 signer without signed attributes whose digestAlgorithm is SHA-256 (RFC 8419 3.2: id-sha512); PureEdDSA signs the content itself, so the signature verifies and only a verifier that checks the identifier rejects it',
    requirements: ['rfc8419/3.2/ed25519-signer-digest-sha512'], flag: 'DigestAlgorithmConfusion', spec: by('alice-ed25519', { kind: 'ed25519', digest: 'sha256' }).spec,
    signer: (ctx) => ({ ...by('alice-ed25519', { kind: 'ed25519', digest: 'sha256' }).signer(ctx), signedAttrs: null }) }),
  signedDefect({ name: 'ed448-no-attrs-digest-shake256-len', description: 'Ed448 signer without signed attributes whose digestAlgorithm is id-shake256-len 512, the with-attributes identifier (RFC 8419 3.2: id-shake256); the signature over the content verifies either way',
    requirements: ['rfc8419/3.2/ed448-signer-digest-shake256'], flag: 'DigestAlgorithmConfusion', spec: by('alice-ed448', { kind: 'ed448', digest: 'shake256-512' }).spec,
    signer: (ctx) => ({ ...by('alice-ed448', { kind: 'ed448', digest: 'shake256-512' }).signer(ctx), signedAttrs: null, digestAlgorithm: seq(oid(OID.shake256Len), int(512)) }) }),
  signedDefect({ name: 'ed25519-no-attrs-sig-params-null', description: 'id-Ed25519 signatureAlgorithm with NULL parameters on a signer without signed attributes (RFC 8419 2.4 and 3.2: absent)',
    requirements: ['rfc8419/2.4/eddsa-sig-params-absent', 'rfc8419/3.2/signature-alg-params-absent'], flag: 'DigestAlgorithmConfusion', spec: by('alice-ed25519', { kind: 'ed25519', digest: 'sha512' }).spec,
    signer: (ctx) => ({ ...by('alice-ed25519', { kind: 'ed25519', digest: 'sha512' }).signer(ctx), signedAttrs: null, defects: { signatureAlgorithm: seq(oid(OID.ed25519), nul()) } }) }),
  signedDefect({ name: 'ed448-no-attrs-shake256-params', description: 'Ed448 signer without signed attributes whose id-shake256 digestAlgorithm (also in digestAlgorithms) carries INTEGER 512, the parameter of id-shake256-len (RFC 8419 2.3 and 3.2: absent)',
    requirements: ['rfc8419/3.2/ed448-signer-digest-no-params', 'rfc8419/3.2/ed448-digest-algorithms-shake256-no-params', 'rfc8419/2.3/sha512-shake256-params-absent'], flag: 'DigestAlgorithmConfusion', spec: by('alice-ed448', { kind: 'ed448', digest: 'shake256-512' }).spec,
    signer: (ctx) => ({ ...by('alice-ed448', { kind: 'ed448', digest: 'shake256-512' }).signer(ctx), signedAttrs: null, digestAlgorithm: seq(oid(OID.shake256), int(512)) }) }),
  signedDefect({ name: 'ed25519-no-message-digest', description: 'Ed25519 signer whose signed attributes lack message-digest (RFC 8419 3.1, RFC 5652 5.3): the signature over the attributes verifies, but nothing binds the content',
    requirements: ['rfc8419/3.1/signed-attrs-message-digest', 'rfc5652/5.3/signed-attrs-include-message-digest', 'rfc5652/11.2/present-in-signed-attrs'], flag: 'MessageDigestMismatch', spec: by('alice-ed25519', { kind: 'ed25519', digest: 'sha512' }).spec,
    signer: (ctx) => ({ ...by('alice-ed25519', { kind: 'ed25519', digest: 'sha512' }).signer(ctx), defects: { attrs: (a: Uint8Array[]) => a.filter((x) => !isAttr(x, OID.messageDigest)) } }) }),
  signedDefect({ name: 'ed25519-sha512-params-null', description: 'Ed25519 signer whose id-sha512 digestAlgorithm carries NULL parameters (RFC 8419 2.3: absent; RFC 5754 2: receivers MUST accept NULL SHA-2 parameters, so acceptable)',
    expected: 'acceptable', requirements: ['rfc8419/2.3/sha512-shake256-params-absent', 'rfc5754/2/sha2-generate-absent-params'], flag: 'DigestAlgorithmConfusion', spec: by('alice-ed25519', { kind: 'ed25519', digest: 'sha512' }).spec,
    signer: (ctx) => ({ ...by('alice-ed25519', { kind: 'ed25519', digest: 'sha512' }).signer(ctx), digestAlgorithm: seq(oid(OID.sha512), nul()) }) }),
  signedDefect({ name: 'ed448-shake256-len-256', description: 'Ed448 signer whose id-shake256-len digestAlgorithm says 256 bits, not 512 (RFC 8419 2.3), while the digest is 512 bits',
    requirements: ['rfc8419/2.3/shake256-len-param-512', 'rfc8419/3.1/ed448-signer-digest-param-512', 'rfc8419/3.1/ed448-digest-algorithms-shake256-len-512'], flag: 'DigestAlgorithmConfusion', spec: by('alice-ed448', { kind: 'ed448', digest: 'shake256-512' }).spec,
    signer: (ctx) => ({ ...by('alice-ed448', { kind: 'ed448', digest: 'shake256-512' }).signer(ctx), digestAlgorithm: seq(oid(OID.shake256Len), int(256)) }) }),
  signedDefect({ name: 'ed448-shake256-len-no-params', description: 'Ed448 signer whose id-shake256-len digestAlgorithm has no parameters (RFC 8419 2.3: the output length INTEGER is required)',
    requirements: ['rfc8419/2.3/shake256-len-params-present', 'rfc8419/3.1/ed448-signer-digest-params-present', 'rfc8419/3.1/ed448-digest-algorithms-shake256-len-params-present'], flag: 'DigestAlgorithmConfusion', spec: by('alice-ed448', { kind: 'ed448', digest: 'shake256-512' }).spec,
    signer: (ctx) => ({ ...by('alice-ed448', { kind: 'ed448', digest: 'shake256-512' }).signer(ctx), digestAlgorithm: seq(oid(OID.shake256Len)) }) }),
  signedDefect({ name: 'sha1-digest-params-octets', description: 'sha-1 digestAlgorithm whose parameters are an OCTET STRING (RFC 3370 2.1: absent or NULL only)',
    requirements: ['rfc3370/2.1/sha1-params-null-if-present'], flag: 'DigestAlgorithmConfusion',
    signer: () => ({ signature: { kind: 'rsa-pkcs1-sha', digest: 'sha1' }, digestAlgorithm: seq(oid(OID.sha1), octets(Uint8Array.of(1))) }) }),
  signedDefect({ name: 'algorithm-protection-two-values', description: 'CMSAlgorithmProtection with two values (RFC 6211 2: exactly one); a receiver that checks the first protects nothing against the second',
    requirements: ['rfc6211/2/single-attribute-value'], flag: 'DigestAlgorithmConfusion',
    signed: () => [attribute(OID.cmsAlgorithmProtection,
      seq(DIGESTS.sha256.identifier, Uint8Array.from([0xa1, ...seq(oid(OID.sha256WithRSAEncryption), nul()).subarray(1)])),
      seq(DIGESTS.sha256.identifier, Uint8Array.from([0xa1, ...seq(oid(OID.sha512WithRSAEncryption), nul()).subarray(1)])))] }),
  signedDefect({ name: 'algorithm-protection-twice', description: 'Two CMSAlgorithmProtection attributes in one signedAttrs (RFC 6211 2: at most once)',
    requirements: ['rfc6211/2/once-in-signed-attrs'], flag: 'DigestAlgorithmConfusion',
    signed: () => [algorithmProtectionAttr(DIGESTS.sha256.identifier, { signature: seq(oid(OID.sha256WithRSAEncryption), nul()) }), algorithmProtectionAttr(seq(oid(OID.sha256), nul()), { signature: seq(oid(OID.sha256WithRSAEncryption), nul()) })] }),
  signedDefect({ name: 'rsa-sha384-sig-params-absent', description: 'sha384WithRSAEncryption signatureAlgorithm without its NULL parameters (RFC 5754 3.2 requires NULL for its producer and that receivers accept them absent: acceptable)',
    expected: 'acceptable', requirements: ['rfc5754/3.2/rsa-sha2-params-null'], flag: 'DigestAlgorithmConfusion', signer: () => ({ signature: { kind: 'rsa-pkcs1-sha', digest: 'sha384' }, defects: { signatureAlgorithm: seq(oid(OID.sha384WithRSAEncryption)) } }) }),
  signedDefect({ name: 'rsa-sha512-sig-params-absent', description: 'sha512WithRSAEncryption signatureAlgorithm without its NULL parameters (RFC 5754 3.2 requires NULL for its producer and that receivers accept them absent: acceptable)',
    expected: 'acceptable', requirements: ['rfc5754/3.2/rsa-sha2-params-null'], flag: 'DigestAlgorithmConfusion', signer: () => ({ signature: { kind: 'rsa-pkcs1-sha', digest: 'sha512' }, defects: { signatureAlgorithm: seq(oid(OID.sha512WithRSAEncryption)) } }) }),
  signedDefect({ name: 'ecdsa-sha384-sig-params-null', description: 'ecdsa-with-SHA384 signatureAlgorithm (P-384 signer) with NULL parameters (RFC 5754 3.3: absent)',
    requirements: ['rfc5754/3.3/ecdsa-sha2-params-absent'], flag: 'DigestAlgorithmConfusion', spec: by('alice-p384', { kind: 'ecdsa', digest: 'sha384' }).spec,
    signer: (ctx) => ({ ...by('alice-p384', { kind: 'ecdsa', digest: 'sha384' }).signer(ctx), defects: { signatureAlgorithm: seq(oid(OID.ecdsaWithSha384), nul()) } }) }),
  signedDefect({ name: 'ed448-sig-params-null', description: 'id-Ed448 signatureAlgorithm with NULL parameters (RFC 8419 2.4: absent)',
    requirements: ['rfc8419/2.4/eddsa-sig-params-absent', 'rfc8419/3.1/signature-alg-params-absent'], flag: 'DigestAlgorithmConfusion', spec: by('alice-ed448', { kind: 'ed448', digest: 'shake256-512' }).spec,
    signer: (ctx) => ({ ...by('alice-ed448', { kind: 'ed448', digest: 'shake256-512' }).signer(ctx), defects: { signatureAlgorithm: seq(oid(OID.ed448), nul()) } }) }),
  signedDefect({ name: 'digest-algorithms-empty-ecdsa', description: 'ECDSA P-256 SignedData whose digestAlgorithms is an empty SET (the OpenSSL CVE-2026-45447 shape on another signature path)',
    requirements: ['rfc5652/5.3/digest-algorithm-listed'], flag: 'EmptyDigestAlgorithmsSet', expected: 'acceptable', signer: by('alice-p256', { kind: 'ecdsa', digest: 'sha256' }).signer,
    spec: (ctx) => ({ ...by('alice-p256', { kind: 'ecdsa', digest: 'sha256' }).spec(ctx), defects: { digestAlgorithms: [] } }) }),
  signedDefect({ name: 'digest-algorithms-empty-ed25519', description: 'Ed25519 SignedData whose digestAlgorithms is an empty SET (the OpenSSL CVE-2026-45447 shape on the EdDSA path)',
    requirements: ['rfc5652/5.3/digest-algorithm-listed', 'rfc8419/3.1/ed25519-digest-algorithms-include-sha512'], flag: 'EmptyDigestAlgorithmsSet', expected: 'acceptable', signer: by('alice-ed25519', { kind: 'ed25519', digest: 'sha512' }).signer,
    spec: (ctx) => ({ ...by('alice-ed25519', { kind: 'ed25519', digest: 'sha512' }).spec(ctx), defects: { digestAlgorithms: [] } }) }),
  signedDefect({ name: 'digest-algorithms-empty-ed448', description: 'Ed448 SignedData with signed attributes whose digestAlgorithms is an empty SET (RFC 8419 3.1: SHOULD list id-shake256-len; the set MAY be empty, RFC 5652 5.3 SHOULD list every signer digest)',
    requirements: ['rfc5652/5.3/digest-algorithm-listed', 'rfc8419/3.1/ed448-digest-algorithms-include-shake256-len'], flag: 'EmptyDigestAlgorithmsSet', expected: 'acceptable', signer: by('alice-ed448', { kind: 'ed448', digest: 'shake256-512' }).signer,
    spec: (ctx) => ({ ...by('alice-ed448', { kind: 'ed448', digest: 'shake256-512' }).spec(ctx), defects: { digestAlgorithms: [] } }) }),
  signedDefect({ name: 'message-digest-integer-ecdsa', description: 'ECDSA P-256 signer whose messageDigest value is an INTEGER, not an OCTET STRING (the CVE-2026-22796 type confusion on another signature path)',
    requirements: ['rfc5652/5.6/message-digest-attribute-matches'], flag: 'AttributeTypeConfusion', spec: by('alice-p256', { kind: 'ecdsa', digest: 'sha256' }).spec,
    signer: (ctx) => ({ ...by('alice-p256', { kind: 'ecdsa', digest: 'sha256' }).signer(ctx), defects: { attrs: (a: Uint8Array[]) => a.map((x) => (isAttr(x, OID.messageDigest) ? attribute(OID.messageDigest, int(BigInt(`0x01${Buffer.from(DIGESTS.sha256.digest(ctx.content('message'))).toString('hex')}`))) : x)) } }) }),
  after('ktri-rsa-params-absent', 'KeyTransRecipientInfo rsaEncryption keyEncryptionAlgorithm without NULL parameters (RFC 3370 4.2.1: present and NULL)', 'enveloped-data/rsa-pkcs1/aes-128-cbc',
    ['rfc3370/4.2.1/rsa-keytrans-params-present', 'rfc3370/4.2.1/rsa-keytrans-params-null'], 'DigestAlgorithmConfusion', (b) => replaceAlg(b, OID.rsaEncryption, seq(oid(OID.rsaEncryption)))),
  after('ktri-rsa-params-octets', 'KeyTransRecipientInfo rsaEncryption keyEncryptionAlgorithm whose parameters are an OCTET STRING (RFC 3370 4.2.1: NULL)', 'enveloped-data/rsa-pkcs1/aes-128-cbc',
    ['rfc3370/4.2.1/rsa-keytrans-params-null'], 'DigestAlgorithmConfusion', (b) => replaceAlg(b, OID.rsaEncryption, seq(oid(OID.rsaEncryption), octets(Uint8Array.of(0))))),
  after('3des-cbc-params-absent', 'des-ede3-cbc contentEncryptionAlgorithm without its IV parameter (RFC 3370 5.1: present); a receiver that assumes a zero IV decrypts the first block wrongly or not at all', 'enveloped-data/rsa-pkcs1/3des-cbc',
    ['rfc3370/5.1/3des-cbc-params-present'], 'BadPadding', (b) => replaceAlg(b, OID.desEde3Cbc, seq(oid(OID.desEde3Cbc)))),
  after('3des-cbc-iv-16-octets', 'des-ede3-cbc parameters with a 16-octet IV (RFC 3370 5.1: exactly 8 octets); a receiver that takes the first 8 octets decrypts with a value the sender did not state', 'enveloped-data/rsa-pkcs1/3des-cbc',
    ['rfc3370/5.1/3des-cbc-params-iv'], 'BadPadding', (b) => replaceAlg(b, OID.desEde3Cbc, seq(oid(OID.desEde3Cbc), octets(new Uint8Array(16))))),
  currentOnly(after('oaep-params-absent', 'id-RSAES-OAEP keyEncryptionAlgorithm without parameters (RFC 3560 3: present, an RSAES-OAEP-params SEQUENCE)', 'enveloped-data/rsa-oaep-sha1/aes-128-cbc',
    ['rfc3560/3/oaep-params-present'], 'DigestAlgorithmConfusion', (b) => replaceAlg(b, OID.rsaesOaep, seq(oid(OID.rsaesOaep))))),
  currentOnly(after('oaep-explicit-default-hash', 'RSAES-OAEP-params with hashFunc id-sha1 written out (RFC 3560 3: encrypters omit the SHA-1 default), so the DER is not the one other stacks compare', 'enveloped-data/rsa-oaep-sha1/aes-128-cbc',
    ['rfc3560/3/omit-default-hash'], 'DigestAlgorithmConfusion', (b) => replaceAlg(b, OID.rsaesOaep, seq(oid(OID.rsaesOaep), seq(explicit(0, seq(oid(OID.sha1)))))))),
  currentOnly(after('oaep-explicit-default-mgf', 'RSAES-OAEP-params with maskGenFunc MGF1-SHA-1 written out (RFC 3560 3: omitted when default)', 'enveloped-data/rsa-oaep-sha1/aes-128-cbc',
    ['rfc3560/3/omit-default-mgf'], 'DigestAlgorithmConfusion', (b) => replaceAlg(b, OID.rsaesOaep, seq(oid(OID.rsaesOaep), seq(explicit(1, seq(oid(OID.mgf1), seq(oid(OID.sha1))))))))),
  currentOnly(after('oaep-explicit-empty-psource', 'RSAES-OAEP-params with pSourceFunc id-pSpecified and an empty P written out (RFC 3560 3: omitted when P is empty)', 'enveloped-data/rsa-oaep-sha1/aes-128-cbc',
    ['rfc3560/3/omit-default-psource'], 'DigestAlgorithmConfusion', (b) => replaceAlg(b, OID.rsaesOaep, seq(oid(OID.rsaesOaep), seq(explicit(2, seq(oid(OID.pSpecified), octets(new Uint8Array())))))))),
  after('compressed-data-v1', 'CompressedData version 1 (RFC 3274 1.1: 0)', 'compressed-data/zlib',
    ['rfc3274/1.1/version-0'], 'WrongVersion', (b) => setVersion(b, [...BODY, 0], 1)),
  after('zlib-params-null', 'id-alg-zlibCompress with NULL parameters (RFC 3274 2 SHOULD omit them; NULL is tolerated)', 'compressed-data/zlib',
    ['rfc3274/2/zlib-params-omitted'], 'WrongTag', (b) => replaceAlg(b, OID.zlibCompress, seq(oid(OID.zlibCompress), nul())), 'acceptable'),
  after('auth-enveloped-data-no-recipients', 'AuthEnvelopedData whose recipientInfos SET is empty (RFC 5083 2.1: one or more)', 'auth-enveloped-data/aes-128-gcm',
    ['rfc5083/2.1/recipient-infos-nonempty'], 'RecipientInfoNullShape', (b) => replaceNode(b, childPath(b, isSet), Uint8Array.of(0x31, 0))),
  {
    id: 'invalid/catalog/auth-enveloped-data-message-digest-attr', description: 'AuthEnvelopedData whose authAttrs carry a message-digest of the plaintext (RFC 5083 2.1 and 3 SHOULD NOT: it exposes a hash of the content to anyone)',
    stage: 'before', base: 'auth-enveloped-data/aes-128-gcm', requirements: ['rfc5083/2.1/no-message-digest-attr', 'rfc5083/3/no-message-digest-attr'], flag: 'ForbiddenAttribute', expected: 'acceptable',
    apply: ({ ctx }) => ({ bytes: bobAuthEnveloped(ctx, { authAttrs: [messageDigestAttr(DIGESTS.sha256.digest(ctx.content('message')))] }) }),
  },
  {
    id: 'invalid/catalog/ccm-nonce-12-octets', description: 'AES-128-CCM AuthEnvelopedData with a 12-octet nonce (L = 3), correctly encrypted; RFC 5084 3.1 recommends L = 8, a 7-octet nonce',
    stage: 'before', base: 'auth-enveloped-data/aes-128-ccm', requirements: ['rfc5084/3.1/ccm-length-field-8'], flag: 'OversizedAeadNonce', expected: 'acceptable',
    apply: ({ ctx }) => ({ bytes: bobAuthEnveloped(ctx, { aead: 'aes-128-ccm', nonceLength: 12 }) }),
  },
];
