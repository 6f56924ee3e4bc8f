/**
 * A message one stack produced, described as a manifest Sample so every other stack can consume
 * it with the usual inputs (cross-verification). The paths are relative to the run's produced/
 * folder, which holds a copy of the cast keys and the content.
 */
import type { Sample } from '../core/manifest.ts';
import type { Algorithm, ContentTypeName, Feature } from '../core/vocabulary.ts';
import type { ProduceFeature } from '../adapters/adapter.ts';

interface Shape {
  readonly contentType: ContentTypeName;
  readonly features: readonly Feature[];
  readonly algorithms: readonly Algorithm[];
  readonly inputs: Sample['inputs'];
}

const KEK = { keyId: Buffer.from('cmsi-interop-kek').toString('hex'), key: '000102030405060708090a0b0c0d0e0f', wrap: 'aes128-wrap' };
export const PRODUCE_KEK = { keyId: new Uint8Array(Buffer.from(KEK.keyId, 'hex')), key: new Uint8Array(Buffer.from(KEK.key, 'hex')) };
export const PRODUCE_PASSWORD = 'cms-interop produce password';
const bobRsa = { id: 'bob-rsa', cert: 'keys/bob-rsa.cert.pem', key: 'keys/bob-rsa.key.pem' };

const SHAPES: Record<ProduceFeature, Shape> = {
  'signed-data/attached': { contentType: 'signedData', features: ['signed-data', 'attached'], algorithms: ['sha256', 'rsa-pkcs1v15'], inputs: { content: 'content.txt', signerCerts: ['keys/alice-rsa.cert.pem'] } },
  'signed-data/detached': { contentType: 'signedData', features: ['signed-data', 'detached'], algorithms: ['sha256', 'rsa-pkcs1v15'], inputs: { content: 'content.txt', detached: true, signerCerts: ['keys/alice-rsa.cert.pem'] } },
  'signed-data/ecdsa': { contentType: 'signedData', features: ['signed-data', 'attached'], algorithms: ['sha256', 'ecdsa-p256'], inputs: { content: 'content.txt', signerCerts: ['keys/alice-p256.cert.pem'] } },
  'enveloped-data/ktri': { contentType: 'envelopedData', features: ['enveloped-data', 'ktri'], algorithms: ['rsaes-pkcs1v15', 'aes-256-cbc'], inputs: { content: 'content.txt', recipient: bobRsa } },
  'enveloped-data/kari': { contentType: 'envelopedData', features: ['enveloped-data', 'kari'], algorithms: ['ecdh-p256', 'aes-wrap', 'aes-128-cbc'], inputs: { content: 'content.txt', recipient: { id: 'bob-p256', cert: 'keys/bob-p256.cert.pem', key: 'keys/bob-p256.key.pem' } } },
  'enveloped-data/kekri': { contentType: 'envelopedData', features: ['enveloped-data', 'kekri'], algorithms: ['aes-wrap', 'aes-128-cbc'], inputs: { content: 'content.txt', kek: KEK } },
  'enveloped-data/pwri': { contentType: 'envelopedData', features: ['enveloped-data', 'pwri'], algorithms: ['pbkdf2', 'pwri-kek', 'aes-128-cbc'], inputs: { content: 'content.txt', password: PRODUCE_PASSWORD } },
  'auth-enveloped-data/gcm': { contentType: 'authEnvelopedData', features: ['auth-enveloped-data', 'ktri'], algorithms: ['rsaes-pkcs1v15', 'aes-gcm'], inputs: { content: 'content.txt', recipient: bobRsa } },
  'digested-data': { contentType: 'digestedData', features: ['digested-data'], algorithms: ['sha256'], inputs: { content: 'content.txt' } },
  'encrypted-data': { contentType: 'encryptedData', features: ['encrypted-data'], algorithms: ['aes-128-cbc'], inputs: { content: 'content.txt', kek: { key: KEK.key, wrap: 'aes-128-cbc' } } },
  'compressed-data': { contentType: 'compressedData', features: ['compressed-data'], algorithms: ['zlib'], inputs: { content: 'content.txt' } },
  'authenticated-data': { contentType: 'authData', features: ['authenticated-data', 'ktri'], algorithms: ['hmac-sha256', 'rsaes-pkcs1v15'], inputs: { content: 'content.txt', recipient: bobRsa } },
  'signed-data/ml-dsa': { contentType: 'signedData', features: ['signed-data', 'attached', 'post-quantum'], algorithms: ['sha512', 'ml-dsa-65'], inputs: { content: 'content.txt', signerCerts: ['keys/pq/alice-ml-dsa-65.cert.pem'] } },
  'enveloped-data/kemri': { contentType: 'envelopedData', features: ['enveloped-data', 'kemri', 'post-quantum'], algorithms: ['ml-kem-768', 'hkdf-sha256', 'aes-wrap', 'aes-256-cbc'], inputs: { content: 'content.txt', recipient: { id: 'bob-ml-kem-768', cert: 'keys/pq/bob-ml-kem-768.cert.pem', key: 'keys/pq/bob-ml-kem-768.key.pem' } } },
  'signed-receipt': { contentType: 'signedData', features: ['signed-data', 'ess-receipt'], algorithms: ['sha256', 'rsa-pkcs1v15'], inputs: { signerCerts: ['keys/erica-rsa.cert.pem'] } },
};

export function producedSample(producer: string, feature: ProduceFeature, file: string): Sample {
  const s = SHAPES[feature];
  return {
    id: `produced/${producer}/${feature}`,
    file,
    sha256: '0'.repeat(64),
    format: 'der',
    contentType: s.contentType,
    expected: 'valid',
    description: `${feature} produced by ${producer}`,
    features: s.features,
    algorithms: s.algorithms,
    requirements: ['rfc5652/5.1'],
    profiles: ['current'],
    inputs: s.inputs,
  };
}
