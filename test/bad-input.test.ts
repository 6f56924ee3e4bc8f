/**
 * No stack trace, ever, from user input: every command is fed bad input on purpose (missing files,
 * directories, empty, malformed and schema-breaking manifests, a manifest without trustAnchors,
 * out-of-vocabulary values, a sample file that is gone, bad flags, unwritable --out paths such as
 * /proc/x, where Node's recursive mkdir used to spin forever) and must answer with one line on
 * stderr that names the file concerned, exit 2 (usage or I/O error, as `cmsi --help` documents),
 * and finish quickly. Output into a pipe closed early (`| head`) is dropped quietly, and the
 * command still exits with its usual code.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { CORPUS, REPO } from './helpers/corpus.ts';

const BIN = join(REPO, 'bin/cmsi.js');
const tmp = mkdtempSync(join(tmpdir(), 'cmsi-bad-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Asynchronous, so that the cases run side by side (each is mostly Node's start-up). */
function runAsync(args: readonly string[], input?: string): Promise<{ code: number | null; signal: string | null; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [BIN, ...args], { cwd: REPO, stdio: ['pipe', 'ignore', 'pipe'], timeout: 30_000 });
    let stderr = '';
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.stdin.end(input ?? '');
    p.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
}

const run = (args: readonly string[], input?: string) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 30_000, input: input ?? '', cwd: REPO });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
};

const MANIFEST_TEXT = readFileSync(join(CORPUS, 'manifest.yaml'), 'utf8');
const SAMPLE = join(CORPUS, 'samples/signed-data/rsa-sha256/attached.der');

/** A corpus directory whose manifest is `text`, the real files linked in. */
function corpusWith(name: string, text: string): string {
  const dir = join(tmp, name);
  mkdirSync(dir, { recursive: true });
  for (const d of ['samples', 'content', 'keys']) symlinkSync(join(CORPUS, d), join(dir, d));
  writeFileSync(join(dir, 'manifest.yaml'), text);
  return dir;
}
const replaceFirst = (from: string | RegExp, to: string) => MANIFEST_TEXT.replace(from, to);

const file = (name: string, text: string): string => {
  writeFileSync(join(tmp, name), text);
  return join(tmp, name);
};
const empty = file('empty.yaml', '');
const malformed = file('malformed.yaml', 'version: 1\nsamples: [\n  - id: x\n');
const notAMapping = file('list.yaml', '- 1\n- 2\n');
const noAnchors = corpusWith('no-anchors', MANIFEST_TEXT.replace(/trustAnchors:\n(?: {2}- .*\n)+/, ''));
const badExpected = corpusWith('bad-expected', replaceFirst('expected: valid', 'expected: broken'));
const badFeature = corpusWith('bad-feature', replaceFirst(/features:\n {6}- \S+/, 'features:\n      - frobnicate'));
const goneSample = corpusWith('gone-sample', replaceFirst('file: samples/signed-data/rsa-sha1/attached.der', 'file: samples/no/such/sample.der'));
const emptyCorpus = corpusWith('empty-corpus', '');
const aFile = file('a-file', 'x');
const MISSING = join(tmp, 'no-such-file.der');
const badTable = file('bad-table.tsv', 'path\texpected\treason\na.eml\tgood\t\n');
const goodTable = file('table.tsv', 'path\texpected\treason\n');
const badP12Dir = join(tmp, 'p12');
mkdirSync(badP12Dir);
writeFileSync(join(badP12Dir, 'broken.p12'), 'not PKCS #12');
const emptyDir = join(tmp, 'empty-dir');
mkdirSync(emptyDir);

interface Case {
  readonly args: readonly string[];
  /** What the one line must say (usually the file's name). */
  readonly says: RegExp | string;
  readonly input?: string;
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

const CASES: readonly Case[] = [
  // generate and run
  { args: ['generate', '--seed', 'x', '--out', join(tmp, 'g')], says: /--seed/ },
  { args: ['generate', '--out', '/proc/cmsi-x'], says: '/proc/cmsi-x' },
  { args: ['generate', '--out', join(aFile, 'sub')], says: aFile },
  { args: ['generate', '--out', aFile], says: /not a directory/ },
  { args: ['run', '--out', '/proc/cmsi-x/corpus'], says: '/proc/cmsi-x' },
  { args: ['run', '--seed=-1'], says: /--seed/ },
  // check: files, directories, manifests, flags, outputs
  { args: ['check', MISSING], says: MISSING },
  { args: ['check', CORPUS], says: new RegExp(`${esc(CORPUS)}.*directory`) },
  { args: ['check', '--manifest', MISSING], says: MISSING },
  { args: ['check', '--manifest', CORPUS], says: /is a directory/ },
  { args: ['check', '--manifest', empty], says: new RegExp(`${esc(empty)}: empty`) },
  { args: ['check', '--manifest', malformed], says: new RegExp(`${esc(malformed)}:\\d+:\\d+: not valid YAML`) },
  { args: ['check', '--manifest', notAMapping], says: new RegExp(`${esc(notAMapping)}:1:1: .*must be object`) },
  { args: ['check', '--manifest', join(noAnchors, 'manifest.yaml')], says: /manifest\.yaml:\d+:\d+: .*"trustAnchors"/ },
  { args: ['check', '--manifest', join(badExpected, 'manifest.yaml')], says: /manifest\.yaml:\d+:\d+: .*samples\[0\]\.expected must be one of valid, invalid, acceptable, got "broken"/ },
  { args: ['check', '--manifest', join(badFeature, 'manifest.yaml')], says: /manifest\.yaml:\d+:\d+: .*samples\[0\]\.features\[0\] must be one of .*"frobnicate"/ },
  { args: ['check', '--manifest', join(goneSample, 'manifest.yaml')], says: /samples\/no\/such\/sample\.der: no such file/ },
  { args: ['check', '--manifest', '-'], says: /stdin:\d+:\d+: not valid YAML/, input: '{[' },
  { args: ['check', '--cert', MISSING, SAMPLE], says: MISSING },
  { args: ['check', '--key', CORPUS, SAMPLE], says: CORPUS },
  { args: ['check', '--content', MISSING, SAMPLE], says: MISSING },
  { args: ['check', '--format', 'xml', SAMPLE], says: /--format/ },
  { args: ['check', '--profile', 'v4', SAMPLE], says: /--profile/ },
  { args: ['check', '--kek', 'zz', SAMPLE], says: /--kek/ },
  { args: ['check', '--out', '/proc/cmsi-x/report.txt', SAMPLE], says: '/proc/cmsi-x/report.txt' },
  { args: ['check', '--out', CORPUS, SAMPLE], says: CORPUS },
  { args: ['check'], says: /no input/ },
  { args: ['check', '--colour', SAMPLE], says: /--colour/ },
  // inspect (alias dump)
  { args: ['inspect', MISSING], says: MISSING },
  { args: ['inspect', CORPUS], says: new RegExp(`${esc(CORPUS)}.*directory`) },
  { args: ['inspect', SAMPLE, SAMPLE], says: /one FILE at a time/ },
  { args: ['dump'], says: /no input/ },
  { args: ['inspect', '--format', 'xml', SAMPLE], says: /--format/ },
  { args: ['inspect', '--key', MISSING, SAMPLE], says: MISSING },
  { args: ['inspect', '--kek', 'zz', SAMPLE], says: /--kek/ },
  { args: ['inspect', '--out', '/proc/cmsi-x/tree.txt', SAMPLE], says: '/proc/cmsi-x/tree.txt' },
  // rules
  { args: ['rules', 'rfc0000/1/none'], says: 'rfc0000/1/none' },
  { args: ['rules', '--level', 'MAYBE'], says: /--level/ },
  { args: ['rules', '--rfc', 'abc'], says: /--rfc/ },
  { args: ['rules', '--format', 'xml'], says: /--format/ },
  // corpus
  { args: ['corpus', '--manifest', MISSING], says: MISSING },
  { args: ['corpus', '--manifest', empty], says: empty },
  { args: ['corpus', '--manifest', malformed], says: malformed },
  { args: ['corpus', '--manifest', join(badFeature, 'manifest.yaml')], says: /frobnicate/ },
  { args: ['corpus', '--out', '/proc/cmsi-x/corpus.md'], says: '/proc/cmsi-x/corpus.md' },
  { args: ['corpus', '--format', 'xml'], says: /--format/ },
  // interop and report
  { args: ['interop', '--corpus', join(tmp, 'no-corpus'), '--stacks', 'openssl', '--out', join(tmp, 'r1')], says: join(tmp, 'no-corpus') },
  { args: ['interop', '--corpus', emptyCorpus, '--stacks', 'openssl', '--out', join(tmp, 'r2')], says: /manifest\.yaml: empty/ },
  { args: ['interop', '--corpus', join(noAnchors), '--stacks', 'openssl', '--out', join(tmp, 'r3')], says: /trustAnchors/ },
  { args: ['interop', '--stacks', 'no-such-stack', '--out', join(tmp, 'r4')], says: 'no-such-stack' },
  { args: ['interop', '--jobs', '0', '--out', join(tmp, 'r5')], says: /--jobs/ },
  { args: ['interop', '--stacks', 'openssl', '--out', '/proc/cmsi-x'], says: '/proc/cmsi-x' },
  { args: ['report', '--results', join(tmp, 'no-results')], says: join(tmp, 'no-results') },
  { args: ['report', '--results', tmp], says: tmp },
  { args: ['report', '--format', 'xml'], says: /--format/ },
  // submit and diff
  { args: ['submit', MISSING, '--out', join(tmp, 'r6')], says: MISSING },
  { args: ['submit'], says: /one submission/ },
  { args: ['submit', tmp, '--stacks', 'no-such-stack'], says: 'no-such-stack' },
  { args: ['diff', join(tmp, 'no-results'), join(tmp, 'no-results')], says: join(tmp, 'no-results') },
  { args: ['diff', tmp], says: /two results directories/ },
  // conformance: the table, the folder's PKCS #12 files, the flags
  { args: ['conformance', tmp], says: /--expectations/ },
  { args: ['conformance', tmp, '--expectations', MISSING], says: MISSING },
  { args: ['conformance', tmp, '--expectations', aFile], says: /first line/ },
  { args: ['conformance', tmp, '--expectations', badTable], says: /expected must be valid, invalid or unknown/ },
  { args: ['conformance', badP12Dir, '--expectations', goodTable], says: /broken\.p12.*openssl pkcs12 cannot open it/ },
  { args: ['conformance', emptyDir, '--expectations', goodTable, '--at', 'soon'], says: /--at/ },
  { args: ['conformance', emptyDir, '--expectations', goodTable, '--ca', aFile], says: aFile },
  { args: ['conformance', tmp, '--expectations', goodTable, '--min-agreement', '120'], says: /--min-agreement/ },
  { args: ['diff', tmp, tmp, '--format', 'xml'], says: /--format/ },
  // fuzz
  { args: ['fuzz', '--stacks', 'no-such-stack'], says: 'no-such-stack' },
  { args: ['fuzz', '--shard', '3/2'], says: /--shard/ },
  { args: ['fuzz', '--time', '5x'], says: /--time/ },
  { args: ['fuzz', '--runs', '10', '--time', '1m'], says: /--runs or --time/ },
  { args: ['fuzz', '--replay', MISSING], says: MISSING },
  { args: ['fuzz', '--promote', 'nope', '--out', join(tmp, 'no-fuzz')], says: join(tmp, 'no-fuzz') },
  // the dispatcher
  { args: ['frobnicate'], says: 'frobnicate' },
  { args: ['help', 'frobnicate'], says: 'frobnicate' },
];

describe('bad input to every command: one line, exit 2, no stack trace', () => {
  it.concurrent.each(CASES.map((c) => [c.args.join(' ').replaceAll(tmp, '$TMP').replaceAll(REPO, ''), c] as const))('cmsi %s', async (_name, c) => {
    const r = await runAsync(c.args, c.input);
    expect(r.signal, 'it must finish, not hang or spin').toBeNull();
    expect(r.stderr).not.toMatch(/^\s+at |node:internal|internal error|TypeError|Unhandled/m);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines, r.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/^cmsi( [a-z]+)?: /);
    if (typeof c.says === 'string') expect(lines[0]).toContain(c.says);
    else expect(lines[0]).toMatch(c.says);
    expect(r.code, r.stderr).toBe(2);
  });

  it('covers every command the help lists', () => {
    const help = run(['--help']).stdout;
    const commands = [...help.matchAll(/^ {2}([a-z]+) {2,}/gm)].map((m) => m[1]!).filter((c) => c !== 'help');
    expect(commands.length).toBeGreaterThan(6);
    for (const command of commands) expect(CASES.some((c) => c.args[0] === command), command).toBe(true);
  });

  it('--version prints the package version', () => {
    const r = run(['--version']);
    expect(r.code).toBe(0);
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string };
    expect(r.stdout).toMatch(new RegExp(`^cmsi ${esc(pkg.version)} \\(manifest format 1`));
  });

  it('- reads stdin: corpus --manifest - lists the manifest piped in', () => {
    const r = spawnSync(process.execPath, [BIN, 'corpus', '--manifest', '-', '--format', 'json'], { encoding: 'utf8', input: MANIFEST_TEXT, cwd: REPO });
    expect(r.status, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { samples: unknown[] }).samples.length).toBeGreaterThan(200);
  });
});

/**
 * Starts cmsi with its stdout a pipe whose reading end is already closed, as `| head` leaves it
 * (whatever the output's size, the first write fails with EPIPE), and returns its exit code and
 * stderr.
 */
function closeEarly(args: readonly string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [BIN, ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    p.stdout.destroy();
    let stderr = '';
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('close', (code) => resolve({ code, stderr }));
  });
}

/** Interop results of one in-process stack over three samples: what `cmsi report` reads. */
function smallResults(): string {
  const m = parse(MANIFEST_TEXT) as { samples: { id: string }[] };
  const ids = ['signed-data/rsa-sha256/attached', 'signed-data/rsa-sha256/detached', 'invalid/signed/content-type-attr-differs'];
  const dir = corpusWith('small', stringify({ ...m, samples: m.samples.filter((s) => ids.includes(s.id)) }));
  const out = join(tmp, 'small-results');
  const r = spawnSync(process.execPath, [BIN, 'interop', '--corpus', dir, '--stacks', 'pkijs', '--out', out], { encoding: 'utf8', timeout: 120_000, cwd: REPO });
  expect(r.status, r.stderr).toBe(0);
  return out;
}

describe('a reader that closes the pipe early (| head)', () => {
  it.each(([
    [['rules'], 0],
    [['corpus'], 0],
    [['--help'], 0],
    [['inspect', join(CORPUS, 'samples/ess/triple-wrapped.eml')], 0],
    [['check', '--manifest', join(CORPUS, 'manifest.yaml')], 0],
    [['check', '--manifest', join(CORPUS, 'manifest.yaml'), '--format', 'json'], 0],
    [['check', SAMPLE, join(CORPUS, 'samples/invalid/signed/content-type-attr-differs.der'), '--passes'], 1],
  ] as const).map(([args, code]) => [args.join(' ').replaceAll(REPO, ''), args, code] as const))('cmsi %s: no EPIPE trace, the usual exit code', async (_name, args, code) => {
    const r = await closeEarly(args);
    expect(r.stderr).not.toMatch(/EPIPE|^\s+at |internal error/m);
    expect(r.code).toBe(code);
  });

  it('cmsi report: no EPIPE trace, exit 0', async () => {
    const results = smallResults();
    for (const format of ['md', 'csv', 'json']) {
      const r = await closeEarly(['report', '--results', results, '--format', format]);
      expect(r.stderr, format).not.toMatch(/EPIPE|^\s+at |internal error/m);
      expect(r.code, format).toBe(0);
    }
  }, 180_000);
});
