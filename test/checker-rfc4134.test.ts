/**
 * Issue 4 acceptance: the RFC 4134 messages, extracted from the vendored rfc4134.txt, check valid
 * under --profile v3 with the draft's own certificates; under --profile current the same messages
 * draw the legacy-algorithm warnings one expects (SHA-1, DSA, 3DES, RC2) and no MUST failure.
 * Encrypted messages are checked statically here (their keys are exercised in the corpus tests).
 */
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../core/catalog.ts';
import { loadRfc4134 } from '../core/rfc4134.ts';
import { checkBytes } from '../checkers/engine.ts';

const files = loadRfc4134();
const catalog = loadCatalog();
const certs = [...files.entries()].filter(([n]) => n.endsWith('.cer')).map(([, b]) => b);
const exContent = files.get('ExContent.bin')!;
const MESSAGES = ['3.1.bin', '3.2.bin', '4.1.bin', '4.2.bin', '4.3.bin', '4.4.bin', '4.5.bin', '4.6.bin', '4.7.bin', '4.8.eml', '4.9.eml', '4.10.bin', '4.11.bin', '5.1.bin', '5.2.bin', '5.3.eml', '6.0.bin', '7.1.bin', '7.2.bin'];
/** 4.3 is detached: its content is ExContent. */
const contentFor = (name: string) => (name === '4.3.bin' ? exContent : null);
/** The keys that open the encrypted messages: Bob's RSA key (5.x) and the 3DES key RFC 4134 7.1 states (7.x). */
const BOB = { key: files.get('BobPrivRSAEncrypt.pri')!, cert: files.get('BobRSASignByCarl.cer')! };
const KEY_7 = new Uint8Array(Buffer.from('737C791F25EAD0E04629254352F7DC6291E5CB26917ADA32', 'hex'));
const keysFor = (name: string) => (name.startsWith('5.') ? { keys: [BOB] } : name.startsWith('7.') ? { kek: { keyId: null, key: KEY_7 } } : {});

/** Samples whose legacy algorithms the current profile must report, and which ones. */
const EXPECTED_LEGACY: Record<string, string[]> = {
  '4.1.bin': ['SHA-1', 'DSA with SHA-1'],
  '4.2.bin': ['SHA-1'],
  '4.4.bin': ['SHA-1', 'DSA with SHA-1'],
  '4.5.bin': ['SHA-1'],
};

describe('RFC 4134 messages (the draft\'s own bytes)', () => {
  it('are all present in the vendored RFC', () => {
    for (const m of MESSAGES) expect(files.has(m), m).toBe(true);
  });

  /**
   * Where the draft itself is wrong: 4.10's ESSSecurityLabel orders a PrintableString (tag 19)
   * before a SET (tag 17), so its signed attributes are not DER (X.690 10.3; RFC 2630 5.3).
   * Bouncy Castle, which re-encodes signed attributes before verifying, rejects it.
   */
  it('4.10.bin is invalid under --profile v3, and only for its non-DER security labels', () => {
    const r = checkBytes('4.10.bin', files.get('4.10.bin')!, { catalog, profile: 'v3', certs, content: null });
    const failures = r.findings.filter((f) => f.status === 'fail');
    expect(r.verdict).toBe('invalid');
    expect(failures.length).toBeGreaterThan(0);
    for (const f of failures) {
      expect(f.rule).toBe('rfc2630/5.3/each-signed-attr-der');
      expect(f.message).toContain('tag order');
    }
  });

  /**
   * 4.4 carries CarlDSSCRLForAll, which revokes AliceDSS (serial 200... 211 from 1999-08-22):
   * checked for revocation (RFC 2632 2.1, RFC 5280 6.1.3 (a)(3)), its signer is revoked at its
   * own signingTime (2003-05-14) and ever after. The signature itself still verifies.
   */
  it('4.4.bin is invalid under --profile v3, and only because its own CRL revokes the signer', () => {
    const r = checkBytes('4.4.bin', files.get('4.4.bin')!, { catalog, profile: 'v3', certs, content: null });
    const failures = r.findings.filter((f) => f.status === 'fail');
    expect(r.verdict).toBe('invalid');
    expect(failures.map((f) => f.rule)).toEqual(['rfc5280/6.1.3/not-revoked']);
    expect(failures[0]!.message).toContain('AliceDSS');
    expect(r.reason).toMatch(/^path \("AliceDSS" was revoked 1999-08-22/);
    expect(r.findings.some((f) => f.rule === 'cmsi/signature-valid' && f.status === 'pass')).toBe(true);
  });

  for (const name of MESSAGES.filter((m) => m !== '4.10.bin' && m !== '4.4.bin')) {
    it(`${name} is valid under --profile v3`, () => {
      const r = checkBytes(name, files.get(name)!, { catalog, profile: 'v3', certs, content: contentFor(name), ...keysFor(name) });
      const failures = r.findings.filter((f) => f.status === 'fail').map((f) => `${f.rule}: ${f.message} [${f.path}]`);
      if (name.startsWith('5.') || name.startsWith('7.')) {
        // with their keys: the content is recovered, not only the structure read
        expect(r.findings.some((f) => f.rule === 'cmsi/decryption' && f.status === 'pass'), `${name} decrypted`).toBe(true);
      }
      expect(failures).toEqual([]);
      expect(r.verdict).toBe('valid');
      expect(r.findings.some((f) => f.rule === 'cmsi/legacy-algorithm')).toBe(false);
    });
  }

  for (const [name, expected] of Object.entries(EXPECTED_LEGACY)) {
    it(`${name} under --profile current: legacy warnings for ${expected.join(', ')}, no failure`, () => {
      const r = checkBytes(name, files.get(name)!, { catalog, profile: 'current', certs, content: contentFor(name) });
      const legacy = r.findings.filter((f) => f.rule === 'cmsi/legacy-algorithm' && f.status === 'warn').map((f) => f.message.split(' is dropped')[0]);
      for (const e of expected) expect(legacy).toContain(e);
      // 4.4's own CRL revokes its signer (see above), and is a 1999 CRL without nextUpdate,
      // authorityKeyIdentifier and cRLNumber, which RFC 5280 (the current profile) requires.
      const CRL_44 = ['rfc5280/5.1.2.5/next-update-present', 'rfc5280/5.2.1/crl-authority-key-id', 'rfc5280/5.2.3/crl-number-present', 'rfc5280/6.1.3/not-revoked'];
      expect(r.findings.filter((f) => f.status === 'fail').map((f) => f.rule)).toEqual(name === '4.4.bin' ? CRL_44 : []);
      expect(r.verdict).toBe(name === '4.4.bin' ? 'invalid' : 'valid');
    });
  }

  it('signed messages verify: every SignerInfo has a passing signature check', () => {
    for (const name of ['4.1.bin', '4.2.bin', '4.3.bin', '4.4.bin', '4.5.bin', '4.6.bin', '4.7.bin', '4.10.bin', '4.8.eml', '4.9.eml']) {
      const r = checkBytes(name, files.get(name)!, { catalog, profile: 'v3', certs, content: contentFor(name) });
      expect(r.findings.filter((f) => f.rule === 'cmsi/signature-valid' && f.status === 'pass').length, name).toBeGreaterThan(0);
    }
  });
});
