/**
 * The Bouncy Castle adapter driven for real: one JVM (adapters/stacks/java/CmsiBc.java) for the
 * whole file. Every valid corpus sample it supports is accepted with the exact content except the
 * findings in BC_REJECTS_VALID (which must still fail, so the list cannot go stale); tampered
 * copies are rejected; a request that hangs is a `hang` and the next request gets a fresh JVM; a
 * JVM that dies is a `crash`; the messages it produces are accepted by `openssl cms` where OpenSSL
 * has the feature, and by our checker.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { ProduceFeature } from '../adapters/adapter.ts';
import { BC_REJECTS_VALID, BC_UNSUPPORTED, bouncycastleAdapter as bc, bouncycastleJvm } from '../adapters/stacks/bouncycastle.ts';
import { CORPUS, readBytes } from './helpers/corpus.ts';
import { adapterDriver, flipLast, padLength } from './helpers/adapter-driver.ts';
import { acceptsWith, failedRules, PRODUCED_CONTENT, produceAndJudge, verdictText } from './helpers/produced-check.ts';

const { manifest, sample, consume, expected } = adapterDriver(bc, { requireSupported: false });

afterAll(() => bc.close());

describe('Bouncy Castle adapter', () => {
  it('probes the version from the stack itself', async () => {
    const p = await bc.probe();
    expect(p.installed && p.version).toMatch(/^BouncyCastle Security Provider v1\.\d+; Java \d+/);
  }, 60_000);

  it('accepts signed samples with the exact content (attached, detached, PSS, ECDSA, Ed25519, Ed448, S/MIME)', async () => {
    for (const id of ['signed-data/rsa-sha256/attached', 'signed-data/rsa-sha256/detached', 'signed-data/rsa-pss-sha256/attached',
      'signed-data/ecdsa-p384-sha384/attached', 'signed-data/ed25519/attached', 'signed-data/ed448/detached', 'smime/multipart-signed/rsa-sha256']) {
      const v = await consume(id);
      expect(acceptsWith(v, expected(id)), `${id}: ${verdictText(v)}`).toBe(true);
    }
  });

  it('accepts enveloped samples with the exact content (ktri, kari, kekri, pwri, GCM, CCM, AuthenticatedData, triple-wrapped)', async () => {
    for (const id of ['enveloped-data/rsa-pkcs1/aes-128-cbc', 'enveloped-data/rsa-oaep-sha256/aes-256-cbc', 'enveloped-data/ecdh-p256/aes-128-cbc',
      'enveloped-data/kek-3des/3des-cbc', 'enveloped-data/pwri/aes-128-cbc', 'auth-enveloped-data/aes-256-gcm/auth-attrs', 'auth-enveloped-data/aes-128-ccm',
      'authenticated-data/hmac-sha256/auth-attrs', 'ess/triple-wrapped']) {
      const v = await consume(id);
      expect(acceptsWith(v, expected(id)), `${id}: ${verdictText(v)}`).toBe(true);
    }
  });

  it('rejects a signed message with a flipped signature octet', async () => {
    const v = await consume('signed-data/rsa-sha256/attached', flipLast);
    expect(verdictText(v)).toMatch(/^reject: signer 0: signature does not verify/);
  });

  it('rejects enveloped messages with a flipped ciphertext octet (CBC padding, GCM tag)', async () => {
    expect(verdictText(await consume('enveloped-data/rsa-pkcs1/aes-128-cbc', padLength))).toMatch(/^reject: .*(pad|block)/i);
    // AuthEnvelopedData ends with the 16-octet GCM tag.
    expect(verdictText(await consume('auth-enveloped-data/aes-128-gcm', flipLast))).toMatch(/^reject: .*(mac|tag)/i);
  });

  it('rejects an AuthenticatedData whose message-digest attribute is not the digest of its content (the adapter compares with the digest BC computed, not the attribute with itself)', async () => {
    expect(verdictText(await consume('invalid/enveloped/authenticated-data-message-digest-wrong'))).toMatch(/^reject: AuthenticatedData message-digest does not match the content/);
    expect(verdictText(await consume('invalid/catalog/authenticated-data-message-digest-twice'))).toMatch(/^reject: /);
  });

  it('verifies signatures at the manifest validationTime against its trust anchors', async () => {
    // The cast is valid 2025-01-01 to 2099-12-31.
    const late = { ...manifest, validationTime: '2100-01-01T00:00:00Z' };
    const s = sample('signed-data/rsa-sha256/attached');
    const v = await bc.consume({ manifest: late, dir: CORPUS, sample: s, bytes: readBytes(CORPUS, s.file) });
    expect(verdictText(v)).toMatch(/^reject: signer 0: certificate path: .*(expired|not valid|validity)/i);
    const untrusted = { ...manifest, trustAnchors: ['keys/rfc4134/CarlDSSSelf.pem'] };
    expect(verdictText(await bc.consume({ manifest: untrusted, dir: CORPUS, sample: s, bytes: readBytes(CORPUS, s.file) }))).toMatch(/^reject: signer 0: certificate path/);
  });

  it('a missing key file is a harness error, never a reject', async () => {
    const s = sample('enveloped-data/rsa-pkcs1/aes-128-cbc');
    const broken = { ...s, inputs: { ...s.inputs, recipient: { id: 'bob-rsa', cert: 'keys/bob-rsa.cert.pem', key: 'keys/no-such.key.pem' } } };
    expect(verdictText(await bc.consume({ manifest, dir: CORPUS, sample: broken, bytes: readBytes(CORPUS, s.file) }))).toMatch(/^error: cannot read private key/);
  });

  it('a request that does not answer is a hang; the next request gets a fresh JVM', async () => {
    expect((await bouncycastleJvm.request({ op: 'sleep', ms: 60_000 }, 1500)).kind).toBe('hang');
    const v = await consume('digested-data/sha256');
    expect(acceptsWith(v, expected('digested-data/sha256'))).toBe(true);
  }, 30_000);

  it('a JVM that dies in a request is a crash; the next request gets a fresh JVM', async () => {
    const o = await bouncycastleJvm.request({ op: 'halt' });
    expect(o.kind === 'crash' && o.signal).toMatch(/exited with code 3/);
    expect(acceptsWith(await consume('compressed-data/zlib'), expected('compressed-data/zlib'))).toBe(true);
  }, 30_000);

  it('says why it cannot consume what Bouncy Castle 1.72 lacks', () => {
    for (const [id, reason] of [['enveloped-data/x25519/aes-128-cbc', /RFC 8418/], ['enveloped-data/x448/aes-256-cbc', /RFC 8418/],
      ['rfc4134/4.6-signed-two-signers', /inherits its parameters/], ['ess/receipt/signed-receipt', /receipt/]] as const) {
      const support = bc.consumes(sample(id));
      expect(!support.supported && support.reason, id).toMatch(reason);
    }
  });

  it('every valid sample it supports: accepted with the exact content, except the findings (still rejected)', async () => {
    const ids = new Set(manifest.samples.map((s) => s.id));
    for (const id of [...Object.keys(BC_UNSUPPORTED), ...Object.keys(BC_REJECTS_VALID)]) expect(ids, id).toContain(id);
    for (const s of manifest.samples.filter((x) => x.expected === 'valid')) {
      if (!bc.consumes(s).supported) continue;
      const v = await bc.consume({ manifest, dir: CORPUS, sample: s, bytes: readBytes(CORPUS, s.file) });
      if (BC_REJECTS_VALID[s.id]) {
        expect(v.verdict, `${s.id} is now accepted: move it out of BC_REJECTS_VALID`).toBe('reject');
      } else {
        expect(v.verdict === 'accept' ? 'accept' : verdictText(v), s.id).toBe('accept');
        if (v.verdict === 'accept' && s.inputs.content) expect(acceptsWith(v, readBytes(CORPUS, s.inputs.content)), s.id).toBe(true);
      }
    }
  }, 60_000);

  it('produces messages that openssl cms (where it has the feature) and our checker accept', async () => {
    const notInOpenssl: ProduceFeature[] = ['compressed-data', 'authenticated-data'];
    for (const feature of bc.produces) {
      const p = await produceAndJudge(bc, feature);
      expect(acceptsWith(p.self, PRODUCED_CONTENT), `${feature} round trip: ${verdictText(p.self)}`).toBe(true);
      if (!notInOpenssl.includes(feature)) expect(acceptsWith(p.openssl, PRODUCED_CONTENT), `${feature} openssl: ${verdictText(p.openssl)}`).toBe(true);
      if (feature === 'enveloped-data/pwri') {
        // Bouncy Castle 1.72 writes EnvelopedData version 0 with a PasswordRecipientInfo; RFC 5652 6.1 says 3.
        expect(failedRules(p.checker)).toEqual(['rfc5652/6.1/version-3-when-v2-attr-certs-pwri-or-ori']);
      } else {
        expect([p.checker.verdict, failedRules(p.checker)], feature).toEqual(['valid', []]);
      }
    }
  }, 60_000);
});
