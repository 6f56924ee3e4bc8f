/**
 * EnvelopedData cases (RFC 5652 6): every RecipientInfo kind, every content cipher, several
 * recipients of different kinds, originatorInfo and unprotected attributes.
 */
import { oid, seq, utf8 } from '../../core/der/encode.ts';
import { OID } from '../../core/oids.ts';
import type { Algorithm, Feature } from '../../core/vocabulary.ts';
import type { BuiltCase, CaseContext, CaseDef } from '../case.ts';
import { attribute } from '../cms/attributes.ts';
import type { CbcCipher } from '../cms/content-encryption.ts';
import { buildEnvelopedData, type EnvelopedDataSpec, type RecipientBuilder } from '../cms/enveloped-data.ts';
import { kari, kekri, KEK_128, KEK_3DES, ktri, PASSWORD, profilesFor, pwri, UKM, UKM_512 } from './common.ts';

const CIPHER_ALG: Record<Exclude<CbcCipher, 'rc2-cbc'>, Algorithm> = {
  'aes-128-cbc': 'aes-128-cbc', 'aes-192-cbc': 'aes-192-cbc', 'aes-256-cbc': 'aes-256-cbc', 'des-ede3-cbc': '3des-cbc',
};
const CIPHER_RFC: Record<Exclude<CbcCipher, 'rc2-cbc'>, string> = {
  'aes-128-cbc': 'rfc3565/2', 'aes-192-cbc': 'rfc3565/2', 'aes-256-cbc': 'rfc3565/2', 'des-ede3-cbc': 'rfc3370/5.1',
};

interface Env {
  readonly id: string;
  readonly description: string;
  readonly cipher: Exclude<CbcCipher, 'rc2-cbc'>;
  readonly features: readonly Feature[];
  readonly algorithms: readonly Algorithm[];
  readonly rfcs: readonly string[];
  readonly recipients: (ctx: CaseContext) => RecipientBuilder[];
  readonly opens: Pick<BuiltCase, 'recipient' | 'kek' | 'password'>;
  readonly extra?: (ctx: CaseContext) => Partial<EnvelopedDataSpec>;
}

function toCase(e: Env): CaseDef {
  const algorithms = [...new Set<Algorithm>([...e.algorithms, CIPHER_ALG[e.cipher]])];
  const rfcs = e.rfcs.map((r) => r.replace('rfc3565/', 'rfc5652/')); // RFC 3565 is not vendored: cite 5652 6
  return {
    id: e.id,
    description: e.description,
    contentType: 'envelopedData',
    format: 'der',
    features: ['enveloped-data', 'der', ...e.features],
    algorithms,
    requirements: [...new Set(['rfc5652/6.1', 'rfc5652/6.2', 'rfc5652/6.3', ...rfcs, CIPHER_RFC[e.cipher].replace('rfc3565/2', 'rfc5652/6.3')])],
    profiles: profilesFor(algorithms),
    build(ctx) {
      const spec: EnvelopedDataSpec = { content: ctx.content('message'), cipher: e.cipher, recipients: e.recipients(ctx), ...e.extra?.(ctx) };
      return { bytes: buildEnvelopedData(spec, ctx.rnd), content: 'message', ...e.opens };
    },
  };
}

const BOB_RSA = { recipient: 'bob-rsa' } as const;
const kek128 = { keyId: KEK_128.keyId, key: KEK_128.key, wrap: 'aes128-wrap' } as const;
const kek3des = { keyId: KEK_3DES.keyId, key: KEK_3DES.key, wrap: '3des-wrap' } as const;

const ciphers: Env[] = (['aes-128-cbc', 'aes-192-cbc', 'aes-256-cbc', 'des-ede3-cbc'] as const).map((cipher) => ({
  id: `enveloped-data/rsa-pkcs1/${cipher.replace('des-ede3-cbc', '3des-cbc')}`,
  description: `EnvelopedData for Bob, RSA PKCS #1 v1.5 key transport, content encrypted with ${cipher}`,
  cipher, features: ['ktri', 'sid-issuer-serial'], algorithms: ['rsaes-pkcs1v15'], rfcs: ['rfc3370/4.2.1', 'rfc5652/6.2.1'],
  recipients: (ctx) => [ktri(ctx.cast, 'bob-rsa', { padding: 'pkcs1' })], opens: BOB_RSA,
}));

const kinds: Env[] = [
  {
    id: 'enveloped-data/rsa-pkcs1/sid-ski', description: 'KeyTransRecipientInfo version 2 naming Bob by subjectKeyIdentifier, making EnvelopedData version 2',
    cipher: 'aes-128-cbc', features: ['ktri', 'sid-ski'], algorithms: ['rsaes-pkcs1v15'], rfcs: ['rfc5652/6.2.1'],
    recipients: (ctx) => [ktri(ctx.cast, 'bob-rsa', { padding: 'pkcs1', rid: 'ski' })], opens: BOB_RSA,
  },
  {
    id: 'enveloped-data/rsa-oaep-sha1/aes-128-cbc', description: 'RSAES-OAEP key transport with the default parameters (SHA-1, MGF1-SHA1), written as an empty SEQUENCE',
    cipher: 'aes-128-cbc', features: ['ktri', 'sid-issuer-serial'], algorithms: ['rsaes-oaep', 'sha1'], rfcs: ['rfc3560/3'],
    recipients: (ctx) => [ktri(ctx.cast, 'bob-rsa', { padding: 'oaep-sha1' })], opens: BOB_RSA,
  },
  {
    id: 'enveloped-data/rsa-oaep-sha256/aes-256-cbc', description: 'RSAES-OAEP key transport with SHA-256 and MGF1-SHA256 parameters',
    cipher: 'aes-256-cbc', features: ['ktri', 'sid-issuer-serial'], algorithms: ['rsaes-oaep', 'sha256'], rfcs: ['rfc3560/3'],
    recipients: (ctx) => [ktri(ctx.cast, 'bob-rsa', { padding: 'oaep-sha256' })], opens: BOB_RSA,
  },
  {
    id: 'enveloped-data/ecdh-p256/aes-128-cbc', description: 'Ephemeral-static ECDH on P-256 with the SHA-256 X9.63 KDF, AES-128 key wrap and a ukm',
    cipher: 'aes-128-cbc', features: ['kari', 'ukm', 'sid-issuer-serial'], algorithms: ['ecdh-p256', 'sha256', 'aes-wrap'], rfcs: ['rfc5753/3.1.1', 'rfc5753/7.2', 'rfc5652/6.2.2'],
    recipients: (ctx) => [kari(ctx.cast, 'bob-p256', { wrap: 'aes128-wrap', ukm: UKM })], opens: { recipient: 'bob-p256' },
  },
  {
    id: 'enveloped-data/ecdh-p384/aes-256-cbc', description: 'Ephemeral-static ECDH on P-384 with the SHA-384 X9.63 KDF, AES-256 key wrap, no ukm',
    cipher: 'aes-256-cbc', features: ['kari', 'sid-issuer-serial'], algorithms: ['ecdh-p384', 'sha384', 'aes-wrap'], rfcs: ['rfc5753/3.1.1', 'rfc5753/7.2', 'rfc5652/6.2.2'],
    recipients: (ctx) => [kari(ctx.cast, 'bob-p384', { wrap: 'aes256-wrap' })], opens: { recipient: 'bob-p384' },
  },
  {
    id: 'enveloped-data/x25519/aes-128-cbc', description: 'X25519 key agreement with HKDF-SHA256 and AES-128 key wrap (RFC 8418)',
    cipher: 'aes-128-cbc', features: ['kari', 'sid-issuer-serial'], algorithms: ['x25519', 'sha256', 'aes-wrap'], rfcs: ['rfc8418/2.2', 'rfc8418/3.1'],
    recipients: (ctx) => [kari(ctx.cast, 'bob-x25519', { wrap: 'aes128-wrap' })], opens: { recipient: 'bob-x25519' },
  },
  {
    id: 'enveloped-data/x448/aes-256-cbc', description: 'X448 key agreement with HKDF-SHA512, a ukm as HKDF salt and AES-256 key wrap (RFC 8418)',
    cipher: 'aes-256-cbc', features: ['kari', 'ukm', 'sid-issuer-serial'], algorithms: ['x448', 'sha512', 'aes-wrap'], rfcs: ['rfc8418/2.2', 'rfc8418/3.1'],
    recipients: (ctx) => [kari(ctx.cast, 'bob-x448', { wrap: 'aes256-wrap', ukm: UKM })], opens: { recipient: 'bob-x448' },
  },
  {
    id: 'enveloped-data/esdh/3des-cbc', description: 'X9.42 ephemeral-static Diffie-Hellman with Triple-DES key wrap and 3DES-CBC content: the S/MIME v3 mandatory set',
    cipher: 'des-ede3-cbc', features: ['kari', 'sid-issuer-serial'], algorithms: ['esdh-x942', 'sha1', '3des-wrap'], rfcs: ['rfc3370/4.1.1', 'rfc2631/2.1.2', 'rfc3370/4.3'],
    recipients: (ctx) => [kari(ctx.cast, 'bob-dh', { wrap: '3des-wrap' })], opens: { recipient: 'bob-dh' },
  },
  {
    id: 'enveloped-data/esdh/aes-128-cbc', description: 'X9.42 ephemeral-static Diffie-Hellman with a 512-bit ukm (partyAInfo) and AES-128 key wrap',
    cipher: 'aes-128-cbc', features: ['kari', 'ukm', 'sid-issuer-serial'], algorithms: ['esdh-x942', 'sha1', 'aes-wrap'], rfcs: ['rfc3370/4.1.1', 'rfc2631/2.1.2'],
    recipients: (ctx) => [kari(ctx.cast, 'bob-dh', { wrap: 'aes128-wrap', ukm: UKM_512 })], opens: { recipient: 'bob-dh' },
  },
  {
    id: 'enveloped-data/kek-aes/aes-128-cbc', description: 'KEKRecipientInfo with a previously distributed AES-128 key-encryption key and AES key wrap',
    cipher: 'aes-128-cbc', features: ['kekri'], algorithms: ['aes-wrap'], rfcs: ['rfc5652/6.2.3'],
    recipients: () => [kekri(kek128)], opens: { kek: kek128 },
  },
  {
    id: 'enveloped-data/kek-3des/3des-cbc', description: 'KEKRecipientInfo with a Triple-DES key-encryption key and the CMS Triple-DES key wrap, as S/MIME v3 had it',
    cipher: 'des-ede3-cbc', features: ['kekri'], algorithms: ['3des-wrap'], rfcs: ['rfc5652/6.2.3', 'rfc3370/4.3'],
    recipients: () => [kekri(kek3des)], opens: { kek: kek3des },
  },
  {
    id: 'enveloped-data/pwri/aes-128-cbc', description: 'PasswordRecipientInfo: PBKDF2 with HMAC-SHA256, 2048 iterations, PWRI-KEK wrap with AES-128-CBC',
    cipher: 'aes-128-cbc', features: ['pwri'], algorithms: ['pbkdf2', 'pwri-kek', 'sha256'], rfcs: ['rfc5652/6.2.4', 'rfc3211/2.3.1'],
    recipients: () => [pwri({ password: PASSWORD, iterations: 2048, kekCipher: 'aes-128-cbc', prf: 'hmacWithSHA256' })], opens: { password: PASSWORD },
  },
  {
    id: 'enveloped-data/pwri/3des-cbc', description: 'PasswordRecipientInfo: PBKDF2 with the default HMAC-SHA1, PWRI-KEK wrap with 3DES-CBC (RFC 3211 as written)',
    cipher: 'des-ede3-cbc', features: ['pwri'], algorithms: ['pbkdf2', 'pwri-kek', 'sha1'], rfcs: ['rfc5652/6.2.4', 'rfc3211/2.3.1'],
    recipients: () => [pwri({ password: PASSWORD, iterations: 2048, kekCipher: 'des-ede3-cbc', prf: 'hmacWithSHA1' })], opens: { password: PASSWORD },
  },
  {
    id: 'enveloped-data/mixed-recipients/aes-256-cbc', description: 'Four recipients of four kinds (RSA key transport, ECDH, KEK, password) sharing one content-encryption key',
    cipher: 'aes-256-cbc', features: ['ktri', 'kari', 'kekri', 'pwri', 'multiple-recipients', 'mixed-recipient-kinds', 'sid-issuer-serial'],
    algorithms: ['rsaes-pkcs1v15', 'ecdh-p256', 'sha256', 'aes-wrap', 'pbkdf2', 'pwri-kek'], rfcs: ['rfc5652/6.1', 'rfc5652/6.2'],
    recipients: (ctx) => [
      ktri(ctx.cast, 'bob-rsa', { padding: 'pkcs1' }),
      kari(ctx.cast, 'bob-p256', { wrap: 'aes256-wrap', ukm: UKM }),
      kekri(kek128),
      pwri({ password: PASSWORD, iterations: 2048, kekCipher: 'aes-256-cbc', prf: 'hmacWithSHA256' }),
    ],
    opens: { ...BOB_RSA, kek: kek128, password: PASSWORD },
  },
  {
    id: 'enveloped-data/rsa-pkcs1/multiple-recipients', description: 'EnvelopedData for Bob, Diane and Erica, each by RSA key transport of the same key',
    cipher: 'aes-128-cbc', features: ['ktri', 'multiple-recipients', 'sid-issuer-serial'], algorithms: ['rsaes-pkcs1v15'], rfcs: ['rfc5652/6.1'],
    recipients: (ctx) => ['bob-rsa', 'diane-rsa', 'erica-rsa'].map((id) => ktri(ctx.cast, id, { padding: 'pkcs1' })), opens: BOB_RSA,
  },
  {
    id: 'enveloped-data/originator-info', description: 'EnvelopedData with originatorInfo carrying Alice\'s certificate and Carl\'s CRL (version 2)',
    cipher: 'aes-128-cbc', features: ['ktri', 'originator-info', 'sid-issuer-serial'], algorithms: ['rsaes-pkcs1v15'], rfcs: ['rfc5652/6.1'],
    recipients: (ctx) => [ktri(ctx.cast, 'bob-rsa', { padding: 'pkcs1' })], opens: BOB_RSA,
    extra: (ctx) => ({ originatorInfo: { certificates: [ctx.cast.get('alice-rsa').certDer], crls: [ctx.cast.crlDer] } }),
  },
  {
    id: 'enveloped-data/unprotected-attrs', description: 'EnvelopedData with an unprotected contentHints attribute (version 2)',
    cipher: 'aes-128-cbc', features: ['ktri', 'unprotected-attrs', 'sid-issuer-serial'], algorithms: ['rsaes-pkcs1v15'], rfcs: ['rfc5652/6.1'],
    recipients: (ctx) => [ktri(ctx.cast, 'bob-rsa', { padding: 'pkcs1' })], opens: BOB_RSA,
    extra: () => ({ unprotectedAttrs: [attribute(OID.contentHint, seq(utf8('cms-interop sample message'), oid(OID.data)))] }),
  },
];

export const ENVELOPED_DATA_CASES: readonly CaseDef[] = [...ciphers, ...kinds].map(toCase);
