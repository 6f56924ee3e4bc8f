/**
 * Cases for the remaining content types: Data (DER and BER), AuthEnvelopedData (AES-GCM/CCM),
 * AuthenticatedData (HMAC-SHA256, HMAC-SHA1), DigestedData, EncryptedData and CompressedData.
 */
import { oid, seq, utf8 } from '../../core/der/encode.ts';
import { OID } from '../../core/oids.ts';
import type { CaseDef } from '../case.ts';
import { attribute, signingTimeAttr } from '../cms/attributes.ts';
import { buildAuthEnvelopedData, buildAuthenticatedData } from '../cms/auth-data.ts';
import { newCbcKey } from '../cms/content-encryption.ts';
import { buildEncryptedData } from '../cms/enveloped-data.ts';
import { buildCompressedData, buildData, buildDigestedData } from '../cms/simple-types.ts';
import { ktri, profilesFor } from './common.ts';


const data: CaseDef[] = [
  {
    id: 'data/der', description: 'ContentInfo of type id-data with the content as a primitive OCTET STRING, all DER',
    contentType: 'data', format: 'der', features: ['data', 'der'], algorithms: [], requirements: ['rfc5652/3', 'rfc5652/4'], profiles: ['v3', 'current'],
    build: (ctx) => ({ bytes: buildData(ctx.content('message'), 'der'), content: 'message' }),
  },
  {
    id: 'data/ber-indefinite', description: 'ContentInfo of type id-data in BER: indefinite lengths, content split into a constructed OCTET STRING',
    contentType: 'data', format: 'ber', features: ['data', 'ber-indefinite', 'ber-constructed-octets'], algorithms: [], requirements: ['rfc5652/3', 'rfc5652/4'], profiles: ['v3', 'current'],
    build: (ctx) => ({ bytes: buildData(ctx.content('large'), 'ber', 1000), content: 'large' }),
  },
];

const authEnveloped: CaseDef[] = ([
  ['aes-128-gcm', 'aes-gcm', false], ['aes-256-gcm', 'aes-gcm', true], ['aes-128-ccm', 'aes-ccm', false], ['aes-256-ccm', 'aes-ccm', true],
] as const).map(([aead, alg, withAttrs]) => ({
  id: `auth-enveloped-data/${aead}${withAttrs ? '/auth-attrs' : ''}`,
  description: `AuthEnvelopedData for Bob with ${aead.toUpperCase()}, 12-byte nonce, 16-byte ICV, RSAES-OAEP key transport${withAttrs ? ', authenticated content-type and signing-time attributes' : ''}`,
  contentType: 'authEnvelopedData', format: 'der',
  features: ['auth-enveloped-data', 'ktri', 'sid-issuer-serial', 'der', withAttrs ? 'auth-attrs' : 'no-auth-attrs'],
  algorithms: [alg, 'rsaes-oaep', 'sha256'],
  requirements: ['rfc5083/2.1', 'rfc5084/3', alg === 'aes-gcm' ? 'rfc5084/3.2' : 'rfc5084/3.1', 'rfc3560/3'],
  profiles: profilesFor([alg, 'rsaes-oaep', 'sha256']),
  build: (ctx) => ({
    bytes: buildAuthEnvelopedData({
      content: ctx.content('message'), aead,
      recipients: [ktri(ctx.cast, 'bob-rsa', { padding: 'oaep-sha256' })],
      ...(withAttrs ? { authAttrs: [signingTimeAttr('2026-01-15T12:00:00Z')] } : {}),
    }, ctx.rnd),
    content: 'message', recipient: 'bob-rsa',
  }),
}));

const authenticated: CaseDef[] = ([
  ['hmac-sha256', true], ['hmac-sha256', false], ['hmac-sha1', true],
] as const).map(([mac, withAttrs]) => {
  const algorithms = [mac, mac === 'hmac-sha1' ? 'sha1' : 'sha256', 'rsaes-pkcs1v15'] as const;
  return {
    id: `authenticated-data/${mac}/${withAttrs ? 'auth-attrs' : 'no-auth-attrs'}`,
    description: `AuthenticatedData for Bob with ${mac.toUpperCase()}${withAttrs ? ', the MAC over DER authenticated attributes (content-type, message-digest)' : ', the MAC directly over the content'}`,
    contentType: 'authData' as const, format: 'der' as const,
    features: ['authenticated-data', 'ktri', 'sid-issuer-serial', 'der', withAttrs ? 'auth-attrs' : 'no-auth-attrs'],
    algorithms: [...algorithms],
    requirements: ['rfc5652/9.1', 'rfc5652/9.2', ...(mac === 'hmac-sha1' ? ['rfc3370/6.1'] : [])],
    profiles: profilesFor(algorithms),
    build: (ctx) => ({
      bytes: buildAuthenticatedData({
        content: ctx.content('message'), mac, authAttrs: withAttrs ? [] : null,
        recipients: [ktri(ctx.cast, 'bob-rsa', { padding: 'pkcs1' })],
      }, ctx.rnd),
      content: 'message' as const, recipient: 'bob-rsa',
    }),
  } satisfies CaseDef;
});

const digested: CaseDef[] = (['sha256', 'sha1'] as const).map((d) => ({
  id: `digested-data/${d}`, description: `DigestedData (version 0) of the sample message with ${d.toUpperCase()}`,
  contentType: 'digestedData', format: 'der', features: ['digested-data', 'der'], algorithms: [d],
  requirements: ['rfc5652/7', d === 'sha1' ? 'rfc3370/2.1' : 'rfc5754/2'], profiles: profilesFor([d]),
  build: (ctx) => ({ bytes: buildDigestedData(ctx.content('message'), d), content: 'message' }),
}));

const encrypted: CaseDef[] = ([
  ['aes-128-cbc', 'aes-128-cbc', false], ['aes-256-cbc', 'aes-256-cbc', true], ['des-ede3-cbc', '3des-cbc', false],
] as const).map(([cipher, alg, attrs]) => ({
  id: `encrypted-data/${alg}${attrs ? '/unprotected-attrs' : ''}`,
  description: `EncryptedData with ${alg} under a key given to the consumer${attrs ? ', with an unprotected contentHints attribute (version 2)' : ' (version 0)'}`,
  contentType: 'encryptedData', format: 'der', features: ['encrypted-data', 'der', ...(attrs ? ['unprotected-attrs' as const] : [])],
  algorithms: [alg], requirements: ['rfc5652/8', alg === '3des-cbc' ? 'rfc3370/5.1' : 'rfc5652/6.3'], profiles: profilesFor([alg]),
  build: (ctx) => {
    const key = newCbcKey(cipher, ctx.rnd.fork('key'));
    const unprotectedAttrs = attrs ? [attribute(OID.contentHint, seq(utf8('cms-interop sample message'), oid(OID.data)))] : [];
    return {
      bytes: buildEncryptedData({ content: ctx.content('message'), key, unprotectedAttrs }),
      content: 'message',
      kek: { keyId: new Uint8Array(), key: key.key, wrap: cipher },
    };
  },
}));

const compressed: CaseDef[] = [
  {
    id: 'compressed-data/zlib', description: 'CompressedData (version 0) with zlib, compressing the large sample content',
    contentType: 'compressedData', format: 'der', features: ['compressed-data', 'der'], algorithms: ['zlib'], requirements: ['rfc3274/1.1', 'rfc3274/2'], profiles: ['v3', 'current'],
    build: (ctx) => ({ bytes: buildCompressedData(ctx.content('large')), content: 'large' }),
  },
];

export const OTHER_TYPE_CASES: readonly CaseDef[] = [...data, ...authEnveloped, ...authenticated, ...digested, ...encrypted, ...compressed];
