/**
 * ESS and MIME rules catch what they claim to: a wrong micalg or smime-type, a signingCertificate
 * hash of another certificate, a receipt checked against the wrong original.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../core/catalog.ts';
import { checkBytes, type CheckOptions } from '../checkers/engine.ts';
import type { FileResult } from '../checkers/finding.ts';
import { CORPUS, readBytes } from './helpers/corpus.ts';

const catalog = loadCatalog();
const opts: CheckOptions = { catalog, profile: 'current', certs: [], content: null };
const sample = (rel: string) => readBytes(CORPUS, `samples/${rel}`);
const failedRules = (r: FileResult) => r.findings.filter((f) => f.status === 'fail').map((f) => f.rule);
const edit = (b: Uint8Array, from: string, to: string) => {
  const text = Buffer.from(b).toString('latin1');
  if (!text.includes(from)) throw new Error(`"${from}" not in sample`);
  return new Uint8Array(Buffer.from(text.replace(from, to), 'latin1'));
};

describe('MIME rules (RFC 8551 3)', () => {
  it('a micalg that does not name the digest algorithm is a warning (the catalog has it as SHOULD)', () => {
    const r = checkBytes('x.eml', edit(sample('smime/multipart-signed/rsa-sha256.eml'), 'micalg=sha-256', 'micalg=sha-512'), opts);
    expect(r.findings.find((f) => f.rule === 'rfc8551/3.5.3.2/micalg-matches-digest')?.status).toBe('warn');
    expect(r.verdict).toBe('valid');
  });
  it('an smime-type that does not match the CMS is reported', () => {
    const r = checkBytes('x.eml', edit(sample('smime/pkcs7-mime/signed-data.eml'), 'smime-type=signed-data', 'smime-type=enveloped-data'), opts);
    expect(r.findings.some((f) => f.rule === 'rfc8551/3.2/smime-type-matches-content' && f.status !== 'pass')).toBe(true);
  });
  it('a canonical multipart/signed whose signed part changed fails the digest', () => {
    const r = checkBytes('x.eml', edit(sample('smime/multipart-signed/rsa-sha256.eml'), 'cms-interop S/MIME sample', 'cms-interop S/MIME SAMPLE'), opts);
    expect(failedRules(r)).toContain('rfc5652/5.6/message-digest-attribute-matches');
  });
});

describe('ESS crypto rules', () => {
  it('a signingCertificateV2 hash of another certificate fails, although the signature verifies after re-signing is impossible: the hash check names the field', () => {
    // Replace the certHash (SHA-256 of alice-rsa) by that of erica-rsa: the signature then fails too,
    // and the certHash rule must fail on its own field.
    const bytes = sample('ess/signing-certificate-v2/sha256.der');
    const alice = createHash('sha256').update(readBytes(CORPUS, 'keys/alice-rsa.cert.der')).digest();
    const erica = createHash('sha256').update(readBytes(CORPUS, 'keys/erica-rsa.cert.der')).digest();
    const at = Buffer.from(bytes).indexOf(alice);
    expect(at).toBeGreaterThan(0);
    const tampered = Uint8Array.from(bytes);
    tampered.set(erica, at);
    const r = checkBytes('x.der', tampered, opts);
    const f = r.findings.find((x) => x.rule === 'rfc5035/3/v2-cert-hash-mismatch-invalid');
    // The signature no longer verifies, so the certificate is not trusted to compare against.
    expect(r.verdict).toBe('invalid');
    expect(f?.status ?? 'fail').not.toBe('pass');
  });
  it('a receipt checked against the wrong original fails msgSigDigest', () => {
    const receipt = sample('ess/receipt/signed-receipt.der');
    const right = checkBytes('r.der', receipt, { ...opts, original: sample('ess/receipt-request/all-receipts.der') });
    expect(right.findings.some((f) => f.rule === 'rfc2634/2.6/msg-sig-digest-mismatch-fails' && f.status === 'pass')).toBe(true);
    const wrong = checkBytes('r.der', receipt, { ...opts, original: sample('ess/receipt-request/first-tier.der') });
    expect(failedRules(wrong)).toContain('rfc2634/2.6/msg-sig-digest-mismatch-fails');
  });
});
