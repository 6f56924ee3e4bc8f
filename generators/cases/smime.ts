/**
 * S/MIME entity cases (RFC 8551 3, RFC 2633 for the v3 names): application/pkcs7-mime with every
 * smime-type, multipart/signed with the right micalg, 7bit and base64 signed parts, nested
 * signed-then-enveloped, and the x-pkcs7-* names. Each sample is a whole .eml message.
 */
import type { Algorithm, Feature } from '../../core/vocabulary.ts';
import type { BuiltCase, CaseContext, CaseDef } from '../case.ts';
import { buildAuthEnvelopedData } from '../cms/auth-data.ts';
import { buildEnvelopedData } from '../cms/enveloped-data.ts';
import { buildSignedData } from '../cms/signed-data.ts';
import { buildCompressedData } from '../cms/simple-types.ts';
import { base64Lines, pkcs7MimeEntity, type MediaNames } from '../mime/entity.ts';
import { ktri, profilesFor } from './common.ts';
import { bytesOf, INNER_ENTITY_FILE, innerEntity, INNER_TEXT, multipartSignedEntity, toMessage } from './smime-common.ts';

interface SmimeVariant {
  readonly id: string;
  readonly description: string;
  readonly contentType: CaseDef['contentType'];
  readonly features: readonly Feature[];
  readonly algorithms: readonly Algorithm[];
  readonly rfcs: readonly string[];
  readonly build: (ctx: CaseContext, id: string) => Omit<BuiltCase, 'bytes'> & { entity: string };
}

const RSA256 = { kind: 'rsa-pkcs1-sha', digest: 'sha256' } as const;
const inner = { ownContent: { name: INNER_ENTITY_FILE, bytes: bytesOf(innerEntity()) } };

function smimeCase(v: SmimeVariant): CaseDef {
  return {
    id: v.id, description: v.description, contentType: v.contentType, format: 'smime',
    features: [...v.features], algorithms: [...v.algorithms],
    requirements: ['rfc8551/3.1', ...v.rfcs], profiles: profilesFor(v.algorithms),
    build(ctx) {
      const { entity, ...rest } = v.build(ctx, v.id);
      return { bytes: toMessage(ctx, v.id, entity), ...rest };
    },
  };
}

const signedPkcs7 = (ctx: CaseContext, names: MediaNames, digest: 'sha1' | 'sha256') => pkcs7MimeEntity(
  buildSignedData({
    content: bytesOf(innerEntity()),
    signers: [{ identity: ctx.cast.get('alice-rsa'), signature: { kind: 'rsa-pkcs1-sha', digest }, signedAttrs: [] }],
    certificates: [ctx.cast.get('alice-rsa').certDer],
  }, ctx.rnd), 'signed-data', names);

const envelopedPkcs7 = (ctx: CaseContext, content: string, names: MediaNames, cipher: 'aes-128-cbc' | 'des-ede3-cbc') => pkcs7MimeEntity(
  buildEnvelopedData({ content: bytesOf(content), cipher, recipients: [ktri(ctx.cast, 'bob-rsa', { padding: 'pkcs1' })] }, ctx.rnd.fork('envelope')),
  'enveloped-data', names);

const variants: SmimeVariant[] = [
  {
    id: 'smime/pkcs7-mime/signed-data', description: 'application/pkcs7-mime; smime-type=signed-data carrying a signed text entity, base64',
    contentType: 'signedData', features: ['signed-data', 'smime-pkcs7-mime', 'smime-type-signed-data', 'transfer-base64', 'canonical-crlf'],
    algorithms: ['sha256', 'rsa-pkcs1v15'], rfcs: ['rfc8551/3.2', 'rfc8551/3.5.2'],
    build: (ctx) => ({ entity: signedPkcs7(ctx, 'current', 'sha256'), ...inner, signers: ['alice-rsa'] }),
  },
  {
    id: 'smime/pkcs7-mime/enveloped-data', description: 'application/pkcs7-mime; smime-type=enveloped-data for Bob (RSA, AES-128-CBC)',
    contentType: 'envelopedData', features: ['enveloped-data', 'ktri', 'smime-pkcs7-mime', 'smime-type-enveloped-data', 'transfer-base64'],
    algorithms: ['rsaes-pkcs1v15', 'aes-128-cbc'], rfcs: ['rfc8551/3.3'],
    build: (ctx) => ({ entity: envelopedPkcs7(ctx, innerEntity(), 'current', 'aes-128-cbc'), ...inner, recipient: 'bob-rsa' }),
  },
  {
    id: 'smime/pkcs7-mime/authenveloped-data', description: 'application/pkcs7-mime; smime-type=authEnveloped-data for Bob (RSAES-OAEP, AES-128-GCM)',
    contentType: 'authEnvelopedData', features: ['auth-enveloped-data', 'ktri', 'smime-pkcs7-mime', 'smime-type-authenveloped-data', 'transfer-base64'],
    algorithms: ['rsaes-oaep', 'sha256', 'aes-gcm'], rfcs: ['rfc8551/3.4'],
    build: (ctx) => ({
      entity: pkcs7MimeEntity(buildAuthEnvelopedData({ content: bytesOf(innerEntity()), aead: 'aes-128-gcm', recipients: [ktri(ctx.cast, 'bob-rsa', { padding: 'oaep-sha256' })] }, ctx.rnd), 'authEnveloped-data'),
      ...inner, recipient: 'bob-rsa',
    }),
  },
  {
    id: 'smime/pkcs7-mime/compressed-data', description: 'application/pkcs7-mime; smime-type=compressed-data (zlib) of the text entity',
    contentType: 'compressedData', features: ['compressed-data', 'smime-pkcs7-mime', 'smime-type-compressed-data', 'transfer-base64'],
    algorithms: ['zlib'], rfcs: ['rfc8551/3.6'],
    build: () => ({ entity: pkcs7MimeEntity(buildCompressedData(bytesOf(innerEntity())), 'compressed-data'), ...inner }),
  },
  {
    id: 'smime/pkcs7-mime/certs-only', description: 'application/pkcs7-mime; smime-type=certs-only (.p7c) with the cast certificates and CRL',
    contentType: 'signedData', features: ['signed-data', 'certs-only', 'certificates-included', 'crls-included', 'smime-pkcs7-mime', 'smime-type-certs-only', 'transfer-base64'],
    algorithms: [], rfcs: ['rfc8551/3.8'],
    build: (ctx) => ({
      entity: pkcs7MimeEntity(buildSignedData({ content: null, signers: [], certificates: ['carl-rsa', 'alice-rsa', 'bob-rsa'].map((id) => ctx.cast.get(id).certDer), crls: [ctx.cast.crlDer] }, ctx.rnd), 'certs-only'),
    }),
  },
  ...([['rsa-sha256', 'alice-rsa', RSA256, ['sha256', 'rsa-pkcs1v15']], ['ecdsa-p384-sha384', 'alice-p384', { kind: 'ecdsa', digest: 'sha384' }, ['sha384', 'ecdsa-p384']]] as const)
    .map(([name, signer, choice, algs]): SmimeVariant => ({
      id: `smime/multipart-signed/${name}`, description: `multipart/signed, application/pkcs7-signature by ${signer}, micalg=${choice.digest.replace('sha', 'sha-')}, 7bit text part`,
      contentType: 'signedData', features: ['signed-data', 'detached', 'smime-multipart-signed', 'transfer-7bit', 'canonical-crlf'],
      algorithms: [...algs], rfcs: ['rfc8551/3.5.3', 'rfc8551/3.5.3.2', 'rfc8551/3.1.1'],
      build: (ctx) => ({ entity: multipartSignedEntity(ctx, innerEntity(), signer, choice), ...inner, signers: [signer] }),
    })),
  {
    id: 'smime/multipart-signed/base64-part', description: 'multipart/signed whose signed part is base64 transfer-encoded (the signature covers the encoded form)',
    contentType: 'signedData', features: ['signed-data', 'detached', 'smime-multipart-signed', 'transfer-base64', 'canonical-crlf'],
    algorithms: ['sha256', 'rsa-pkcs1v15'], rfcs: ['rfc8551/3.5.3', 'rfc8551/3.1.2'],
    build: (ctx) => {
      const part = ['Content-Type: text/plain; charset=us-ascii', 'Content-Transfer-Encoding: base64', '', base64Lines(bytesOf(INNER_TEXT))].join('\r\n');
      return { entity: multipartSignedEntity(ctx, part, 'alice-rsa', RSA256), ownContent: { name: 'smime-base64-part.txt', bytes: bytesOf(part) }, signers: ['alice-rsa'] };
    },
  },
  {
    id: 'smime/nested/signed-then-enveloped', description: 'a multipart/signed entity, then enveloped for Bob in application/pkcs7-mime: decrypt, then verify',
    contentType: 'envelopedData', features: ['enveloped-data', 'signed-data', 'ktri', 'smime-pkcs7-mime', 'smime-multipart-signed', 'smime-type-enveloped-data', 'nested-entities', 'canonical-crlf'],
    algorithms: ['rsaes-pkcs1v15', 'aes-128-cbc', 'sha256', 'rsa-pkcs1v15'], rfcs: ['rfc8551/3.7', 'rfc8551/3.3'],
    build: (ctx) => ({
      entity: envelopedPkcs7(ctx, multipartSignedEntity(ctx, innerEntity(), 'alice-rsa', RSA256), 'current', 'aes-128-cbc'),
      ...inner, recipient: 'bob-rsa', signers: ['alice-rsa'], layers: ['decrypt', 'verify'],
    }),
  },
  {
    id: 'smime/v3/x-pkcs7-mime-signed-data', description: 'S/MIME v3 naming: application/x-pkcs7-mime; smime-type=signed-data, RSA with SHA-1',
    contentType: 'signedData', features: ['signed-data', 'smime-pkcs7-mime', 'smime-type-signed-data', 'smime-v3-names', 'transfer-base64'],
    algorithms: ['sha1', 'rsa-pkcs1v15'], rfcs: ['rfc2633/3.2', 'rfc2633/3.4.2'],
    build: (ctx) => ({ entity: signedPkcs7(ctx, 'x-pkcs7', 'sha1'), ...inner, signers: ['alice-rsa'] }),
  },
  {
    id: 'smime/v3/x-pkcs7-signature', description: 'S/MIME v3 naming: multipart/signed with application/x-pkcs7-signature and micalg=sha1',
    contentType: 'signedData', features: ['signed-data', 'detached', 'smime-multipart-signed', 'smime-v3-names', 'transfer-7bit', 'canonical-crlf'],
    algorithms: ['sha1', 'rsa-pkcs1v15'], rfcs: ['rfc2633/3.4.3', 'rfc2633/3.4.3.2'],
    build: (ctx) => ({ entity: multipartSignedEntity(ctx, innerEntity(), 'alice-rsa', { kind: 'rsa-pkcs1-sha', digest: 'sha1' }, [], 'x-pkcs7'), ...inner, signers: ['alice-rsa'] }),
  },
  {
    id: 'smime/v3/x-pkcs7-mime-enveloped-data', description: 'S/MIME v3 naming: application/x-pkcs7-mime; smime-type=enveloped-data with 3DES-CBC, the v3 mandatory cipher',
    contentType: 'envelopedData', features: ['enveloped-data', 'ktri', 'smime-pkcs7-mime', 'smime-type-enveloped-data', 'smime-v3-names', 'transfer-base64'],
    algorithms: ['rsaes-pkcs1v15', '3des-cbc'], rfcs: ['rfc2633/3.3'],
    build: (ctx) => ({ entity: envelopedPkcs7(ctx, innerEntity(), 'x-pkcs7', 'des-ede3-cbc'), ...inner, recipient: 'bob-rsa' }),
  },
];

export const SMIME_CASES: readonly CaseDef[] = variants.map(smimeCase);
