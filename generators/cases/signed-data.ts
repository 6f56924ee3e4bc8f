/**
 * SignedData cases (RFC 5652 5): every signature algorithm attached and detached, and the
 * structural variants (no signed attributes, signing-time forms, SMIMECapabilities,
 * CMSAlgorithmProtection, SKI signer, several signers, countersignature, CRLs, certs-only, BER).
 */
import { oid, seq } from '../../core/der/encode.ts';
import { OID } from '../../core/oids.ts';
import type { Algorithm, Feature } from '../../core/vocabulary.ts';
import type { CaseContext, CaseDef } from '../case.ts';
import { algorithmProtectionAttr, signingTimeAttr, smimeCapabilitiesAttr } from '../cms/attributes.ts';
import { buildSignedData, countersignatureAttr, type SignedDataSpec, type SignerSpec } from '../cms/signed-data.ts';
import { signatureIdentifier, type SignatureChoice } from '../cms/signers.ts';
import { DIGESTS } from '../cms/algorithms.ts';
import { profilesFor } from './common.ts';

export interface SigAlg {
  readonly name: string;
  readonly signer: string;
  readonly choice: SignatureChoice;
  readonly algorithms: readonly Algorithm[];
  readonly rfcs: readonly string[];
}

export const SIG_ALGS: readonly SigAlg[] = [
  { name: 'rsa-sha1', signer: 'alice-rsa', choice: { kind: 'rsa-pkcs1-sha', digest: 'sha1' }, algorithms: ['sha1', 'rsa-pkcs1v15'], rfcs: ['rfc3370/3.2', 'rfc3370/2.1'] },
  { name: 'rsa-sha256', signer: 'alice-rsa', choice: { kind: 'rsa-pkcs1-sha', digest: 'sha256' }, algorithms: ['sha256', 'rsa-pkcs1v15'], rfcs: ['rfc5754/3.2', 'rfc5754/2'] },
  { name: 'rsa-sha384', signer: 'alice-rsa', choice: { kind: 'rsa-pkcs1-sha', digest: 'sha384' }, algorithms: ['sha384', 'rsa-pkcs1v15'], rfcs: ['rfc5754/3.2', 'rfc5754/2'] },
  { name: 'rsa-sha512', signer: 'alice-rsa', choice: { kind: 'rsa-pkcs1-sha', digest: 'sha512' }, algorithms: ['sha512', 'rsa-pkcs1v15'], rfcs: ['rfc5754/3.2', 'rfc5754/2'] },
  { name: 'rsa-pss-sha256', signer: 'alice-rsa', choice: { kind: 'rsa-pss', digest: 'sha256' }, algorithms: ['sha256', 'rsa-pss'], rfcs: ['rfc4056/3'] },
  { name: 'dsa-sha1', signer: 'alice-dsa', choice: { kind: 'dsa', digest: 'sha1' }, algorithms: ['sha1', 'dsa'], rfcs: ['rfc3370/3.1'] },
  { name: 'dsa-sha256', signer: 'alice-dsa', choice: { kind: 'dsa', digest: 'sha256' }, algorithms: ['sha256', 'dsa'], rfcs: ['rfc5754/3.1'] },
  { name: 'ecdsa-p256-sha256', signer: 'alice-p256', choice: { kind: 'ecdsa', digest: 'sha256' }, algorithms: ['sha256', 'ecdsa-p256'], rfcs: ['rfc5753/2.1', 'rfc5754/3.3'] },
  { name: 'ecdsa-p384-sha384', signer: 'alice-p384', choice: { kind: 'ecdsa', digest: 'sha384' }, algorithms: ['sha384', 'ecdsa-p384'], rfcs: ['rfc5753/2.1', 'rfc5754/3.3'] },
  { name: 'ed25519', signer: 'alice-ed25519', choice: { kind: 'ed25519', digest: 'sha512' }, algorithms: ['sha512', 'ed25519'], rfcs: ['rfc8419/3.1'] },
  { name: 'ed448', signer: 'alice-ed448', choice: { kind: 'ed448', digest: 'shake256-512' }, algorithms: ['shake256', 'ed448'], rfcs: ['rfc8419/3.1'] },
];

const RSA256 = SIG_ALGS[1]!;

function signer(ctx: CaseContext, alg: SigAlg, extra: Partial<SignerSpec> = {}): SignerSpec {
  return { identity: ctx.cast.get(alg.signer), signature: alg.choice, signedAttrs: [], ...extra };
}

interface Variant {
  readonly id: string;
  readonly description: string;
  readonly alg: SigAlg;
  readonly features: readonly Feature[];
  readonly extraAlgs?: readonly Algorithm[];
  readonly rfcs: readonly string[];
  readonly format?: 'der' | 'ber';
  readonly content?: 'message' | 'large';
  readonly spec: (ctx: CaseContext, content: Uint8Array) => SignedDataSpec;
  readonly signers?: readonly string[];
}

function toCase(v: Variant): CaseDef {
  const algorithms = [...new Set([...v.alg.algorithms, ...(v.extraAlgs ?? [])])];
  return {
    id: v.id,
    description: v.description,
    contentType: 'signedData',
    format: v.format ?? 'der',
    features: ['signed-data', ...v.features],
    algorithms,
    requirements: [...new Set(['rfc5652/5.1', 'rfc5652/5.3', ...v.alg.rfcs, ...v.rfcs])],
    profiles: profilesFor(algorithms),
    build(ctx) {
      const content = ctx.content(v.content ?? 'message');
      const spec = v.spec(ctx, content);
      return {
        bytes: buildSignedData(spec, ctx.rnd),
        content: v.content ?? 'message',
        ...(spec.detached ? { detached: true } : {}),
        signers: v.signers ?? [v.alg.signer],
      };
    },
  };
}

const withCert = (ctx: CaseContext, ids: readonly string[]) => ids.map((id) => ctx.cast.get(id).certDer);

const perAlgorithm: Variant[] = SIG_ALGS.flatMap((alg): Variant[] => [
  {
    id: `signed-data/${alg.name}/attached`,
    description: `SignedData by ${alg.signer} with ${alg.name}, content attached, content-type and message-digest signed attributes`,
    alg, features: ['attached', 'signed-attrs', 'sid-issuer-serial', 'certificates-included', 'der'], rfcs: ['rfc5652/5.4', 'rfc5652/5.2'],
    spec: (ctx, content) => ({ content, signers: [signer(ctx, alg)], certificates: withCert(ctx, [alg.signer]) }),
  },
  {
    id: `signed-data/${alg.name}/detached`,
    description: `Detached SignedData by ${alg.signer} with ${alg.name}: eContent absent, content supplied separately`,
    alg, features: ['detached', 'signed-attrs', 'sid-issuer-serial', 'certificates-included', 'der'], rfcs: ['rfc5652/5.2', 'rfc5652/5.4'],
    spec: (ctx, content) => ({ content, detached: true, signers: [signer(ctx, alg)], certificates: withCert(ctx, [alg.signer]) }),
  },
]);

const CAPABILITIES = (): Uint8Array[] => [
  seq(oid(OID.aes256Cbc)), seq(oid(OID.aes128Cbc)), seq(oid(OID.aes128Gcm)), seq(oid(OID.rsaesOaep)), seq(oid(OID.desEde3Cbc)),
];

const structural: Variant[] = [
  {
    id: 'signed-data/rsa-sha256/no-signed-attrs',
    description: 'SignedData whose SignerInfo has no signed attributes: the signature covers the content directly',
    alg: RSA256, features: ['attached', 'no-signed-attrs', 'sid-issuer-serial', 'certificates-included', 'der'], rfcs: ['rfc5652/5.4'],
    spec: (ctx, content) => ({ content, signers: [signer(ctx, RSA256, { signedAttrs: null })], certificates: withCert(ctx, ['alice-rsa']) }),
  },
  {
    id: 'signed-data/rsa-sha256/signing-time-utc',
    description: 'signing-time signed attribute in 2026, encoded as UTCTime as RFC 5652 11.3 requires for 1950-2049',
    alg: RSA256, features: ['attached', 'signed-attrs', 'signing-time-utc', 'sid-issuer-serial', 'certificates-included', 'der'], rfcs: ['rfc5652/11.3'],
    spec: (ctx, content) => ({ content, signers: [signer(ctx, RSA256, { signedAttrs: [signingTimeAttr('2026-01-15T12:00:00Z')] })], certificates: withCert(ctx, ['alice-rsa']) }),
  },
  {
    id: 'signed-data/rsa-sha256/signing-time-generalized',
    description: 'signing-time signed attribute in 2050, encoded as GeneralizedTime as RFC 5652 11.3 requires outside 1950-2049',
    alg: RSA256, features: ['attached', 'signed-attrs', 'signing-time-generalized', 'sid-issuer-serial', 'certificates-included', 'der'], rfcs: ['rfc5652/11.3'],
    spec: (ctx, content) => ({ content, signers: [signer(ctx, RSA256, { signedAttrs: [signingTimeAttr('2050-01-01T00:00:00Z')] })], certificates: withCert(ctx, ['alice-rsa']) }),
  },
  {
    id: 'signed-data/rsa-sha256/smime-capabilities',
    description: 'SignedData announcing the signer\'s SMIMECapabilities (AES-256/128-CBC, AES-128-GCM, RSAES-OAEP, 3DES) as a signed attribute',
    alg: RSA256, features: ['attached', 'signed-attrs', 'smime-capabilities', 'sid-issuer-serial', 'certificates-included', 'der'], rfcs: ['rfc8551/2.5.2'],
    spec: (ctx, content) => ({ content, signers: [signer(ctx, RSA256, { signedAttrs: [smimeCapabilitiesAttr(CAPABILITIES())] })], certificates: withCert(ctx, ['alice-rsa']) }),
  },
  {
    id: 'signed-data/rsa-sha256/algorithm-protection',
    description: 'SignedData with a CMSAlgorithmProtection attribute naming the digest and signature algorithms used, plus signing-time',
    alg: RSA256, features: ['attached', 'signed-attrs', 'algorithm-protection', 'signing-time-utc', 'sid-issuer-serial', 'certificates-included', 'der'], rfcs: ['rfc6211/2', 'rfc8933/3'],
    spec: (ctx, content) => ({
      content,
      signers: [signer(ctx, RSA256, { signedAttrs: [signingTimeAttr('2026-01-15T12:00:00Z'), algorithmProtectionAttr(DIGESTS.sha256.identifier, { signature: signatureIdentifier(RSA256.choice) })] })],
      certificates: withCert(ctx, ['alice-rsa']),
    }),
  },
  {
    id: 'signed-data/rsa-sha256/sid-ski',
    description: 'SignerInfo version 3 identifying the signer by subjectKeyIdentifier, which makes SignedData version 3',
    alg: RSA256, features: ['attached', 'signed-attrs', 'sid-ski', 'certificates-included', 'der'], rfcs: ['rfc5652/5.3', 'rfc5652/5.1'],
    spec: (ctx, content) => ({ content, signers: [signer(ctx, RSA256, { sid: 'ski' })], certificates: withCert(ctx, ['alice-rsa']) }),
  },
  {
    id: 'signed-data/multiple-signers',
    description: 'Three signers over the same content: Alice with RSA-SHA256, Diane with ECDSA P-256 and Diane with RSA-PSS',
    alg: RSA256, features: ['attached', 'signed-attrs', 'multiple-signers', 'sid-issuer-serial', 'certificates-included', 'der'],
    extraAlgs: ['ecdsa-p256', 'rsa-pss'], rfcs: ['rfc5652/5.1', 'rfc5753/2.1', 'rfc4056/3'],
    signers: ['alice-rsa', 'diane-p256', 'diane-rsa'],
    spec: (ctx, content) => ({
      content,
      signers: [
        signer(ctx, RSA256),
        { identity: ctx.cast.get('diane-p256'), signature: { kind: 'ecdsa', digest: 'sha256' }, signedAttrs: [] },
        { identity: ctx.cast.get('diane-rsa'), signature: { kind: 'rsa-pss', digest: 'sha256' }, signedAttrs: [] },
      ],
      certificates: withCert(ctx, ['alice-rsa', 'diane-p256', 'diane-rsa']),
    }),
  },
  {
    id: 'signed-data/rsa-sha256/countersignature',
    description: 'Alice\'s SignerInfo carries a countersignature by Erica over Alice\'s signature value, with no content-type attribute',
    alg: RSA256, features: ['attached', 'signed-attrs', 'countersignature', 'sid-issuer-serial', 'certificates-included', 'der'], rfcs: ['rfc5652/11.4'],
    signers: ['alice-rsa', 'erica-rsa'],
    spec: (ctx, content) => ({
      content,
      signers: [signer(ctx, RSA256, {
        unsignedAttrs: (sig) => [countersignatureAttr({ identity: ctx.cast.get('erica-rsa'), signature: RSA256.choice, signedAttrs: [] }, sig, ctx.rnd.fork('countersigner'))],
      })],
      certificates: withCert(ctx, ['alice-rsa', 'erica-rsa']),
    }),
  },
  {
    id: 'signed-data/rsa-sha256/crls',
    description: 'SignedData carrying the signer certificate, the CA certificate and Carl\'s CRL in the crls field',
    alg: RSA256, features: ['attached', 'signed-attrs', 'crls-included', 'sid-issuer-serial', 'certificates-included', 'der'], rfcs: ['rfc5652/5.1', 'rfc5652/10.2.1'],
    spec: (ctx, content) => ({ content, signers: [signer(ctx, RSA256)], certificates: withCert(ctx, ['alice-rsa', 'carl-rsa']), crls: [ctx.cast.crlDer] }),
  },
  {
    id: 'signed-data/rsa-sha256/ber-indefinite',
    description: 'SignedData in BER: indefinite lengths and the content as a constructed OCTET STRING of 1000-byte segments',
    alg: RSA256, features: ['attached', 'signed-attrs', 'ber-indefinite', 'ber-constructed-octets', 'sid-issuer-serial', 'certificates-included'], rfcs: ['rfc5652/5.2', 'rfc5652/5.3'],
    format: 'ber', content: 'large',
    spec: (ctx, content) => ({ content, signers: [signer(ctx, RSA256)], certificates: withCert(ctx, ['alice-rsa']), encoding: 'ber', berChunk: 1000 }),
  },
];

const certsOnly: CaseDef = {
  id: 'signed-data/certs-only',
  description: 'Degenerate SignedData with no signers and no content, carrying the cast certificates and CRL (certs-only)',
  contentType: 'signedData',
  format: 'der',
  features: ['signed-data', 'certs-only', 'certificates-included', 'crls-included', 'der'],
  algorithms: [],
  requirements: ['rfc5652/5.2', 'rfc8551/3.8'],
  profiles: ['v3', 'current'],
  build(ctx) {
    const certs = ['carl-rsa', 'alice-rsa', 'bob-rsa', 'diane-rsa', 'erica-rsa'].map((id) => ctx.cast.get(id).certDer);
    return { bytes: buildSignedData({ content: null, signers: [], certificates: certs, crls: [ctx.cast.crlDer] }, ctx.rnd) };
  },
};

export const SIGNED_DATA_CASES: readonly CaseDef[] = [...[...perAlgorithm, ...structural].map(toCase), certsOnly];
