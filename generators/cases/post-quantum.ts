/**
 * Post-quantum cases (issue 13), with the cast of generators/pq-cast.ts:
 * - SignedData with pure ML-DSA-44/65/87 (RFC 9882) and SLH-DSA-SHA2-128f (RFC 9814), with signed
 *   attributes (digest SHA-512 for ML-DSA, RFC 9882 3.3; SHA-256 for SLH-DSA-SHA2-128f, RFC 9814
 *   4) and without (the content signed directly), attached and detached.
 * - EnvelopedData with one KEMRecipientInfo (RFC 9629) for ML-KEM-512/768/1024 (RFC 9936 2.1:
 *   HKDF-SHA256; AES-128 wrap for ML-KEM-512, AES-256 wrap for the others), one with a ukm, and
 *   AuthEnvelopedData (AES-256-GCM) with the ML-KEM-768 one.
 * Signing is deterministic and encapsulation draws m from the sample's stream, so every byte
 * follows from the seed.
 */
import type { Algorithm, Feature } from '../../core/vocabulary.ts';
import type { CaseContext, CaseDef } from '../case.ts';
import type { CbcCipher } from '../cms/content-encryption.ts';
import { buildEnvelopedData, type RecipientBuilder } from '../cms/enveloped-data.ts';
import { buildAuthEnvelopedData } from '../cms/auth-data.ts';
import { kemRecipient, type KemriOptions } from '../cms/kem-recipient.ts';
import { buildSignedData } from '../cms/signed-data.ts';
import type { DigestName } from '../cms/algorithms.ts';
import type { PqKemAlgorithm, PqSignatureAlgorithm } from '../crypto/pq.ts';
import { profilesFor } from './common.ts';

interface PqSigner { readonly alg: PqSignatureAlgorithm; readonly signer: string; readonly digest: Extract<DigestName, 'sha256' | 'sha512'>; readonly rfc: string }

const ML_DSA_44: PqSigner = { alg: 'ml-dsa-44', signer: 'alice-ml-dsa-44', digest: 'sha512', rfc: 'rfc9882' };
const ML_DSA_65: PqSigner = { alg: 'ml-dsa-65', signer: 'alice-ml-dsa-65', digest: 'sha512', rfc: 'rfc9882' };
const ML_DSA_87: PqSigner = { alg: 'ml-dsa-87', signer: 'alice-ml-dsa-87', digest: 'sha512', rfc: 'rfc9882' };
const SLH_128F: PqSigner = { alg: 'slh-dsa-sha2-128f', signer: 'alice-slh-dsa-sha2-128f', digest: 'sha256', rfc: 'rfc9814' };

type SignedVariant = 'attached' | 'detached' | 'no-signed-attrs';

function signedCase(p: PqSigner, variant: SignedVariant): CaseDef {
  const algorithms: Algorithm[] = [p.digest, p.alg];
  const features: Feature[] = ['signed-data', 'post-quantum', 'der', 'sid-issuer-serial', 'certificates-included',
    variant === 'detached' ? 'detached' : 'attached', variant === 'no-signed-attrs' ? 'no-signed-attrs' : 'signed-attrs'];
  const what = variant === 'no-signed-attrs' ? 'without signed attributes: the content itself is signed'
    : `${variant}, content-type and message-digest (${p.digest}) signed attributes`;
  return {
    id: `signed-data/${p.alg}/${variant}`,
    description: `SignedData by ${p.signer} with pure ${p.alg.toUpperCase()} (${p.rfc.toUpperCase().replace('RFC', 'RFC ')}), ${what}`,
    contentType: 'signedData',
    format: 'der',
    features,
    algorithms,
    requirements: ['rfc5652/5.1', 'rfc5652/5.3', 'rfc5652/5.4', 'rfc5652/5.5', ...(p.rfc === 'rfc9882' ? ['rfc9882/3.2', 'rfc9882/3.3'] : [])],
    profiles: profilesFor(algorithms),
    build(ctx: CaseContext) {
      const content = ctx.content('message');
      const identity = ctx.cast.get(p.signer);
      const bytes = buildSignedData({
        content,
        ...(variant === 'detached' ? { detached: true } : {}),
        signers: [{ identity, signature: { kind: p.alg, digest: p.digest }, signedAttrs: variant === 'no-signed-attrs' ? null : [] }],
        certificates: [identity.certDer],
      }, ctx.rnd);
      return { bytes, content: 'message', ...(variant === 'detached' ? { detached: true } : {}), signers: [p.signer] };
    },
  };
}

interface KemCase { readonly alg: PqKemAlgorithm; readonly cipher: Extract<CbcCipher, 'aes-128-cbc' | 'aes-256-cbc'>; readonly wrap: KemriOptions['wrap']; readonly ukm?: boolean }

function kemCase(k: KemCase): CaseDef {
  const recipient = `bob-${k.alg}`;
  const algorithms: Algorithm[] = [k.alg, 'hkdf-sha256', 'aes-wrap', k.cipher];
  const features: Feature[] = ['enveloped-data', 'kemri', 'post-quantum', 'der', 'sid-issuer-serial', ...(k.ukm ? ['ukm' as const] : [])];
  return {
    id: `enveloped-data/${k.alg}/${k.ukm ? 'ukm' : k.cipher}`,
    description: `EnvelopedData for ${recipient}: KEMRecipientInfo with ${k.alg.toUpperCase()}, HKDF-SHA256 and ${k.wrap}${k.ukm ? ', with a ukm' : ''}, content in ${k.cipher}`,
    contentType: 'envelopedData',
    format: 'der',
    features,
    algorithms,
    requirements: ['rfc5652/6.1', 'rfc5652/6.2', 'rfc9629/3', 'rfc9629/5', 'rfc9936/2.1', 'rfc9936/2.2.1'],
    profiles: profilesFor(algorithms),
    build(ctx: CaseContext) {
      const r = ctx.cast.get(recipient);
      const o: KemriOptions = { wrap: k.wrap, ...(k.ukm ? { ukm: new TextEncoder().encode('cms-interop ukm for KEMRecipientInfo') } : {}) };
      const builder: RecipientBuilder = { kind: 'ori', version: 0, build: (cek, rnd) => kemRecipient(r, cek, o, rnd) };
      const bytes = buildEnvelopedData({ content: ctx.content('message'), cipher: k.cipher, recipients: [builder] }, ctx.rnd);
      return { bytes, content: 'message', recipient };
    },
  };
}

/** AuthEnvelopedData (RFC 5083) with the same KEMRecipientInfo as the EnvelopedData for ML-KEM-768 (RFC 9629 covers both). */
const authEnvelopedKem: CaseDef = {
  id: 'auth-enveloped-data/ml-kem-768/aes-256-gcm',
  description: 'AuthEnvelopedData for bob-ml-kem-768 with AES-256-GCM: KEMRecipientInfo with ML-KEM-768, HKDF-SHA256 and aes256-wrap',
  contentType: 'authEnvelopedData',
  format: 'der',
  features: ['auth-enveloped-data', 'kemri', 'post-quantum', 'der', 'sid-issuer-serial', 'no-auth-attrs'],
  algorithms: ['ml-kem-768', 'hkdf-sha256', 'aes-wrap', 'aes-gcm'],
  requirements: ['rfc5083/2.1', 'rfc5084/3.2', 'rfc9629/3', 'rfc9629/5', 'rfc9936/2.1'],
  profiles: profilesFor(['ml-kem-768', 'hkdf-sha256', 'aes-wrap', 'aes-gcm']),
  build(ctx: CaseContext) {
    const r = ctx.cast.get('bob-ml-kem-768');
    const builder: RecipientBuilder = { kind: 'ori', version: 0, build: (cek, rnd) => kemRecipient(r, cek, { wrap: 'aes256-wrap' }, rnd) };
    const bytes = buildAuthEnvelopedData({ content: ctx.content('message'), aead: 'aes-256-gcm', recipients: [builder] }, ctx.rnd);
    return { bytes, content: 'message', recipient: 'bob-ml-kem-768' };
  },
};

export const POST_QUANTUM_CASES: readonly CaseDef[] = [
  signedCase(ML_DSA_44, 'attached'),
  signedCase(ML_DSA_44, 'detached'),
  signedCase(ML_DSA_44, 'no-signed-attrs'),
  signedCase(ML_DSA_65, 'attached'),
  signedCase(ML_DSA_65, 'no-signed-attrs'),
  signedCase(ML_DSA_87, 'attached'),
  signedCase(ML_DSA_87, 'no-signed-attrs'),
  signedCase(SLH_128F, 'attached'),
  signedCase(SLH_128F, 'no-signed-attrs'),
  kemCase({ alg: 'ml-kem-512', cipher: 'aes-128-cbc', wrap: 'aes128-wrap' }),
  kemCase({ alg: 'ml-kem-768', cipher: 'aes-256-cbc', wrap: 'aes256-wrap' }),
  kemCase({ alg: 'ml-kem-1024', cipher: 'aes-256-cbc', wrap: 'aes256-wrap' }),
  kemCase({ alg: 'ml-kem-768', cipher: 'aes-256-cbc', wrap: 'aes256-wrap', ukm: true }),
  authEnvelopedKem,
];
