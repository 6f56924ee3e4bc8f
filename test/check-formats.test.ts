/**
 * `cmsi check` output formats and exit codes as a user and a CI dashboard meet them: text opening
 * each file with `FILE: verdict: layer (reason)`, then lines `FILE:offset: LEVEL rule: message`;
 * JSON version 2 with layers; SARIF 2.1.0 with byte regions; JUnit with one testcase per file x
 * rule; exit 0 all valid, 1 any invalid, 2 usage errors. All files in one process.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS, REPO } from './helpers/corpus.ts';

const cmsi = (...args: string[]) => {
  const r = spawnSync(process.execPath, [join(REPO, 'bin/cmsi.js'), 'check', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const VALID = join(CORPUS, 'samples/signed-data/rsa-sha256/attached.der');
const INVALID = join(CORPUS, 'samples/invalid/signed/content-type-attr-differs.der');

describe('cmsi check formats', () => {
  it('text: a verdict line opening with the deciding layer, then one line per finding with offset, level and rule; exit 1 when any file is invalid', () => {
    const r = cmsi(VALID, INVALID);
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/attached\.der: valid \(0 failed/);
    // Two statements say it: the signer's (RFC 5652 11.1) and the verifier's (5.6).
    expect(lines[1]).toMatch(/content-type-attr-differs\.der: invalid: structure \(content-type [0-9.]+ differs from eContentType [0-9.]+\) \(2 failed/);
    expect(lines[2]).toMatch(/content-type-attr-differs\.der:\d+: MUST rfc5652\/11\.1\/value-matches-econtent-type: /);
    expect(lines[3]).toMatch(/content-type-attr-differs\.der:\d+: MUST rfc5652\/5\.6\/content-type-attribute-matches: /);
  });

  it('exit 0 when every file is valid', () => expect(cmsi(VALID).code).toBe(0));

  it('json: version 2, a result per file with verdict, layer statuses and located findings', () => {
    const r = cmsi(VALID, INVALID, '--format', 'json');
    const j = JSON.parse(r.stdout) as { version: number; results: { file: string; verdict: string; layers: Record<string, string>; findings: Record<string, unknown>[] }[] };
    expect(j.version).toBe(2);
    expect(j.results.map((x) => x.verdict)).toEqual(['valid', 'invalid']);
    expect(j.results[1]!.layers).toMatchObject({ encoding: 'pass', structure: 'fail' });
    const f = j.results[1]!.findings.find((x) => x.status === 'fail')!;
    expect(Object.keys(f).sort()).toEqual(['file', 'layer', 'length', 'level', 'message', 'offset', 'path', 'rule', 'status']);
    expect(f.layer).toBe('structure');
    expect(f.path).toBe('signedData.signerInfos[0].signedAttrs[0]');
    expect(typeof f.offset).toBe('number');
  });

  it('sarif: 2.1.0, rules described from the catalog, results with byte regions', () => {
    const s = JSON.parse(cmsi(INVALID, '--format', 'sarif').stdout) as {
      version: string; runs: { tool: { driver: { rules: { id: string; shortDescription: { text: string } }[] } }; results: { ruleId: string; level: string; locations: { physicalLocation: { region: { byteOffset: number; byteLength: number } } }[] }[] }[];
    };
    expect(s.version).toBe('2.1.0');
    const run = s.runs[0]!;
    const result = run.results.find((x) => x.ruleId === 'rfc5652/11.1/value-matches-econtent-type')!;
    expect(result.level).toBe('error');
    expect(result.locations[0]!.physicalLocation.region.byteOffset).toBeGreaterThan(0);
    expect(run.tool.driver.rules.find((x) => x.id === result.ruleId)?.shortDescription.text.length).toBeGreaterThan(10);
  });

  it('junit: one testsuite per file, one testcase per rule, failures marked', () => {
    const x = cmsi(VALID, INVALID, '--format', 'junit').stdout;
    expect(x.startsWith('<?xml')).toBe(true);
    expect((x.match(/<testsuite /g) ?? []).length).toBe(2);
    expect(x).toMatch(/<testcase classname="[^"]*content-type-attr-differs\.der" name="rfc5652\/11\.1\/value-matches-econtent-type"><failure /);
    expect((x.match(/<testsuite /g) ?? []).length).toBe((x.match(/<\/testsuite>/g) ?? []).length);
  });

  it('junit: each file\'s testsuite has a property per layer with its status, and a failure names its layer', () => {
    const cert = join(CORPUS, 'samples/invalid/certificates/recipient-eku-server-auth.der');
    const x = cmsi(VALID, cert, '--format', 'junit').stdout;
    const suiteOf = (file: string) => x.slice(x.indexOf(`<testsuite name="${file}"`), x.indexOf('</testsuite>', x.indexOf(`<testsuite name="${file}"`)));
    const props = (file: string) => Object.fromEntries([...suiteOf(file).matchAll(/<property name="([^"]+)" value="([^"]*)"\/>/g)].map((m) => [m[1], m[2]]));
    expect(props(VALID)).toMatchObject({ verdict: 'valid', 'layer.encoding': 'pass', 'layer.structure': 'pass', 'layer.crypto': 'pass', 'layer.certificate': 'pass' });
    // The only defect is the recipient certificate's extended key usage: the certificate layer
    // fails, the structure layer does not (the message is not malformed).
    expect(props(cert)).toMatchObject({ verdict: 'invalid', 'layer.encoding': 'pass', 'layer.structure': 'pass', 'layer.certificate': 'fail' });
    expect(Object.keys(props(cert)).filter((k) => k.startsWith('layer.'))).toEqual(['layer.encoding', 'layer.structure', 'layer.crypto', 'layer.certificate', 'layer.path', 'layer.policy', 'layer.mime']);
    expect(suiteOf(cert)).toMatch(/name="rfc5280\/4\.2\.1\.12\/eku-lists-the-purpose"><failure message="certificate: recipient certificate: /);
    expect(suiteOf(INVALID)).toBe('');
  });

  it('usage errors exit 2 with one line', () => {
    for (const args of [['--format', 'xml', VALID], ['--profile', 'v4', VALID], [], [join(CORPUS, 'no-such-file.der')]]) {
      const r = cmsi(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
