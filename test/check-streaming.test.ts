/**
 * Streaming for large messages (issue 9): an attached SignedData of 5,000 indefinite-length chunks
 * as `openssl cms -sign -stream` writes it, and a detached signature over a content file, are
 * checked without the content ever being in one buffer. The sources used here fail when a byte is
 * read twice or more than a window at once, so a regression to "read it whole" fails the test;
 * the streamed result must be the whole-message result, finding for finding, offsets included.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkBytes, type CheckOptions } from '../checkers/engine.ts';
import { checkStreamed, wrapsAnotherLayer } from '../checkers/stream/check-stream.ts';
import { walkSignedData } from '../checkers/stream/walk.ts';
import type { MessageSource } from '../checkers/stream/message-source.ts';
import type { ContentSource } from '../checkers/crypto/content-source.ts';
import type { FileResult } from '../checkers/finding.ts';
import { loadCatalog } from '../core/catalog.ts';
import { cmsi } from './helpers/cmsi-cli.ts';
import { CORPUS } from './helpers/corpus.ts';

const CHUNKS = 5_000;
const CHUNK = 4096; // what openssl cms -sign -stream writes per OCTET STRING segment
const MAX_READ = 1 << 20;
const CERT = join(CORPUS, 'keys/alice-rsa.cert.pem');
const KEY = join(CORPUS, 'keys/alice-rsa.key.pem');

let tmp: string;
let contentPath: string;
let attachedPath: string;
let detachedPath: string;
const catalog = loadCatalog();
const options: CheckOptions = { catalog, profile: 'current', certs: [], content: null, at: { ms: Date.parse('2026-06-01T00:00:00Z'), source: 'at' } };

function openssl(args: string[]): void {
  const r = spawnSync('openssl', args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`openssl ${args.join(' ')}: ${r.stderr}`);
}

/** A deterministic content of CHUNKS x CHUNK octets (no randomness: the same bytes every run). */
function content(): Uint8Array {
  const b = new Uint8Array(CHUNKS * CHUNK);
  let x = 0x9e3779b9; // xorshift32, fixed seed: no chunk repeats another
  for (let i = 0; i < b.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    b[i] = x & 0xff;
  }
  return b;
}

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'cmsi-stream-'));
  contentPath = join(tmp, 'content.bin');
  attachedPath = join(tmp, 'attached.ber');
  detachedPath = join(tmp, 'detached.der');
  writeFileSync(contentPath, content());
  openssl(['cms', '-sign', '-stream', '-nodetach', '-binary', '-md', 'sha256', '-in', contentPath, '-outform', 'DER', '-out', attachedPath, '-signer', CERT, '-inkey', KEY]);
  openssl(['cms', '-sign', '-binary', '-md', 'sha256', '-in', contentPath, '-outform', 'DER', '-out', detachedPath, '-signer', CERT, '-inkey', KEY]);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A message source over `bytes` that throws when a byte is read twice or more than MAX_READ at once. */
function strictMessage(bytes: Uint8Array): MessageSource & { readonly stats: { reads: number; maxRead: number; readTo: number } } {
  const stats = { reads: 0, maxRead: 0, readTo: 0 };
  return {
    size: bytes.length, stats,
    read(buf, position) {
      if (position < stats.readTo) throw new Error(`octet ${position} read twice`);
      if (buf.length > MAX_READ) throw new Error(`a read of ${buf.length} octets: more than a window`);
      const n = Math.min(buf.length, bytes.length - position);
      buf.set(bytes.subarray(position, position + n));
      stats.reads++;
      stats.maxRead = Math.max(stats.maxRead, n);
      stats.readTo = position + n;
      return n;
    },
    close: () => undefined,
  };
}

/** A content source that throws when read a second time, and hands out chunks smaller than the whole. */
function onceContent(bytes: Uint8Array, chunk = 64 * 1024): ContentSource & { readonly stats: { reads: number; maxChunk: number } } {
  const stats = { reads: 0, maxChunk: 0 };
  return {
    size: bytes.length, label: 'test content', stats,
    read(sink) {
      if (stats.reads++) throw new Error('content read twice');
      for (let at = 0; at < bytes.length; at += chunk) {
        const c = Uint8Array.from(bytes.subarray(at, at + chunk)); // a copy: the sink cannot keep a view of the whole
        stats.maxChunk = Math.max(stats.maxChunk, c.length);
        sink(c);
      }
    },
  };
}

const key = (r: FileResult) => r.findings.map((f) => `${f.rule} ${f.status} ${f.offset}+${f.length} ${f.message}`).sort();

describe('attached BER, 5,000 indefinite-length chunks', () => {
  it('is checked by the streaming path, each octet read once, with the whole-message result', () => {
    const bytes = new Uint8Array(readFileSync(attachedPath));
    const source = strictMessage(bytes);
    const s = checkStreamed('m', source, options);
    expect(s.ok).toBe(true);
    if (!s.ok) return;
    expect(s.segments).toBe(CHUNKS);
    expect(source.stats.readTo).toBe(bytes.length);
    expect(source.stats.maxRead).toBeLessThanOrEqual(MAX_READ);
    expect(s.result.verdict).toBe('valid');
    expect(s.result.findings.some((f) => f.rule === 'rfc5652/5.6/message-digest-attribute-matches' && f.status === 'pass')).toBe(true);
    const whole = checkBytes('m', bytes, options);
    expect(whole.verdict).toBe('valid');
    expect(key(s.result)).toEqual(key(whole));
  });

  it('keeps only the structure: the skeleton is a few kilobytes, the eContent an empty constructed OCTET STRING', () => {
    const bytes = new Uint8Array(readFileSync(attachedPath));
    const w = walkSignedData(strictMessage(bytes), { maxDepth: 64 });
    expect(w.ok).toBe(true);
    if (!w.ok) return;
    expect(w.walked.contentSize).toBe(CHUNKS * CHUNK);
    expect(w.walked.skeleton.length).toBeLessThan(8 * 1024);
    expect(Buffer.from(w.walked.skeleton).includes(Buffer.from([0x24, 0x80, 0x04, 0x00, 0x00, 0x00]))).toBe(true);
  });

  it('a changed octet in the last chunk makes the streamed check invalid (message-digest), as the whole check', () => {
    const bytes = new Uint8Array(readFileSync(attachedPath));
    // Where the last chunk's octets are in the message, found by their value.
    const last = Buffer.from(bytes).indexOf(Buffer.from(content().subarray((CHUNKS - 1) * CHUNK, (CHUNKS - 1) * CHUNK + 256)));
    expect(last).toBeGreaterThan((CHUNKS - 1) * CHUNK);
    const tampered = Uint8Array.from(bytes);
    tampered[last + 100]! ^= 0x01;
    const s = checkStreamed('m', strictMessage(tampered), options);
    expect(s.ok).toBe(true);
    if (!s.ok) return;
    expect(s.result.verdict).toBe('invalid');
    expect(s.result.findings.some((f) => f.rule === 'rfc5652/5.6/message-digest-attribute-matches' && f.status === 'fail')).toBe(true);
    expect(checkBytes('m', tampered, options).verdict).toBe('invalid');
  });

  it('a node bound the whole-message reader hits is the limit outcome, while the stream checks it', () => {
    const bytes = new Uint8Array(readFileSync(attachedPath));
    const whole = checkBytes('m', bytes, { ...options, maxNodes: 1000 });
    expect(whole.verdict).toBe('unchecked');
    expect(whole.limit).toMatchObject({ limit: 'nodes', value: 1000, flag: '--max-nodes' });
    const s = checkStreamed('m', strictMessage(bytes), { ...options, maxNodes: 1000 });
    expect(s.ok && s.result.verdict).toBe('valid');
  });

  it('cmsi check streams it above --stream-above and prints the same JSON as reading it whole', () => {
    const streamed = cmsi(['check', attachedPath, '--stream-above', '0', '--format', 'json', '--at', '2026-06-01']);
    const whole = cmsi(['check', attachedPath, '--format', 'json', '--at', '2026-06-01']);
    expect(streamed.code, streamed.stderr).toBe(0);
    expect(streamed.stdout).toBe(whole.stdout);
    // Proof that the first run streamed: under a node bound the message's chunks exceed, the
    // whole read is the limit outcome (exit 3) and the stream is not.
    expect(cmsi(['check', attachedPath, '--max-nodes', '1000', '--at', '2026-06-01']).code).toBe(3);
    expect(cmsi(['check', attachedPath, '--max-nodes', '1000', '--stream-above', '0', '--at', '2026-06-01']).code).toBe(0);
  });
});

describe('detached signature over a content file', () => {
  it('is checked from a content source read once, in chunks, never whole', () => {
    const sig = new Uint8Array(readFileSync(detachedPath));
    const source = onceContent(new Uint8Array(readFileSync(contentPath)));
    const r = checkBytes('d', sig, { ...options, contentSource: source });
    expect(r.verdict).toBe('valid');
    expect(source.stats.reads).toBe(1);
    expect(source.stats.maxChunk).toBeLessThan(source.size);
    expect(r.findings.some((f) => f.rule === 'rfc5652/5.6/message-digest-attribute-matches' && f.status === 'pass')).toBe(true);
  });

  it('other content gives invalid through the same path', () => {
    const sig = new Uint8Array(readFileSync(detachedPath));
    const other = Uint8Array.from(readFileSync(contentPath));
    other[other.length - 1]! ^= 0x80;
    const r = checkBytes('d', sig, { ...options, contentSource: onceContent(other) });
    expect(r.verdict).toBe('invalid');
    expect(r.findings.some((f) => f.rule === 'rfc5652/5.6/message-digest-attribute-matches' && f.status === 'fail')).toBe(true);
  });

  it('cmsi check --content above --stream-above gives the same verdict and findings as reading it', () => {
    const streamed = cmsi(['check', detachedPath, '--content', contentPath, '--stream-above', '0', '--format', 'json', '--at', '2026-06-01']);
    const whole = cmsi(['check', detachedPath, '--content', contentPath, '--format', 'json', '--at', '2026-06-01']);
    expect(streamed.code, streamed.stderr).toBe(0);
    expect(streamed.stdout).toBe(whole.stdout);
  });
});

describe('no signed attributes: the signature is over the streamed content itself (RFC 5652 5.4)', () => {
  const P256_CERT = join(CORPUS, 'keys/alice-p256.cert.pem');
  const P256_KEY = join(CORPUS, 'keys/alice-p256.key.pem');
  const DSA_CERT = join(CORPUS, 'keys/alice-dsa.cert.pem');
  const DSA_KEY = join(CORPUS, 'keys/alice-dsa.key.pem');
  const sign = (name: string, args: string[], cert = CERT, key = KEY): string => {
    const out = join(tmp, name);
    openssl(['cms', '-sign', '-noattr', '-binary', '-md', 'sha256', '-in', contentPath, '-outform', 'DER', '-out', out, '-signer', cert, '-inkey', key, ...args]);
    return out;
  };
  const json = (args: string[]) => {
    const r = cmsi(['check', ...args, '--format', 'json', '--at', '2026-06-01']);
    return { code: r.code, stdout: r.stdout, result: (JSON.parse(r.stdout) as { results: FileResult[] }).results[0]! };
  };

  it('RSA PKCS #1 v1.5, attached and walked as a stream: verified from the digest, the same JSON as read whole', () => {
    const attached = sign('noattr-attached.ber', ['-stream', '-nodetach']);
    const streamed = json([attached, '--stream-above', '0']);
    const whole = json([attached]);
    expect(streamed.result.verdict).toBe('valid');
    expect(streamed.result.findings.some((f) => f.rule === 'cmsi/signature-valid' && f.status === 'pass')).toBe(true);
    expect(streamed.stdout).toBe(whole.stdout);
  });

  it('RSA PKCS #1 v1.5, detached over a content file read once in chunks: verified; other content: invalid', () => {
    const sig = new Uint8Array(readFileSync(sign('noattr-detached.der', [])));
    const source = onceContent(new Uint8Array(readFileSync(contentPath)));
    const r = checkBytes('d', sig, { ...options, contentSource: source });
    expect(r.verdict).toBe('valid');
    expect(source.stats.reads).toBe(1);
    expect(source.stats.maxChunk).toBeLessThan(source.size);
    const other = Uint8Array.from(readFileSync(contentPath));
    other[0]! ^= 1;
    const bad = checkBytes('d', sig, { ...options, contentSource: onceContent(other) });
    expect(bad.verdict).toBe('invalid');
    expect(bad.findings.filter((f) => f.rule === 'cmsi/signature-valid').map((f) => f.status)).toEqual(['fail']);
  });

  it('ECDSA P-256 and RSASSA-PSS verify from the digest too: valid, the same JSON as read whole; a changed octet is invalid', () => {
    for (const [name, args, cert, key] of [
      ['noattr-p256.der', [], P256_CERT, P256_KEY],
      ['noattr-pss.der', ['-keyopt', 'rsa_padding_mode:pss'], CERT, KEY],
    ] as const) {
      const sig = sign(name, [...args], cert, key);
      const streamed = json([sig, '--content', contentPath, '--stream-above', '0']);
      const whole = json([sig, '--content', contentPath]);
      expect(streamed.result.verdict, name).toBe('valid');
      expect(streamed.stdout, name).toBe(whole.stdout);
    }
    const sig = new Uint8Array(readFileSync(join(tmp, 'noattr-p256.der')));
    const other = Uint8Array.from(readFileSync(contentPath));
    other[other.length - 1]! ^= 1;
    expect(checkBytes('d', sig, { ...options, contentSource: onceContent(other) }).verdict).toBe('invalid');
  });

  it('DSA, not verified from a digest here: over streamed content it is unchecked and says how to have it read whole, never valid or invalid', () => {
    const sig = new Uint8Array(readFileSync(sign('noattr-dsa.der', [], DSA_CERT, DSA_KEY)));
    const r = checkBytes('d', sig, { ...options, contentSource: onceContent(new Uint8Array(readFileSync(contentPath))) });
    expect(r.verdict).toBe('unchecked');
    expect(r.findings.find((f) => f.rule === 'cmsi/crypto-unverifiable')?.message).toMatch(/is not verified from a digest by this checker.*raise --stream-above/);
    expect(checkBytes('d', sig, { ...options, content: new Uint8Array(readFileSync(contentPath)) }).verdict).toBe('valid');
  });
});

describe('what the streaming path leaves to the whole read', () => {
  it('an eContent that wraps another S/MIME layer (triple wrapping) is read whole, for the RFC 2634 1.3.4 placement rules', () => {
    const inner = readFileSync(join(CORPUS, 'samples/signed-data/rsa-sha256/attached.der')).toString('base64');
    const entity = `Content-Type: application/pkcs7-mime; smime-type=signed-data\r\nContent-Transfer-Encoding: base64\r\n\r\n${inner}\r\n`;
    const entityPath = join(tmp, 'entity.eml');
    const outer = join(tmp, 'outer.ber');
    writeFileSync(entityPath, entity);
    openssl(['cms', '-sign', '-stream', '-nodetach', '-binary', '-md', 'sha256', '-in', entityPath, '-outform', 'DER', '-out', outer, '-signer', CERT, '-inkey', KEY]);
    const s = checkStreamed('o', strictMessage(new Uint8Array(readFileSync(outer))), options);
    expect(s).toEqual({ ok: false, reason: 'the eContent is an S/MIME entity wrapping another CMS layer' });
    const streamed = cmsi(['check', outer, '--stream-above', '0', '--format', 'json', '--at', '2026-06-01']);
    const whole = cmsi(['check', outer, '--format', 'json', '--at', '2026-06-01']);
    expect(streamed.stdout).toBe(whole.stdout);
    expect(streamed.code).toBe(whole.code);
  });

  it('recognises a wrapped layer by its headers only', () => {
    const b = (t: string) => new Uint8Array(Buffer.from(t, 'latin1'));
    expect(wrapsAnotherLayer(b('Content-Type: multipart/signed; boundary=x\r\n\r\n--x'))).toBe(true);
    expect(wrapsAnotherLayer(b('MIME-Version: 1.0\r\ncontent-type:\r\n application/x-pkcs7-mime\r\n\r\nMIIB'))).toBe(true);
    expect(wrapsAnotherLayer(b('Content-Type: text/plain\r\n\r\nContent-Type: application/pkcs7-mime'))).toBe(false);
    expect(wrapsAnotherLayer(b('just text, no headers'))).toBe(false);
    expect(wrapsAnotherLayer(content().subarray(0, 8192))).toBe(false);
  });
});
