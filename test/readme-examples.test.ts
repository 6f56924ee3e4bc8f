/**
 * The docs cannot drift from the program: every example block of README.md and docs/cli.md is
 * rerun and must equal what the block shows (scripts/readme-examples.ts; regenerate with
 * `npx tsx scripts/update-readme.ts`); machine-dependent examples must at least be the output of
 * the command they name; the `Example:` line of every command's help runs with a documented exit
 * code; and the generated README figures agree with the tables they head.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXAMPLE_DOCS, findExamples, runExample } from '../scripts/readme-examples.ts';
import { REPO } from './helpers/corpus.ts';

const tmp = mkdtempSync(join(tmpdir(), 'cmsi-examples-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const examples = EXAMPLE_DOCS.flatMap((doc) => findExamples(readFileSync(join(REPO, doc), 'utf8')).map((e) => ({ doc, ...e })));

describe('doc examples are the output of a real run', () => {
  it('the docs hold examples, the README its inspect trees among them', () => {
    expect(examples.length).toBeGreaterThan(5);
    expect(examples.filter((e) => e.doc === 'README.md' && /^cmsi inspect .*\.eml/.test(e.command)).length).toBeGreaterThanOrEqual(2);
  });

  it.each(examples.filter((e) => !e.host).map((e) => [`${e.doc}: ${e.command}`, e] as const))('%s', (_name, e) => {
    expect(e.body, `regenerate with: npx tsx scripts/update-readme.ts --skip-host`).toBe(runExample(e.command));
  });

  it.each(examples.filter((e) => e.host).map((e) => [`${e.doc}: ${e.command}`, e] as const))('%s (machine-dependent: regenerated, not compared)', (_name, e) => {
    expect(e.body.split('\n')[0]).toBe(`$ ${e.command}`);
    expect(e.body.split('\n').length).toBeGreaterThan(2);
  });
});

describe('the help examples run', () => {
  const help = spawnSync(process.execPath, [join(REPO, 'bin/cmsi.js'), '--help'], { encoding: 'utf8', cwd: REPO }).stdout;
  const lines = [...help.matchAll(/^Example: cmsi (.+)$/gm)].map((m) => m[1]!);

  it('every command with options shows one', () => {
    expect(lines.length).toBeGreaterThanOrEqual(3);
  });

  it.each(lines)('cmsi %s', (line) => {
    // Output directories go to a scratch place, not where the help example points.
    const args = line.split(/\s+/).map((a, i, all) => (all[i - 1] === '--out' ? join(tmp, `out-${i}`) : a));
    const r = spawnSync(process.execPath, [join(REPO, 'bin/cmsi.js'), ...args], { encoding: 'utf8', cwd: REPO, timeout: 120_000, maxBuffer: 64 << 20 });
    expect(r.stderr).not.toMatch(/^cmsi [a-z]+: /m);
    expect([0, 1, 3]).toContain(r.status);
    expect(r.stdout.length).toBeGreaterThan(0);
  });
});

describe('generated docs', () => {
  it('docs/corpus.md is what cmsi corpus prints for the committed corpus', () => {
    const r = spawnSync(process.execPath, [join(REPO, 'bin/cmsi.js'), 'corpus'], { encoding: 'utf8', cwd: REPO, maxBuffer: 64 << 20 });
    expect(r.status).toBe(0);
    expect(readFileSync(join(REPO, 'docs/corpus.md'), 'utf8'), 'regenerate with: npx tsx scripts/update-readme.ts').toBe(r.stdout);
  });
});

describe('generated README figures', () => {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');

  it('the number of invalid samples OpenSSL accepts is the number of rows under it', () => {
    const section = readme.slice(readme.indexOf('<!-- openssl-invalid:start -->'), readme.indexOf('<!-- openssl-invalid:end -->'));
    const claimed = Number(/accepts (\d+) invalid samples/.exec(section)?.[1]);
    expect(claimed).toBe((section.match(/^\| `/gm) ?? []).length);
  });
});
