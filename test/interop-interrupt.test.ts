/**
 * Issue 16 point 4: a real `cmsi interop` interrupted with SIGINT or SIGTERM while its stacks run
 * (the Python worker, the Bouncy Castle JVM, gpgsm's gpg-agent, NSS databases, temporary
 * directories) leaves nothing behind: no process of the run and no temporary directory, and it
 * says how to resume. The run gets its own TMPDIR and an environment marker that every process it
 * starts inherits (gpg-agent included), so "of the run" is decided from /proc, not guessed from names.
 * Records cut short by the interruption are not recorded as the stack's verdict, and the resumed
 * run completes.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CORPUS } from './helpers/corpus.ts';
import { CMSI, cmsi } from './helpers/cmsi-cli.ts';

const root = mkdtempSync(join(tmpdir(), 'cmsi-interrupt-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Processes whose environment carries `marker`, with their command names. */
function processesMarked(marker: string): string[] {
  const out: string[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (pid === String(process.pid)) continue;
      const env = readFileSync(`/proc/${pid}/environ`, 'latin1');
      if (env.split('\0').includes(`CMSI_TEST_RUN=${marker}`)) out.push(`${pid} ${readFileSync(`/proc/${pid}/comm`, 'utf8').trim()}`);
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what: string, ok: () => boolean, ms: number): Promise<void> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(100)) if (ok()) return;
  throw new Error(`timed out waiting for ${what}`);
}

async function interruptRun(name: string, stacks: string, signal: 'SIGINT' | 'SIGTERM', waitForCommands: readonly string[]) {
  const dir = join(root, name);
  const tmp = join(dir, 'tmp');
  mkdirSync(tmp, { recursive: true });
  const out = join(dir, 'results');
  const env = { ...process.env, TMPDIR: tmp, CMSI_TEST_RUN: dir };
  const child = spawn(process.execPath, [CMSI, 'interop', '--stacks', stacks, '--jobs', '6', '--corpus', CORPUS, '--out', out], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (c: string) => { stderr += c; });
  child.stdout.resume();
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  // Interrupt once every persistent helper is up and some records are on disk.
  await waitFor(`${waitForCommands.join(', ')} running`, () => {
    const running = processesMarked(dir).map((p) => p.split(' ')[1]);
    return waitForCommands.every((c) => running.includes(c)) && existsSync(join(out, 'consume.jsonl'));
  }, 120_000);
  const before = processesMarked(dir);
  const tempBefore = readdirSync(tmp);
  child.kill(signal);
  const code = await exited;
  // What the run killed is reaped by the kernel, not by cmsi: give it a moment.
  await waitFor('no process of the run', () => processesMarked(dir).length === 0, 5_000).catch(() => undefined);
  return { dir, tmp, out, env, code, stderr, before, tempBefore };
}

describe('an interrupted cmsi interop', () => {
  it('SIGINT: ends the Python worker, the JVM, the gpg-agent and every temporary directory, and says how to resume', async () => {
    const r = await interruptRun('sigint', 'openssl,gpgsm,python-cryptography,nss,gnutls,bouncycastle', 'SIGINT', ['python3', 'java', 'gpg-agent']);
    expect(r.before.length).toBeGreaterThanOrEqual(4); // cmsi itself, python3, java, gpg-agent
    expect(r.tempBefore.some((d) => d.startsWith('cmsi-gpgsm-'))).toBe(true);
    expect(r.code).toBe(130);
    expect(processesMarked(r.dir)).toEqual([]);
    expect(readdirSync(r.tmp)).toEqual([]);
    expect(r.stderr).toMatch(/interrupted by SIGINT/);
    expect(r.stderr).toContain(`resume with: cmsi interop --resume --out ${r.out}`);
    const run = JSON.parse(readFileSync(join(r.out, 'run.json'), 'utf8')) as { state: string };
    expect(run.state).toBe('interrupted');
    // A request the interruption cut short is not a verdict: no crash by the signals cmsi sent.
    const consume = readFileSync(join(r.out, 'consume.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { verdict: string; detail: string });
    expect(consume.filter((c) => c.verdict === 'crash' && /SIGKILL|SIGINT|SIGTERM|JVM exited|exit null/.test(c.detail))).toEqual([]);
    // the report says the run is incomplete, and the resumed run finishes and leaves nothing either
    const report = cmsi(['report', '--results', r.out]);
    expect(report.code).toBe(3);
    expect(report.stderr).toMatch(/INCOMPLETE: the run was interrupted/);
    const resumed = cmsi(['interop', '--resume', '--fail-on', 'none', '--corpus', CORPUS, '--out', r.out], { env: r.env });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(cmsi(['report', '--results', r.out]).code).toBe(0);
    expect(processesMarked(r.dir)).toEqual([]);
    expect(readdirSync(r.tmp)).toEqual([]);
  }, 400_000);

  it('SIGTERM: the same, exit 143', async () => {
    const r = await interruptRun('sigterm', 'gpgsm,bouncycastle', 'SIGTERM', ['java', 'gpg-agent']);
    expect(r.code).toBe(143);
    expect(processesMarked(r.dir)).toEqual([]);
    expect(readdirSync(r.tmp)).toEqual([]);
    expect(r.stderr).toMatch(/interrupted by SIGTERM/);
    expect(r.stderr).toContain('cmsi interop --resume');
  }, 200_000);
});
