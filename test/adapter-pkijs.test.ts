/**
 * The pkijs adapter driven for real (pkijs 4 on Node's WebCrypto, in process): signed and
 * enveloped corpus samples accepted with the exact content, tampered copies rejected, chain
 * validation at the manifest's validationTime, the limits it reports as unsupported (with the
 * ukm bug), and what it produces judged by `openssl cms` and our checker, findings included.
 */
import { describe, expect, it } from 'vitest';
import { pkijsAdapter as pkijs } from '../adapters/stacks/pkijs.ts';
import { CORPUS, readBytes } from './helpers/corpus.ts';
import { adapterDriver, flipLast, padLength } from './helpers/adapter-driver.ts';
import { expectPqUnsupported, UNKNOWN_OID_CONTROL, unknownSignatureOid } from './helpers/pq-unsupported.ts';
import { acceptsWith, failedRules, PRODUCED_CONTENT, produceAndJudge, verdictText } from './helpers/produced-check.ts';

const { manifest, sample, consume, expected } = adapterDriver(pkijs);

describe('pkijs adapter', () => {
  it('probes the installed pkijs', async () => {
    const p = await pkijs.probe();
    expect(p.installed && p.version).toMatch(/^pkijs 4\.\d+\.\d+ \(Node \d+/);
  });

  it('accepts signed samples with the exact content (attached, detached, PSS, ECDSA, SKI, several signers, BER, S/MIME)', async () => {
    for (const id of ['signed-data/rsa-sha256/attached', 'signed-data/rsa-sha1/detached', 'signed-data/rsa-pss-sha256/attached',
      'signed-data/ecdsa-p384-sha384/attached', 'signed-data/rsa-sha256/sid-ski', 'signed-data/multiple-signers', 'signed-data/rsa-sha256/ber-indefinite',
      'smime/multipart-signed/rsa-sha256', 'rfc4134/4.2-signed-rsa']) {
      const v = await consume(id);
      expect(acceptsWith(v, expected(id)), `${id}: ${verdictText(v)}`).toBe(true);
    }
  });

  it('accepts enveloped samples with the exact content (RSA-OAEP, ECDH with ukm, AES key wrap KEK, the KEK of a mixed message)', async () => {
    for (const id of ['enveloped-data/rsa-oaep-sha1/aes-128-cbc', 'enveloped-data/rsa-oaep-sha256/aes-256-cbc', 'enveloped-data/ecdh-p256/aes-128-cbc',
      'enveloped-data/kek-aes/aes-128-cbc', 'enveloped-data/mixed-recipients/aes-256-cbc']) {
      const v = await consume(id);
      expect(acceptsWith(v, expected(id)), `${id}: ${verdictText(v)}`).toBe(true);
    }
  });

  it('rejects a signed message with a flipped signature octet', async () => {
    expect(verdictText(await consume('signed-data/rsa-sha256/attached', flipLast))).toMatch(/^reject: signer 0: signature does not verify/);
  });

  it('rejects an enveloped message with a flipped ciphertext octet', async () => {
    expect(verdictText(await consume('enveloped-data/rsa-oaep-sha256/aes-256-cbc', padLength))).toMatch(/^reject: /);
  });

  it('validates the signer chain at the manifest validationTime against its trust anchors', async () => {
    const s = sample('signed-data/rsa-sha256/attached');
    const late = { ...manifest, validationTime: '2100-01-01T00:00:00Z' };
    expect(verdictText(await pkijs.consume({ manifest: late, dir: CORPUS, sample: s, bytes: readBytes(CORPUS, s.file) }))).toMatch(/^reject: Validation of signer's certificate failed/);
    const untrusted = { ...manifest, trustAnchors: ['keys/rfc4134/CarlDSSSelf.pem'] };
    expect(verdictText(await pkijs.consume({ manifest: untrusted, dir: CORPUS, sample: s, bytes: readBytes(CORPUS, s.file) }))).toMatch(/^reject: Validation of signer's certificate failed/);
  });

  it('says why it cannot consume what pkijs 4 lacks', () => {
    for (const [id, reason] of [['signed-data/dsa-sha256/attached', /DSA/], ['signed-data/ed25519/attached', /EdDSA/],
      ['enveloped-data/rsa-pkcs1/aes-128-cbc', /RSAES-PKCS1-v1_5/], ['enveloped-data/ecdh-p384/aes-256-cbc', /without ukm/],
      ['enveloped-data/pwri/aes-128-cbc', /PWRI-KEK/], ['enveloped-data/kek-3des/3des-cbc', /Triple-DES/], ['auth-enveloped-data/aes-128-gcm', /AuthEnvelopedData/],
      ['digested-data/sha256', /DigestedData/], ['encrypted-data/aes-128-cbc', /PBES2/], ['ess/receipt/signed-receipt', /receipt/]] as const) {
      const support = pkijs.consumes(sample(id));
      expect(!support.supported && support.reason, id).toMatch(reason);
    }
  });

  it('fails ECDH without ukm even when asked directly (the empty entityUInfo bug)', async () => {
    const s = sample('enveloped-data/ecdh-p384/aes-256-cbc');
    const v = await pkijs.consume({ manifest, dir: CORPUS, sample: s, bytes: readBytes(CORPUS, s.file) });
    expect(verdictText(v)).toMatch(/^unsupported: pkijs 4 cannot decrypt ECDH .*without ukm/);
  });

  it('produces signed and enveloped messages that openssl cms accepts, except its non-standard password recipient', async () => {
    for (const feature of pkijs.produces) {
      const p = await produceAndJudge(pkijs, feature);
      expect(acceptsWith(p.self, PRODUCED_CONTENT), `${feature} round trip: ${verdictText(p.self)}`).toBe(true);
      if (feature === 'enveloped-data/pwri') {
        // pkijs wraps with AES-KW under the PBKDF2 key instead of PWRI-KEK (RFC 3211 2.3) and
        // writes version 2 (RFC 5652 6.1: 3). OpenSSL refuses the key encryption algorithm.
        expect(verdictText(p.openssl)).toMatch(/^reject: .*unsupported key encryption algorithm/);
        expect(failedRules(p.checker)).toContain('rfc5652/6.1/version-3-when-v2-attr-certs-pwri-or-ori');
      } else {
        expect(acceptsWith(p.openssl, PRODUCED_CONTENT), `${feature} openssl: ${verdictText(p.openssl)}`).toBe(true);
      }
    }
  }, 60_000);

  it('writes SHA-256 digestAlgorithm with NULL parameters and an EnvelopedData version 2 for plain ktri (checker findings)', async () => {
    const signed = await produceAndJudge(pkijs, 'signed-data/attached');
    expect(failedRules(signed.checker)).toEqual(expect.arrayContaining(['rfc5754/2/sha2-generate-absent-params']));
    const ktri = await produceAndJudge(pkijs, 'enveloped-data/ktri');
    expect(failedRules(ktri.checker)).toEqual(['rfc5652/6.1/version-0-when-plain']);
    const kari = await produceAndJudge(pkijs, 'enveloped-data/kari');
    expect([kari.checker.verdict, failedRules(kari.checker)]).toEqual(['valid', []]);
  }, 60_000);
});

describe('pkijs 4 on the post-quantum samples', () => {
  it('says unsupported, from its own failure words and the OID in the message, not a rejection', async () => {
    await expectPqUnsupported((id) => consume(id), /Unsupported signature algorithm: 2\.16\.840\.1\.101\.3\.4\.3\.(17|18|19|21) \(code 15\)/);
  });

  it('still rejects when the same kind of failure is on an unknown OID that is not post-quantum', async () => {
    const v = await consume(UNKNOWN_OID_CONTROL, unknownSignatureOid);
    expect(v.verdict).toBe('reject');
    expect(v.verdict === 'reject' ? v.error : '').toMatch(/Unsupported signature algorithm: 1\.2\.840\.113549\.1\.1\.127 \(code 15\)/);
  });
});
