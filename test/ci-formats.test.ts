/**
 * The CI formats mean what they say: with --manifest, a sample whose verdict is the expected one
 * is a passing JUnit testcase and no SARIF error (an invalid sample is supposed to fail), and a
 * mislabelled sample is exactly one failure; JSON carries the expected and actual verdict per
 * sample and counts acceptable apart from invalid. Offsets map back to the file: the region of a
 * finding in a PEM or S/MIME file holds the base64 characters that encode the octets it is about
 * (decoded here with node:buffer, not the checker's code).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CORPUS, loadManifest, REPO } from './helpers/corpus.ts';

const cmsi = (...args: string[]) => {
  const r = spawnSync(process.execPath, [join(REPO, 'bin/cmsi.js'), 'check', ...args], { encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const MANIFEST = join(CORPUS, 'manifest.yaml');
const tmp = mkdtempSync(join(tmpdir(), 'cmsi-ci-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A copy of the corpus manifest (files linked) with one valid sample labelled invalid. */
function mislabelled(): { manifest: string; id: string } {
  const dir = join(tmp, 'mislabelled');
  mkdirSync(dir, { recursive: true });
  for (const d of ['samples', 'content', 'keys']) {
    try { symlinkSync(join(CORPUS, d), join(dir, d)); } catch { /* made by an earlier call */ }
  }
  const text = readFileSync(MANIFEST, 'utf8');
  const at = text.indexOf('expected: valid');
  const id = /id: (\S+)/g.exec(text.slice(text.lastIndexOf('- id:', at)))![1]!;
  writeFileSync(join(dir, 'manifest.yaml'), `${text.slice(0, at)}expected: invalid${text.slice(at + 'expected: valid'.length)}`);
  return { manifest: join(dir, 'manifest.yaml'), id };
}

const failures = (xml: string): string[] => [...xml.matchAll(/<testcase [^>]*name="([^"]+)"[^>]*><failure /g)].map((m) => m[1]!);

describe('check --manifest in CI formats', () => {
  const manifest = loadManifest();

  it('junit: the committed corpus is all passing testcases, one per sample', () => {
    const r = cmsi('--manifest', MANIFEST, '--format', 'junit');
    expect(r.code).toBe(0);
    expect(failures(r.stdout)).toEqual([]);
    expect((r.stdout.match(/<testcase /g) ?? []).length).toBe(manifest.samples.length);
    expect(r.stdout).toMatch(new RegExp(`<testsuites name="cmsi check" tests="${manifest.samples.length}" failures="0"`));
  });

  it('junit: a deliberately mislabelled sample is exactly one failure, naming it', () => {
    const m = mislabelled();
    const r = cmsi('--manifest', m.manifest, '--format', 'junit');
    expect(r.code).toBe(1);
    expect(failures(r.stdout)).toEqual([m.id]);
    expect(r.stdout).toMatch(/failures="1"/);
    expect(r.stderr).toMatch(new RegExp(`1 sample differs from the manifest:\\n  ${m.id}: valid, expected invalid`));
  });

  it('junit: each sample\'s output opens with its layer statuses; a group counts its samples per layer status', () => {
    const x = cmsi('--manifest', MANIFEST, '--format', 'junit').stdout;
    const testcase = (id: string) => new RegExp(`<testcase [^>]*name="${id}"[^>]*><system-out>layers: ([^\n<]*)`).exec(x)?.[1];
    expect(testcase('invalid/certificates/recipient-rsa-exponent-one')).toMatch(/^encoding=pass structure=pass crypto=\S+ certificate=fail path=none policy=\S+ mime=none$/);
    expect(testcase('signed-data/rsa-sha256/attached')).toMatch(/^encoding=pass structure=pass crypto=pass certificate=pass/);
    const group = x.slice(x.indexOf('<testsuite name="invalid/certificates"'), x.indexOf('</testsuite>', x.indexOf('<testsuite name="invalid/certificates"')));
    const inGroup = manifest.samples.filter((s) => s.id.startsWith('invalid/certificates/')).length;
    for (const m of group.matchAll(/<property name="layer\.[a-z]+" value="([^"]*)"\/>/g)) {
      const total = m[1]!.split(', ').reduce((n, part) => n + Number(part.split(' ')[1]), 0);
      expect(total, m[0]).toBe(inGroup);
    }
    expect(group).toMatch(/<property name="layer\.certificate" value="[^"]*fail \d+/);
  });

  it('junit: the failure of an invalid sample labelled valid names its first failing layer', () => {
    const dir = join(tmp, 'relabelled');
    mkdirSync(dir, { recursive: true });
    for (const d of ['samples', 'content', 'keys']) {
      try { symlinkSync(join(CORPUS, d), join(dir, d)); } catch { /* made by an earlier call */ }
    }
    const id = 'invalid/certificates/recipient-rsa-exponent-one';
    const text = readFileSync(MANIFEST, 'utf8');
    const at = text.indexOf('expected: invalid', text.indexOf(`- id: ${id}\n`));
    writeFileSync(join(dir, 'manifest.yaml'), `${text.slice(0, at)}expected: valid${text.slice(at + 'expected: invalid'.length)}`);
    const r = cmsi('--manifest', join(dir, 'manifest.yaml'), '--format', 'junit');
    expect(r.code).toBe(1);
    expect(failures(r.stdout)).toEqual([id]);
    expect(r.stdout).toMatch(new RegExp(`name="${id}"[^>]*><failure message="${id}: invalid, expected valid \\(certificate [^"]*\\[first failing layer: certificate\\]"`));
  });

  it('sarif: no error for the committed corpus (findings of expected-invalid samples are notes); one error for the mislabelled sample', () => {
    type Sarif = { runs: { results: { ruleId: string; level: string; properties?: { verdictMatches?: boolean } }[] }[] };
    const ok = JSON.parse(cmsi('--manifest', MANIFEST, '--format', 'sarif').stdout) as Sarif;
    const results = ok.runs[0]!.results;
    expect(results.length).toBeGreaterThan(manifest.samples.filter((s) => s.expected === 'invalid').length);
    expect(results.filter((x) => x.level === 'error')).toEqual([]);
    expect(results.every((x) => x.level === 'note' && x.properties?.verdictMatches === true)).toBe(true);
    const m = mislabelled();
    const bad = JSON.parse(cmsi('--manifest', m.manifest, '--format', 'sarif').stdout) as Sarif;
    const errors = bad.runs[0]!.results.filter((x) => x.level === 'error');
    expect(errors.map((x) => x.ruleId)).toEqual(['cmsi/manifest-expectation']);
  });

  it('json: expected and actual verdict per sample; acceptable counted apart from invalid', () => {
    const j = JSON.parse(cmsi('--manifest', MANIFEST, '--format', 'json').stdout) as {
      summary: { expected: Record<string, { samples: number; matching: number }>; mismatches: number; verdicts: Record<string, number> };
      results: { file: string; verdict: string; expectation: { sample: string; expected: string; actual: string; matches: boolean } }[];
    };
    const count = (e: string) => manifest.samples.filter((s) => s.expected === e).length;
    expect(j.summary.expected).toEqual({
      valid: { samples: count('valid'), matching: count('valid') },
      invalid: { samples: count('invalid'), matching: count('invalid') },
      acceptable: { samples: count('acceptable'), matching: count('acceptable') },
    });
    expect(j.summary.mismatches).toBe(0);
    expect(j.results).toHaveLength(manifest.samples.length);
    for (const [i, s] of manifest.samples.entries()) {
      const r = j.results[i]!;
      expect(r.expectation).toMatchObject({ sample: s.id, expected: s.expected, actual: r.verdict, matches: true });
    }
  });
});

describe('offsets map back to the file', () => {
  type Json = { results: { origin: string; cms: { container: string; encoding: string; fileOffset: number; fileLength: number }; findings: { status: string; path: string; offset: number; length: number; file: { offset: number; length: number } }[] }[] };
  const der = readFileSync(join(CORPUS, 'samples/invalid/signed/content-type-attr-differs.der'));

  /** The finding's file region, decoded as base64, covers the CMS octets it names. */
  function expectRegionEncodes(fileText: string, cms: Buffer, f: Json['results'][number]['findings'][number]) {
    if (f.length === 0) {
      // A finding about something absent (an extension a certificate lacks) is a position, not a
      // region: it must fall on the base64 character that holds the octet at its offset.
      expect(fileText[f.file.offset] ?? '').toMatch(/^[A-Za-z0-9+/=]$/);
      return;
    }
    const chars = fileText.slice(f.file.offset, f.file.offset + f.file.length);
    expect(chars).toMatch(/^[A-Za-z0-9+/=\s]+$/);
    const decoded = Buffer.from(chars.replace(/\s+/g, ''), 'base64');
    const first = Math.floor(f.offset / 3) * 3;
    expect(first + decoded.length).toBeGreaterThanOrEqual(f.offset + f.length);
    expect(decoded.equals(cms.subarray(first, first + decoded.length))).toBe(true);
  }

  it('PEM: the region of each finding is the base64 text of its octets', () => {
    const pem = `-----BEGIN CMS-----\n${der.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END CMS-----\n`;
    const file = join(tmp, 'content-type-attr-differs.pem');
    writeFileSync(file, pem);
    const j = JSON.parse(cmsi(file, '--format', 'json').stdout) as Json;
    const r = j.results[0]!;
    expect(r.origin).toBe('pem');
    expect(r.cms).toMatchObject({ container: 'the PEM block CMS', encoding: 'base64', fileOffset: '-----BEGIN CMS-----'.length });
    const failed = r.findings.filter((f) => f.status === 'fail');
    expect(failed.length).toBeGreaterThan(0);
    for (const f of r.findings) expectRegionEncodes(pem, der, f);
  });

  it('S/MIME: a CMS finding points into the base64 body, a MIME finding at the headers', () => {
    const eml = readFileSync(join(CORPUS, 'samples/invalid/ess-mime/receipt-request-outer-layer.eml'), 'latin1');
    const j = JSON.parse(cmsi(join(CORPUS, 'samples/invalid/ess-mime/receipt-request-outer-layer.eml'), '--format', 'json').stdout) as Json;
    const r = j.results[0]!;
    const body = eml.slice(r.cms.fileOffset, r.cms.fileOffset + r.cms.fileLength);
    const cms = Buffer.from(body.replace(/\s+/g, ''), 'base64');
    expect(cms[0]).toBe(0x30);
    for (const f of r.findings.filter((x) => !x.path.startsWith('mime'))) expectRegionEncodes(eml, cms, f);
    const multipart = JSON.parse(cmsi(join(CORPUS, 'samples/invalid/ess-mime/multipart-signed-no-micalg.eml'), '--format', 'json').stdout) as Json;
    const headerEnd = readFileSync(join(CORPUS, 'samples/invalid/ess-mime/multipart-signed-no-micalg.eml'), 'latin1').search(/\r?\n\r?\n/);
    const mime = multipart.results[0]!.findings.find((f) => f.path === 'mime' && f.status === 'fail')!;
    expect(mime.file.offset).toBe(0);
    expect(mime.file.length).toBeGreaterThanOrEqual(headerEnd);
  });
});
