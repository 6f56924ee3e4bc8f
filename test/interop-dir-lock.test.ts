/**
 * One writer per results directory (interop/dir-lock.ts): a second cmsi run or cmsi interop on a
 * directory that a live cmsi is writing is refused before it touches anything; the lock of a
 * writer that died is taken over.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirLocked, LOCK_FILE, lockDir } from '../interop/dir-lock.ts';
import { cmsi } from './helpers/cmsi-cli.ts';
import { REPO } from './helpers/corpus.ts';

let tmp: string;
let sleeper: ChildProcess;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'cmsi-lock-'));
  // A live process that is not this one, to hold locks.
  sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 600000)'], { stdio: 'ignore' });
});
afterAll(() => {
  sleeper.kill();
  rmSync(tmp, { recursive: true, force: true });
});

const heldBy = (dir: string, pid: number) => {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, LOCK_FILE), `${JSON.stringify({ pid, command: 'cmsi run', since: '2026-01-01T00:00:00.000Z' })}\n`);
};
const deadPid = (): number => {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
};

describe('lockDir', () => {
  it('is re-entrant in one process and removes its file at the last release', () => {
    const dir = join(tmp, 'reentrant');
    mkdirSync(dir);
    const outer = lockDir(dir, 'cmsi run');
    const inner = lockDir(dir, 'cmsi interop');
    inner.release();
    inner.release(); // a second release of the same handle does nothing
    expect(existsSync(join(dir, LOCK_FILE))).toBe(true);
    outer.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it('refuses a directory a live process holds, naming it; takes over a dead writer\'s lock', () => {
    const dir = join(tmp, 'held');
    heldBy(dir, sleeper.pid!);
    expect(() => lockDir(dir, 'cmsi interop')).toThrow(DirLocked);
    expect(() => lockDir(dir, 'cmsi interop')).toThrow(new RegExp(`pid ${sleeper.pid}, cmsi run, since 2026-01-01`));
    heldBy(dir, deadPid());
    const lock = lockDir(dir, 'cmsi interop');
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid, command: 'cmsi interop' });
    lock.release();
  });

  it('takes over a lock file it cannot read (a writer killed while writing it)', () => {
    const dir = join(tmp, 'torn');
    mkdirSync(dir);
    writeFileSync(join(dir, LOCK_FILE), '{"pid":');
    lockDir(dir, 'cmsi run').release();
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('the commands', () => {
  it('cmsi interop on a directory a live cmsi writes exits 2 and leaves the directory as it was', () => {
    const out = join(tmp, 'interop-results');
    heldBy(out, sleeper.pid!);
    writeFileSync(join(out, 'consume.jsonl'), 'the other run\'s records\n');
    const r = cmsi(['interop', '--corpus', join(REPO, 'corpus'), '--out', out, '--force', '--stacks', 'pkijs']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`is being written by another cmsi \\(pid ${sleeper.pid}`));
    expect(readFileSync(join(out, 'consume.jsonl'), 'utf8')).toBe('the other run\'s records\n');
    expect(readdirSync(out).sort()).toEqual([LOCK_FILE, 'consume.jsonl']);
  });

  it('cmsi submit into a directory a live cmsi writes exits 2 and writes nothing', () => {
    const out = join(tmp, 'submit-results');
    heldBy(out, sleeper.pid!);
    const sub = join(tmp, 'submission');
    mkdirSync(sub);
    const manifestSha = createHash('sha256').update(readFileSync(join(REPO, 'corpus', 'manifest.yaml'))).digest('hex');
    writeFileSync(join(sub, 'submission.yaml'), `format: 1\nimplementation: {name: acme-smime, version: "1.0", vendor: Acme, lineage: openssl, contact: a@b.example}\ndate: "2026-12-01"\ncorpus: {manifest_sha256: ${manifestSha}}\n`);
    const r = cmsi(['submit', sub, '--corpus', join(REPO, 'corpus'), '--out', out, '--stacks', 'pkijs']);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/is being written by another cmsi/);
    expect(readdirSync(out)).toEqual([LOCK_FILE]);
  });

  it('cmsi run refuses before it regenerates the corpus', () => {
    const base = join(tmp, 'run-out');
    heldBy(join(base, 'results'), sleeper.pid!);
    const r = cmsi(['run', '--out', join(base, 'corpus'), '--no-interop']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is being written by another cmsi/);
    expect(readdirSync(join(base, 'corpus'))).toEqual([]);
  });
});
