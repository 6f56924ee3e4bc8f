/**
 * Issue 16 point 1: results that know what they are. A real run (OpenSSL and GnuTLS over the
 * committed corpus) is damaged on purpose in every way the issue lists: each damage gives a clear
 * refusal or a loud warning with the run marked incomplete, never silently different numbers.
 * And cmsi interop refuses to overwrite a run, to resume it over another corpus, and cross-verifies
 * every new pair when a resume adds a stack. Every line of a real run validates against the
 * published schema, compiled here with ajv on its own (not through interop/records.ts).
 */
import { createHash } from 'node:crypto';
import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS, loadManifest, REPO } from './helpers/corpus.ts';
import { cmsi } from './helpers/cmsi-cli.ts';

const tmp = mkdtempSync(join(tmpdir(), 'cmsi-integrity-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const base = join(tmp, 'base');
let intactMd = '';

/** Samples in the corpus: each of the two stacks consumes every one of them. */
const SAMPLES = (readFileSync(join(CORPUS, 'manifest.yaml'), 'utf8').match(/^ {2}- id: /gm) ?? []).length;
const lines = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean);
/** A copy of the intact run to damage. */
const copy = (name: string) => {
  const d = join(tmp, name);
  cpSync(base, d, { recursive: true });
  return d;
};
const report = (dir: string, ...extra: string[]) => cmsi(['report', '--results', dir, ...extra]);
/** The consumer matrix rows of a Markdown report: the numbers a damage must not change silently. */
const matrixRows = (md: string) => md.split('\n').filter((l) => /^\| (openssl|gnutls) \| \d+\/\d+/.test(l));

beforeAll(() => {
  const r = cmsi(['interop', '--stacks', 'openssl,gnutls', '--corpus', CORPUS, '--out', base]);
  expect(r.code, r.stderr).toBe(0);
  const rep = report(base);
  expect(rep.code, rep.stderr).toBe(0);
  intactMd = rep.stdout;
}, 300_000);

describe('results bound to their run and corpus', () => {
  it('every line validates against docs/results-schema-v1.json and carries the corpus identity', () => {
    const schema = JSON.parse(readFileSync(join(REPO, 'docs', 'results-schema-v1.json'), 'utf8')) as object;
    const validate = new Ajv({ allErrors: true }).compile(schema);
    const run = JSON.parse(readFileSync(join(base, 'run.json'), 'utf8')) as Record<string, unknown>;
    expect(validate(run), JSON.stringify(validate.errors)).toBe(true);
    expect(run.state).toBe('finished');
    const manifest = readFileSync(join(CORPUS, 'manifest.yaml'));
    expect(run.manifestSha256).toBe(createHash('sha256').update(manifest).digest('hex'));
    expect(run.seed).toBe('1');
    const version = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version;
    let n = 0;
    for (const f of readdirSync(base).filter((x) => x.endsWith('.jsonl'))) {
      for (const line of lines(join(base, f))) {
        const r = JSON.parse(line) as Record<string, unknown>;
        expect(validate(r), `${f}: ${JSON.stringify(validate.errors)}`).toBe(true);
        expect([r.runId, r.manifestSha256, r.seed, r.cmsi]).toEqual([run.runId, run.manifestSha256, '1', version]);
        if (r.kind === 'consume' || r.kind === 'cross') expect(r.sampleSha256).toMatch(/^[0-9a-f]{64}$/);
        n++;
      }
    }
    expect(n).toBeGreaterThan(500);
    // produce records carry cmsi check's verdict with its status per layer and the deciding reason
    const produced = lines(join(base, 'produce.jsonl')).map((l) => JSON.parse(l) as { verdict: string; check: { verdict: string; layers: Record<string, string>; reason: string | null } | null });
    expect(produced.filter((p) => p.verdict === 'produced').length).toBeGreaterThan(5);
    for (const p of produced.filter((x) => x.verdict === 'produced')) {
      expect(Object.keys(p.check!.layers).sort()).toEqual(['certificate', 'crypto', 'encoding', 'mime', 'path', 'policy', 'structure']);
      if (p.check!.verdict !== 'valid') expect(p.check!.reason).toBeTruthy();
    }
    // consume records carry cmsi check's judgement of their sample: the verdict the manifest
    // expects (valid samples valid, invalid ones invalid or unparseable, except where the manifest
    // names the resource limit a checker reaches first: unchecked) and the layers
    const limited = new Set(loadManifest().samples.filter((s) => s.limit).map((s) => s.id));
    expect(limited.size, 'the corpus has a resource-limit sample (pbkdf2-iterations-2-31)').toBeGreaterThan(0);
    const consumed = lines(join(base, 'consume.jsonl')).map((l) => JSON.parse(l) as { sample: string; expected: string; check?: { verdict: string; layers: Record<string, string> } });
    expect(consumed.length).toBeGreaterThan(400);
    for (const x of consumed) {
      expect(Object.keys(x.check!.layers).sort(), x.sample).toEqual(['certificate', 'crypto', 'encoding', 'mime', 'path', 'policy', 'structure']);
      if (x.expected === 'valid') expect(x.check!.verdict, x.sample).toBe('valid');
      if (limited.has(x.sample)) expect(x.check!.verdict, x.sample).toBe('unchecked');
      else if (x.expected === 'invalid') expect(['invalid', 'unparseable'], x.sample).toContain(x.check!.verdict);
    }
    expect(consumed.find((x) => x.sample === 'invalid/certificates/recipient-rsa-exponent-one')?.check?.layers.certificate).toBe('fail');
    // a consume record's sampleSha256 is the hash of the corpus file it names
    const c = JSON.parse(lines(join(base, 'consume.jsonl'))[0]!) as { sample: string; sampleSha256: string };
    const manifestText = manifest.toString('utf8');
    const entry = manifestText.slice(manifestText.indexOf(`id: ${c.sample}\n`));
    const file = /file: (\S+)/.exec(entry)![1]!;
    expect(c.sampleSha256).toBe(createHash('sha256').update(readFileSync(join(CORPUS, file))).digest('hex'));
  });

  it('cmsi report prints its inputs\' identity and the corpus in the report', () => {
    const run = JSON.parse(readFileSync(join(base, 'run.json'), 'utf8')) as { runId: string; manifestSha256: string };
    const r = report(base);
    expect(r.stderr).toContain(run.runId);
    expect(r.stderr).toContain(run.manifestSha256);
    expect(r.stderr).toMatch(/seed 1/);
    expect(r.stderr).toMatch(new RegExp(`consume\\.jsonl ${2 * SAMPLES}`));
    expect(r.stdout).toContain(`manifest SHA-256 \`${run.manifestSha256}\``);
    expect(r.stderr).not.toMatch(/WARNING|INCOMPLETE|refused/);
  });
});

describe('damaged results: refused or warned, never silently different numbers', () => {
  it('a truncated last line: a warning and an incomplete run (exit 3)', () => {
    const d = copy('torn');
    const text = readFileSync(join(d, 'consume.jsonl'), 'utf8');
    writeFileSync(join(d, 'consume.jsonl'), text.slice(0, text.length - 40));
    const r = report(d);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(new RegExp(`WARNING: consume\\.jsonl line ${2 * SAMPLES} is cut off`));
    expect(r.stderr).toMatch(new RegExp(`INCOMPLETE: (openssl|gnutls): ${SAMPLES - 1} of ${SAMPLES} consume records`));
    expect(r.stdout).toContain('**INCOMPLETE RUN**');
    expect(r.stdout).toContain(`consume.jsonl line ${2 * SAMPLES} is cut off`);
  });

  it('a junk line: refused with the file and line (exit 2), no report', () => {
    const d = copy('junk');
    const l = lines(join(d, 'consume.jsonl'));
    writeFileSync(join(d, 'consume.jsonl'), `${[...l.slice(0, 100), 'this is not a record', ...l.slice(100)].join('\n')}\n`);
    const r = report(d);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/refused: consume\.jsonl line 101 is not JSON/);
    expect(r.stdout).toBe('');
  });

  it('a line that is JSON but not a valid record: refused by the schema', () => {
    const d = copy('schema');
    const l = lines(join(d, 'consume.jsonl'));
    l[5] = l[5]!.replace(/"verdict":"[a-z]+"/, '"verdict":"maybe"');
    writeFileSync(join(d, 'consume.jsonl'), `${l.join('\n')}\n`);
    const r = report(d);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/refused: consume\.jsonl line 6 does not match the results schema: \/verdict/);
  });

  it('records appended twice: a warning, each counted once (the same matrix as the intact run)', () => {
    const d = copy('twice');
    appendFileSync(join(d, 'consume.jsonl'), readFileSync(join(base, 'consume.jsonl')));
    const r = report(d);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`WARNING: ${2 * SAMPLES} records appear twice`));
    expect(r.stdout).toMatch(new RegExp(`${2 * SAMPLES} records appear twice`));
    expect(matrixRows(r.stdout)).toEqual(matrixRows(intactMd));
    expect(matrixRows(intactMd)).toHaveLength(2);
  });

  it('the same record twice with different verdicts: refused', () => {
    const d = copy('conflict');
    const first = lines(join(d, 'consume.jsonl'))[0]!;
    const flipped = first.includes('"verdict":"accept"') ? first.replace('"verdict":"accept"', '"verdict":"reject"') : first.replace(/"verdict":"[a-z]+"/, '"verdict":"accept"');
    appendFileSync(join(d, 'consume.jsonl'), `${flipped}\n`);
    const r = report(d);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/refused: 1 records appear twice with different results/);
  });

  it('a missing stacks.jsonl: refused (the Draft Standard count would silently drop to 0)', () => {
    const d = copy('nostacks');
    rmSync(join(d, 'stacks.jsonl'));
    const r = report(d);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/refused: stacks\.jsonl is missing/);
  });

  it('a missing run.json: refused', () => {
    const d = copy('norun');
    rmSync(join(d, 'run.json'));
    const r = report(d);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/refused: run\.json is missing/);
  });

  it('an interrupted run is marked incomplete in every format', () => {
    const d = copy('interrupted');
    const run = JSON.parse(readFileSync(join(d, 'run.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(d, 'run.json'), JSON.stringify({ ...run, state: 'interrupted' }));
    rmSync(join(d, 'cross.jsonl'));
    const md = report(d);
    expect(md.code).toBe(3);
    expect(md.stderr).toMatch(/INCOMPLETE: the run was interrupted/);
    expect(md.stderr).toMatch(/INCOMPLETE: gnutls: consumed 0 of the 10 messages the other stacks produced/);
    expect(md.stdout).toContain('**INCOMPLETE RUN**');
    const html = report(d, '--format', 'html');
    expect(html.code).toBe(3);
    expect(html.stdout).toMatch(/<div id="incomplete"><strong>INCOMPLETE RUN<\/strong>/);
    const json = report(d, '--format', 'json');
    const parsed = JSON.parse(json.stdout) as { complete: boolean; incomplete: string[] };
    expect(parsed.complete).toBe(false);
    expect(parsed.incomplete[0]).toMatch(/interrupted/);
    const csv = report(d, '--format', 'csv');
    expect(csv.stdout.split('\n')[2]).toMatch(/^incomplete,,,,,,,,the run was interrupted/);
    // and the intact run is complete in every format
    expect((JSON.parse(report(base, '--format', 'json').stdout) as { complete: boolean }).complete).toBe(true);
    expect(report(base, '--format', 'csv').stdout).not.toMatch(/^incomplete,/m);
    expect(report(base, '--format', 'html').stdout).not.toContain('id="incomplete"');
  });

  it('records of another corpus (seed 2) or of another run mixed in: refused', () => {
    const seed2 = join(tmp, 'corpus-seed-2');
    expect(cmsi(['generate', '--seed', '2', '--out', seed2]).code).toBe(0);
    const other = join(tmp, 'other-seed');
    expect(cmsi(['interop', '--stacks', 'openssl', '--corpus', seed2, '--out', other]).code).toBe(0);
    const d = copy('mixed-corpus');
    appendFileSync(join(d, 'consume.jsonl'), readFileSync(join(other, 'consume.jsonl')));
    const r = report(d);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`refused: ${SAMPLES} records are not of this run .* but of run .*corpus seed 2 .*: results of another corpus mixed in`));
    // and cmsi interop will not resume a run over another corpus
    const resume = cmsi(['interop', '--resume', '--corpus', seed2, '--out', copy('resume-other')]);
    expect(resume.code).toBe(2);
    expect(resume.stderr).toMatch(/its run is over another corpus \(seed 1, .*\) than this one \(seed 2/);

    const again = join(tmp, 'second-run');
    expect(cmsi(['interop', '--stacks', 'openssl', '--corpus', CORPUS, '--out', again]).code).toBe(0);
    const d2 = copy('mixed-run');
    appendFileSync(join(d2, 'consume.jsonl'), readFileSync(join(again, 'consume.jsonl')));
    const r2 = report(d2);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(new RegExp(`refused: ${SAMPLES} records are not of this run .*: results of two runs mixed`));
  }, 300_000);
});

describe('cmsi interop and an existing run', () => {
  it('refuses to overwrite a run without --resume or --force, and --force replaces it', () => {
    const d = copy('overwrite');
    const before = readFileSync(join(d, 'consume.jsonl'), 'utf8');
    const r = cmsi(['interop', '--stacks', 'openssl', '--corpus', CORPUS, '--out', d]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/already holds run .*: --resume continues it .*--force replaces it/);
    expect(readFileSync(join(d, 'consume.jsonl'), 'utf8')).toBe(before);
    const runId = (JSON.parse(readFileSync(join(d, 'run.json'), 'utf8')) as { runId: string }).runId;
    const forced = cmsi(['interop', '--force', '--stacks', 'openssl', '--corpus', CORPUS, '--out', d]);
    expect(forced.code, forced.stderr).toBe(0);
    const after = JSON.parse(readFileSync(join(d, 'run.json'), 'utf8')) as { runId: string; stacks: string[] };
    expect(after.runId).not.toBe(runId);
    expect(after.stacks).toEqual(['openssl']);
    expect(lines(join(d, 'consume.jsonl'))).toHaveLength(SAMPLES);
  }, 300_000);

  it('--resume --stacks adds a stack and cross-verifies every new pair, as a run of both would', () => {
    const d = join(tmp, 'grow');
    expect(cmsi(['interop', '--stacks', 'openssl', '--corpus', CORPUS, '--out', d]).code).toBe(0);
    expect(lines(join(d, 'produce.jsonl')).length).toBeGreaterThan(0);
    const grown = cmsi(['interop', '--resume', '--stacks', 'gnutls', '--corpus', CORPUS, '--out', d]);
    expect(grown.code, grown.stderr).toBe(0);
    const run = JSON.parse(readFileSync(join(d, 'run.json'), 'utf8')) as { stacks: string[]; invocations: number; state: string };
    expect(run).toMatchObject({ stacks: ['openssl', 'gnutls'], invocations: 2, state: 'finished' });
    const pairs = (dir: string) => lines(join(dir, 'cross.jsonl')).map((l) => JSON.parse(l) as { producer: string; consumer: string; feature: string; verdict: string })
      .map((c) => `${c.producer}>${c.consumer} ${c.feature} ${c.verdict}`).sort();
    expect(pairs(d).some((p) => p.startsWith('openssl>gnutls'))).toBe(true);
    expect(pairs(d).some((p) => p.startsWith('gnutls>openssl'))).toBe(true);
    expect(pairs(d)).toEqual(pairs(base));
    const r = report(d);
    expect(r.code, r.stderr).toBe(0);
    expect(matrixRows(r.stdout)).toEqual(matrixRows(intactMd));
  }, 300_000);
});
