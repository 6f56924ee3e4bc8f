/**
 * The node-forge adapter driven for real (forge.pkcs7, in process): enveloped and encrypted corpus
 * samples accepted with the exact content, a tampered copy rejected, signed samples unsupported
 * (forge has no verify), and the signed and enveloped messages it produces accepted by
 * `openssl cms`.
 */
import { describe, expect, it } from 'vitest';
import { forgeAdapter as forge } from '../adapters/stacks/forge.ts';
import { CORPUS, readBytes } from './helpers/corpus.ts';
import { adapterDriver, padLength } from './helpers/adapter-driver.ts';
import { acceptsWith, failedRules, PRODUCED_CONTENT, produceAndJudge, verdictText } from './helpers/produced-check.ts';

const { manifest, sample, consume, expected } = adapterDriver(forge);

describe('node-forge adapter', () => {
  it('probes the installed node-forge', async () => {
    const p = await forge.probe();
    expect(p.installed && p.version).toMatch(/^node-forge 1\.\d+\.\d+/);
  });

  it('accepts enveloped and encrypted samples with the exact content (AES, 3DES, several recipients, S/MIME, RFC 4134)', async () => {
    for (const id of ['enveloped-data/rsa-pkcs1/aes-128-cbc', 'enveloped-data/rsa-pkcs1/3des-cbc', 'enveloped-data/rsa-pkcs1/multiple-recipients',
      'smime/pkcs7-mime/enveloped-data', 'rfc4134/5.1-enveloped-3des', 'encrypted-data/aes-128-cbc', 'rfc4134/7.2-encrypted-attrs']) {
      const v = await consume(id);
      expect(acceptsWith(v, expected(id)), `${id}: ${verdictText(v)}`).toBe(true);
    }
  });

  it('reads a certs-only SignedData of RSA certificates, and says it cannot read DSA ones', async () => {
    expect(verdictText(await consume('signed-data/certs-only'))).toBe('accept');
    const s = sample('rfc4134/4.11-certs-only');
    expect(verdictText(await forge.consume({ manifest, dir: CORPUS, sample: s, bytes: readBytes(CORPUS, s.file) }))).toMatch(/^unsupported: node-forge: .*not RSA/);
  });

  it('rejects enveloped and encrypted messages with a flipped ciphertext octet', async () => {
    expect(verdictText(await consume('enveloped-data/rsa-pkcs1/aes-256-cbc', padLength))).toMatch(/^reject: Symmetric decryption failed/);
    expect(verdictText(await consume('encrypted-data/aes-128-cbc', padLength))).toMatch(/^reject: Symmetric decryption failed/);
  });

  it('rejects trailing bytes after the ContentInfo', async () => {
    const bytes = new Uint8Array([...readBytes(CORPUS, sample('enveloped-data/rsa-pkcs1/aes-128-cbc').file), 0x00, 0x00]);
    const v = await forge.consume({ manifest, dir: CORPUS, sample: sample('enveloped-data/rsa-pkcs1/aes-128-cbc'), bytes });
    expect(verdictText(v)).toMatch(/^reject: .*Unparsed DER bytes remain/);
  });

  it('says why it cannot consume what forge.pkcs7 lacks', () => {
    for (const [id, reason] of [['signed-data/rsa-sha256/attached', /signature verification/], ['smime/nested/signed-then-enveloped', /signature verification/],
      ['enveloped-data/rsa-oaep-sha256/aes-256-cbc', /RSAES-PKCS1-v1_5/], ['enveloped-data/rsa-pkcs1/sid-ski', /issuerAndSerialNumber/],
      ['enveloped-data/originator-info', /originatorInfo/], ['enveloped-data/mixed-recipients/aes-256-cbc', /kari\/kekri\/pwri/],
      ['rfc4134/5.2-enveloped-rc2', /rc2-cbc/], ['data/der', /id-data/], ['compressed-data/zlib', /CompressedData/]] as const) {
      const support = forge.consumes(sample(id));
      expect(!support.supported && support.reason, id).toMatch(reason);
    }
  });

  it('produces signed and enveloped messages that openssl cms accepts', async () => {
    expect(forge.produces).toEqual(['signed-data/attached', 'signed-data/detached', 'enveloped-data/ktri']);
    for (const feature of forge.produces) {
      const p = await produceAndJudge(forge, feature);
      expect(acceptsWith(p.openssl, PRODUCED_CONTENT), `${feature} openssl: ${verdictText(p.openssl)}`).toBe(true);
      if (feature === 'enveloped-data/ktri') {
        expect(acceptsWith(p.self, PRODUCED_CONTENT), verdictText(p.self)).toBe(true);
        expect([p.checker.verdict, failedRules(p.checker)]).toEqual(['valid', []]);
      } else {
        // forge writes the SHA-256 AlgorithmIdentifier with NULL parameters (RFC 5754 2: absent).
        expect(failedRules(p.checker)).toEqual(['rfc5754/2/sha2-generate-absent-params']);
      }
    }
  }, 60_000);
});
