/**
 * The conformance run (cli/conformance.ts, scripts/conformance.ts) on the S/MIME messages that
 * Thunderbird's test suite ships, made by NSS, with the outcome Thunderbird's tests assert in
 * expectations.tsv. The folder is third-party data outside the repository
 * (../shared/external/thunderbird-smime/, never copied here): without it the run is skipped and
 * says why; the table parser is tested on its own either way.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../core/catalog.ts';
import { parseExpectations, runConformance, type CaseOutcome, type ConformanceResult } from '../cli/conformance.ts';
import { REPO } from './helpers/corpus.ts';

// CMSI_THUNDERBIRD_SMIME names the folder elsewhere; else ../shared/external/ beside the checkout
// (../../shared/ from a worktree under wt/).
const CANDIDATES = process.env.CMSI_THUNDERBIRD_SMIME ? [process.env.CMSI_THUNDERBIRD_SMIME] : [
  join(REPO, '..', 'shared', 'external', 'thunderbird-smime'),
  join(REPO, '..', '..', 'shared', 'external', 'thunderbird-smime'),
];
const DIR = CANDIDATES.find((p) => existsSync(join(p, 'expectations.tsv')));
const SMIME = DIR ? join(DIR, 'mailnews', 'test', 'data', 'smime') : '';

/**
 * Disagreements argued from the RFCs (README "Conformance on Thunderbird's messages"). Thunderbird
 * rejects alice.future only because its Date header is 6 hours after the signing-time attribute;
 * its CMS bytes are those of alice.dsig.SHA256.multipart.eml. No RFC relates the two: RFC 5652
 * 11.3 and RFC 8551 2.5.1 define signingTime as the time the signer claims to have signed, and
 * RFC 8551 says nothing of the Date header. A policy of the mail client, not a fault of the message.
 */
const ARGUED: Readonly<Record<string, string>> = {
  'mailnews/test/data/smime/alice.future.dsig.SHA256.multipart.eml': 'Date header vs signing-time: Thunderbird policy, no RFC requirement',
};

describe('expectations table', () => {
  it('reads path, expected and reason, and refuses an unknown expectation', () => {
    expect(parseExpectations('path\texpected\treason\na.eml\tvalid\tgood\tsig\nb.eml\tunknown\t\n')).toEqual([
      { path: 'a.eml', expected: 'valid', reason: 'good\tsig' },
      { path: 'b.eml', expected: 'unknown', reason: '' },
    ]);
    expect(() => parseExpectations('path\texpected\treason\na.eml\tgood\t\n')).toThrow(/expected must be valid, invalid or unknown/);
    expect(() => parseExpectations('file\tverdict\n')).toThrow(/first line/);
  });
});

describe.skipIf(!DIR)(`conformance on Thunderbird's S/MIME messages${DIR ? '' : ' (skipped: ../shared/external/thunderbird-smime/ is absent; it is third-party data outside the repository)'}`, () => {
  const catalog = loadCatalog();
  const run = (profile: 'current' | 'v3' = 'current'): ConformanceResult => runConformance({
    dir: DIR!, expectations: join(DIR!, 'expectations.tsv'), ca: [join(SMIME, 'TestCA.pem')],
    // The NSS certificates are valid from 2026-01-26 (expiration.txt: until 2031).
    at: '2026-06-01', p12Password: 'nss', profile, catalog,
  });
  // Lazy: a skipped describe's body is still collected, and must not touch the absent folder.
  let memo: ConformanceResult | undefined;
  const currentRun = (): ConformanceResult => (memo ??= run());
  const byPath = (r: ConformanceResult, p: string): CaseOutcome | undefined => r.cases.find((c) => c.row.path === p);

  it('agrees with at least 95 % of the cases with an expectation; every disagreement is an argued one', () => {
    const current = currentRun();
    expect(current.counted).toBeGreaterThanOrEqual(40);
    expect(current.agreeing / current.counted).toBeGreaterThanOrEqual(0.95);
    const disagreeing = current.cases.filter((c) => c.kind === 'disagree').map((c) => c.row.path);
    expect(disagreeing.filter((p) => !ARGUED[p])).toEqual([]);
  });

  it('the 12 NSS-signed SHA-2 messages Thunderbird shows as good are acceptable (RFC 5754 2 producer finding), not invalid', () => {
    const current = currentRun();
    const nss = current.cases.filter((c) => c.row.expected === 'valid' && /\.SHA(256|384|512)\./.test(c.row.path)
      && !c.row.path.endsWith('.env.eml') && c.row.path.startsWith('mailnews/test/data/smime/'));
    expect(nss.length).toBe(12);
    for (const c of nss) expect(c.kind === 'agree' && c.verdict, c.row.path).toBe('acceptable');
    expect(nss.every((c) => c.kind !== 'absent' && /null parameters, expected absent/.test(c.detail))).toBe(true);
  });

  it('the mismatch-econtent messages are invalid under both profiles', () => {
    const current = currentRun();
    const v3 = run('v3');
    const mismatch = current.cases.filter((c) => /mismatch-econtent\.eml$/.test(c.row.path));
    expect(mismatch.length).toBe(4);
    for (const c of mismatch) {
      expect(c.kind !== 'absent' && c.verdict, c.row.path).toBe('invalid');
      const other = byPath(v3, c.row.path);
      expect(other?.kind !== 'absent' && other?.verdict, `${c.row.path} under v3`).toBe('invalid');
    }
  });

  it('the PGP/MIME-signed messages around S/MIME are read as the S/MIME they are, not as unparseable armour', () => {
    const current = currentRun();
    for (const p of ['mailnews/test/data/smime-manual/outer-pgp-sig-inner-smime-enc.eml', 'mailnews/test/data/smime-manual/outer-pgp-sig-inner-smime-enc-sig.eml']) {
      const c = byPath(current, p);
      expect(c && c.kind !== 'absent' && c.verdict, p).not.toBe('unparseable');
    }
  });
});
