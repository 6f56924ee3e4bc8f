/**
 * Hostile submissions, crafted byte by byte (a small zip writer here, independent of the reader):
 * each is refused by cmsi submit with its own message and exit 2, nothing appears outside the
 * work directory (a sentinel folder around it is compared before and after), nothing is added to
 * the results, and the next, honest submission is accepted by the same process.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { CORPUS } from './helpers/corpus.ts';

interface Entry { name: string | Uint8Array; data: Uint8Array; mode?: number; store?: boolean; declared?: number }

/** A zip of `entries` (deflated unless `store`), made by Unix (host 3) with the given st_mode. */
function zip(entries: readonly Entry[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = typeof e.name === 'string' ? Buffer.from(e.name, 'utf8') : Buffer.from(e.name);
    const body = e.store ? Buffer.from(e.data) : deflateRawSync(e.data);
    const size = e.declared ?? e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(0x800, 6); local.writeUInt16LE(e.store ? 0 : 8, 8);
    local.writeUInt32LE(body.length, 18); local.writeUInt32LE(size, 22); local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0); cd.writeUInt16LE(0x0314, 4); cd.writeUInt16LE(20, 6); cd.writeUInt16LE(0x800, 8); cd.writeUInt16LE(e.store ? 0 : 8, 10);
    cd.writeUInt32LE(body.length, 20); cd.writeUInt32LE(size, 24); cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(((e.mode ?? 0o100644) << 16) >>> 0, 38); cd.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    central.push(cd, name);
    offset += 30 + name.length + body.length;
  }
  const cdBuf = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length, 8); end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cdBuf.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cdBuf, end]);
}

const sentinel = mkdtempSync(join(tmpdir(), 'cmsi-hostile-'));
const work = join(sentinel, 'a', 'b');
mkdirSync(work, { recursive: true });
afterAll(() => rmSync(sentinel, { recursive: true, force: true }));
const results = join(work, 'results');
const manifestSha = createHash('sha256').update(readFileSync(join(CORPUS, 'manifest.yaml'))).digest('hex');
const yaml = (extra = '') => new TextEncoder().encode(`format: 1\nimplementation: {name: acme, version: "1", lineage: acme}\ndate: "2026-12-01"\ncorpus: {manifest_sha256: "${manifestSha}"}\n${extra}`);
const good = { name: 'submission.yaml', data: yaml() };
const consumed = (lines: string) => ({ name: 'consumed.jsonl', data: new TextEncoder().encode(lines) });

/** Every path under the sentinel folder except the results and the submissions themselves. */
function snapshot(): string[] {
  const out: string[] = [];
  const walk = (d: string) => { for (const e of readdirSync(d, { withFileTypes: true })) { const p = join(d, e.name); if (p === results || p.startsWith(join(work, 'in'))) continue; out.push(p); if (e.isDirectory()) walk(p); } };
  walk(sentinel);
  return out.sort();
}

// Imported in-process so the whole sequence is one run that must go on after each refusal.
const { submitCommand } = await import('../cli/submit.ts');
async function submit(path: string): Promise<{ code: number; err: string }> {
  const errors: string[] = [];
  const orig = console.error;
  const log = console.log;
  console.error = (...a: unknown[]) => { errors.push(a.join(' ')); };
  console.log = () => undefined;
  try {
    return { code: await submitCommand([path, '--corpus', CORPUS, '--out', results, '--stacks', 'openssl']), err: errors.join('\n') };
  } finally {
    console.error = orig;
    console.log = log;
  }
}

let n = 0;
const writeZip = (entries: readonly Entry[]) => { const p = join(work, 'in', `${n++}.zip`); mkdirSync(join(work, 'in'), { recursive: true }); writeFileSync(p, zip(entries)); return p; };
const pattern = (size: number) => { const b = new Uint8Array(size); for (let i = 0; i < size; i += 61) b[i] = (i * 7919) & 0xff; return b; };

const HOSTILE: readonly [string, () => string, RegExp][] = [
  ['zip-slip', () => writeZip([good, { name: '../../escaped.txt', data: new Uint8Array([1]) }]), /climbs out of the submission \(zip-slip\)/],
  ['absolute path', () => writeZip([good, { name: '/tmp/cmsi-absolute.txt', data: new Uint8Array([1]) }]), /has an absolute path/],
  ['symlink in a zip', () => writeZip([good, { name: 'link', data: new TextEncoder().encode('/etc/passwd'), mode: 0o120777, store: true }]), /is a symbolic link/],
  ['device in a zip', () => writeZip([good, { name: 'dev', data: new Uint8Array(0), mode: 0o020644, store: true }]), /not a regular file/],
  ['zip bomb by ratio', () => writeZip([good, { name: 'bomb.der', data: new Uint8Array(16 * 1024 * 1024 - 1) }]), /compression ratio over 200:1/],
  ['zip bomb by a lying size', () => writeZip([good, { name: 'liar.der', data: new Uint8Array(8 * 1024 * 1024), declared: 1000 }]), /inflates past the size caps/],
  ['zip bomb by total size', () => writeZip([good, ...Array.from({ length: 9 }, (_, i) => ({ name: `big${i}.der`, data: pattern(15 * 1024 * 1024) }))]), /total cap/],
  ['too many files', () => writeZip([good, ...Array.from({ length: 2001 }, (_, i) => ({ name: `f${i}`, data: new Uint8Array(0), store: true }))]), /over the 2000 cap/],
  ['oversize message', () => writeZip([good, { name: 'huge.der', data: new Uint8Array(17 * 1024 * 1024) }]), /over the 16777216 cap of one file/],
  ['non-UTF-8 name', () => writeZip([good, { name: new Uint8Array([0x66, 0xff, 0xfe, 0x2e, 0x64]), data: new Uint8Array([1]) }]), /name is not UTF-8/],
  ['YAML alias bomb', () => writeZip([{ name: 'submission.yaml', data: new TextEncoder().encode(`a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n`) }]), /alias/],
  ['YAML huge scalar', () => writeZip([{ name: 'submission.yaml', data: yaml(`consumed: "${'x'.repeat(200_000)}"\n`) }]), /200000-character value, over the 10000 cap/],
  ['YAML deep nesting', () => writeZip([{ name: 'submission.yaml', data: yaml(`produced: ${'['.repeat(5000)}${']'.repeat(5000)}\n`) }]), /nested (deeper|too deeply)/],
  ['JSON deep nesting', () => writeZip([good, consumed(`{"id": ${'['.repeat(100_000)}${']'.repeat(100_000)}, "actual": "accept"}\n`)]), /consumed\.jsonl:1: (nested deeper|a \d+-character line)/],
  ['schema error with its line', () => writeZip([{ name: 'submission.yaml', data: yaml('produced:\n  - file: x.der\n    feature: signed-data/attached\n    colour: red\n') }]), /submission\.yaml:6: \/produced\/0 must NOT have additional properties \(colour\)/],
  ['not a zip', () => { const p = join(work, 'in', 'junk.zip'); writeFileSync(p, 'not a zip at all'); return p; }, /not a zip archive/],
];

describe('cmsi submit refuses hostile submissions and goes on', () => {
  it('refuses each with its message, changes nothing outside the work directory, then accepts an honest one', async () => {
    const before = snapshot();
    for (const [what, make, message] of HOSTILE) {
      const r = await submit(make());
      expect([what, r.code]).toEqual([what, 2]);
      expect(r.err, what).toMatch(message);
      expect(snapshot(), what).toEqual(before);
    }
    expect(readdirSync(work)).not.toContain('results');
    // Folders: a symlink, a hard link and a FIFO are refused just the same.
    const dir = join(work, 'in', 'folder');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'submission.yaml'), yaml());
    symlinkSync('/etc/passwd', join(dir, 'passwd'));
    expect((await submit(dir)).err).toMatch(/passwd is a symbolic link/);
    rmSync(join(dir, 'passwd'));
    writeFileSync(join(sentinel, 'outside.txt'), 'x');
    linkSync(join(sentinel, 'outside.txt'), join(dir, 'hard'));
    expect((await submit(dir)).err).toMatch(/hard is a hard link/);
    rmSync(join(dir, 'hard'));
    rmSync(join(sentinel, 'outside.txt'));
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    expect((await submit(dir)).err).toMatch(/fifo is not a regular file/);
    rmSync(join(dir, 'fifo'));
    expect(snapshot()).toEqual(before);
    // The same process then takes an honest submission.
    const ok = await submit(writeZip([good, consumed('{"id": "data/der", "actual": "accept"}\n{"id": "no/such/sample", "actual": "reject"}\n'), { name: '__MACOSX/._x', data: new Uint8Array([0]) }]));
    expect(ok.err).toBe('');
    expect(ok.code).toBe(1);
    expect(readdirSync(results)).toContain('consume.jsonl');
  }, 300_000);
});
