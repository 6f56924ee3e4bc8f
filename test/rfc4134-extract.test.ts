/**
 * RFC 4134 Appendix A extractor: the vendored RFC text (spec/rfc/rfc4134.txt) must yield every
 * example file, byte-exact, and the bytes must agree with what the RFC's own prose and ASN.1
 * dumps state about them. Only the copy under spec/ is read.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RFC4134_PATH, extractRfc4134, loadRfc4134 } from '../core/rfc4134.ts';

const text = readFileSync(RFC4134_PATH, 'latin1');
const lines = text.split('\n');
const files = loadRfc4134();

const sha1 = (b: Uint8Array): string => createHash('sha1').update(b).digest('hex');
const md5 = (b: Uint8Array): string => createHash('md5').update(b).digest('hex');
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const latin1 = (b: Uint8Array): string => Buffer.from(b).toString('latin1');

function file(name: string): Uint8Array {
  const f = files.get(name);
  if (!f) throw new Error(`missing ${name}`);
  return f;
}

const hasOpenssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
})();
const hasPerl = (() => {
  try {
    execFileSync('perl', ['-v'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
})();

/** Header of a definite or indefinite TLV: content start and length (undefined = indefinite). */
function header(b: Uint8Array, at: number): { tag: number; start: number; length: number | undefined } {
  const tag = b[at] as number;
  const first = b[at + 1] as number;
  if (first === 0x80) return { tag, start: at + 2, length: undefined };
  if (first < 0x80) return { tag, start: at + 2, length: first };
  const n = first & 0x7f;
  let length = 0;
  for (let i = 0; i < n; i++) length = length * 256 + (b[at + 2 + i] as number);
  return { tag, start: at + 2 + n, length };
}

/** The base64 body of a MIME part (after the first blank line of `part`), decoded. */
function mimeBase64Body(part: string): Uint8Array {
  const body = part.slice(part.indexOf('\n\n') + 2);
  const b64 = body.split('\n').filter((l) => /^[A-Za-z0-9+/=]+$/.test(l)).join('');
  return new Uint8Array(Buffer.from(b64, 'base64'));
}

const EXCONTENT = 'This is some sample content.';

/** DER (or BER) files: everything except the text file and the three MIME messages. */
const derNames = [...files.keys()].filter((n) => n !== 'ExContent.bin' && !n.endsWith('.eml'));

/** The CMS bodies carried base64-encoded inside the .eml files. */
function emlBodies(): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  const e48 = latin1(file('4.8.eml'));
  const p7s = e48.split('------=_NextBoundry____Fri,_06_Sep_2002_00:25:21')[2];
  if (p7s === undefined) throw new Error('4.8.eml: no signature part');
  out.set('4.8.eml (smime.p7s)', mimeBase64Body(p7s));
  out.set('4.9.eml (smime.p7m)', mimeBase64Body(latin1(file('4.9.eml'))));
  out.set('5.3.eml (smime.p7m)', mimeBase64Body(latin1(file('5.3.eml'))));
  return out;
}

// ---------------------------------------------------------------------------------------------
// The ASN.1 dumps printed in sections 2.2 to 7.2, parsed into (offset, tag, length, hex) rows.

interface DumpRow {
  line: number;
  offset: number;
  tag: number;
  length: number | 'NDEF';
  hex: string;
}
interface Dump {
  file: string;
  rows: DumpRow[];
}

function parseDumps(): Dump[] {
  const dumps: Dump[] = [];
  const suffix: Record<string, string> = { '2.2': '.pri', '2.3': '.cer', '2.4': '.crl' };
  const appendix = lines.findIndex((l) => l.startsWith('Appendix A.') || l.startsWith('A.  Binaries'));
  const end = appendix > 0 ? appendix : lines.length;
  let section = '';
  let constName = '';
  let current: Dump | undefined;
  let row: DumpRow | undefined;
  for (let i = 0; i < end; i++) {
    const l = lines[i] as string;
    const sec = /^([2-7](?:\.\d+)?)\.? /.exec(l);
    if (sec) {
      section = sec[1] as string;
      constName = '';
    }
    const named = /^ {3}([A-Za-z]+) =$/.exec(l);
    if (named) constName = named[1] as string;
    const h = /^ *(\d+) ([0-9A-F]{2}) +(NDEF|\d+):/.exec(l);
    if (h) {
      const offset = Number(h[1]);
      const tag = parseInt(h[2] as string, 16);
      if (offset === 0) {
        const name = section in suffix ? `${constName}${suffix[section]}` : `${section === '6' ? '6.0' : section}.bin`;
        current = { file: name, rows: [] };
        dumps.push(current);
      }
      row = { line: i + 1, offset, tag, length: h[3] === 'NDEF' ? 'NDEF' : Number(h[3]), hex: '' };
      current?.rows.push(row);
      continue;
    }
    const data = /^ +:\s+((?:[0-9A-F]{2} )*[0-9A-F]{2})\s*$/.exec(l);
    if (data && row) row.hex += (data[1] as string).replaceAll(' ', '');
  }
  return dumps;
}

/** Rows of a dump that disagree with the extracted bytes (identifier, length, or hex content). */
function dumpMismatches(d: Dump, b: Uint8Array): string[] {
  const bad: string[] = [];
  for (const r of d.rows) {
    if (r.offset >= b.length || b[r.offset] !== r.tag) {
      bad.push(`line ${r.line}: tag at ${r.offset}`);
      continue;
    }
    const h = header(b, r.offset);
    if (r.length === 'NDEF') {
      if (h.length !== undefined) bad.push(`line ${r.line}: expected indefinite length at ${r.offset}`);
      continue;
    }
    if (h.length !== r.length) {
      bad.push(`line ${r.line}: length at ${r.offset} is ${h.length}, dump says ${r.length}`);
      continue;
    }
    if (r.hex !== '') {
      // BIT STRING dumps omit the unused-bits octet.
      const skip = r.tag === 0x03 ? 1 : 0;
      const got = hex(b.subarray(h.start + skip, h.start + r.length)).toUpperCase();
      if (got !== r.hex) bad.push(`line ${r.line}: content at ${r.offset} differs`);
    }
  }
  return bad;
}

const dumps = parseDumps();
const dumpFor = (name: string): Dump => {
  const d = dumps.find((x) => x.file === name);
  if (!d) throw new Error(`no dump for ${name}`);
  return d;
};

// ---------------------------------------------------------------------------------------------

describe('RFC 4134 Appendix A extraction', () => {
  it('reads the vendored copy under spec/rfc', () => {
    expect(RFC4134_PATH.replaceAll('\\', '/')).toMatch(/\/spec\/rfc\/rfc4134\.txt$/);
    expect(text).toContain('Examples of S/MIME Messages');
  });

  it('extracts one file per |> marker, in order, each closed by its |< marker', () => {
    const opens = lines.map((l) => l.replace(/^[\t\v\f\r ]+/, '')).filter((l) => l.startsWith('|>'));
    const closes = lines.map((l) => l.replace(/^[\t\v\f\r ]+/, '')).filter((l) => l.startsWith('|<'));
    expect(opens.length).toBe(40);
    expect(closes.length).toBe(opens.length);
    expect(files.size).toBe(opens.length);
    expect([...files.keys()]).toEqual(opens.map((l) => l.slice(2)));
  });

  it('some files are interrupted by page breaks, and those decode like the others', () => {
    const spanning: string[] = [];
    let open: string | undefined;
    let sawBreak = false;
    for (const l of lines) {
      if (l.startsWith('|>')) [open, sawBreak] = [l.slice(2), false];
      else if (open && l.includes('\f')) sawBreak = true;
      else if (l.startsWith('|<')) {
        if (sawBreak && open) spanning.push(open);
        open = undefined;
      }
    }
    expect(spanning).toEqual(expect.arrayContaining(['AlicePrivDSSSign.pri', '4.4.bin', '4.8.eml', '4.11.bin']));
    expect(spanning.length).toBe(10);
    for (const n of spanning) expect(file(n).length).toBeGreaterThan(100);
  });

  it('ExContent.bin is the text, hex, MD5 and SHA-1 given in section 2.1', () => {
    const ex = file('ExContent.bin');
    expect(latin1(ex)).toBe(EXCONTENT);
    const sec = text.slice(text.indexOf('\n2.1.  Content of Documents\n'), text.indexOf('\n2.2.  Private Keys\n'));
    expect(sec.length).toBeGreaterThan(100);
    const grab = (label: string): string => {
      const m = new RegExp(`${label}[^\\n]*\\n\\n\\s*([0-9a-f ]+)\\n`).exec(sec);
      if (!m) throw new Error(`section 2.1 has no ${label}`);
      return (m[1] as string).replaceAll(' ', '');
    };
    expect(hex(ex)).toBe(grab('The hex for ExContent is'));
    expect(ex.length).toBe(grab('The hex for ExContent is').length / 2);
    expect(md5(ex)).toBe(grab('The MD5 hash of ExContent is'));
    expect(sha1(ex)).toBe(grab('The SHA-1 hash of ExContent is'));
  });

  it('DER files start with a SEQUENCE whose length covers the file exactly', () => {
    expect(derNames.length).toBe(36);
    for (const n of derNames) {
      const b = file(n);
      expect(b[0], n).toBe(0x30);
      const h = header(b, 0);
      if (h.length === undefined) {
        // BER indefinite length (3.1, 4.5): ends with end-of-contents octets.
        expect(['3.1.bin', '4.5.bin'], n).toContain(n);
        expect(hex(b.subarray(b.length - 2)), n).toBe('0000');
      } else {
        expect(h.start + h.length, n).toBe(b.length);
      }
    }
  });

  it('the .eml files are MIME messages whose base64 bodies are CMS; 5.3 carries 5.1.bin', () => {
    for (const n of ['4.8.eml', '4.9.eml', '5.3.eml']) {
      const t = latin1(file(n));
      expect(t.startsWith('MIME-Version: 1.0\n'), n).toBe(true);
      expect(t, n).toContain(`Subject: Example ${n.slice(0, 3)}\n`);
    }
    const bodies = emlBodies();
    for (const [n, b] of bodies) expect(b[0], n).toBe(0x30);
    expect(hex(bodies.get('5.3.eml (smime.p7m)') as Uint8Array)).toBe(hex(file('5.1.bin')));
    expect(latin1(file('4.8.eml'))).toContain(`\n\n${EXCONTENT}\n------=_NextBoundry`);
    // 4.9 encapsulates the MIME entity CRLF + ExContent (30 octets), not bare ExContent.
    expect(latin1(bodies.get('4.9.eml (smime.p7m)') as Uint8Array)).toContain(`\r\n${EXCONTENT}`);
  });
});

describe('extracted bytes against the RFC text', () => {
  it('finds a dump for every DER file except the ones printed only in base64', () => {
    const dumped = dumps.map((d) => d.file).sort();
    expect(dumped).toEqual([...derNames].sort());
  });

  it('total sizes agree with the outer SEQUENCE length of each dump (0 30 NNN:), except 4.7 and 5.2', () => {
    const sizes: Record<string, [number, number]> = {};
    for (const d of dumps) {
      const first = d.rows[0] as DumpRow;
      if (first.length === 'NDEF') continue;
      const headerLen = first.length < 0x80 ? 2 : first.length < 0x100 ? 3 : 4;
      sizes[d.file] = [first.length + headerLen, file(d.file).length];
    }
    const disagree = Object.entries(sizes).filter(([, [stated, got]]) => stated !== got);
    expect(Object.fromEntries(disagree)).toEqual({ '4.7.bin': [919, 920], '5.2.bin': [295, 361] });
    expect(sizes['4.4.bin']).toEqual([2833, 2833]);
    expect(sizes['6.0.bin']).toEqual([96, 96]);
    expect(sizes['AliceRSASignByCarl.cer']).toEqual([560, 560]);
  });

  it('every offset, tag, length and hex field of the dumps matches, except 4.7 and 5.2', () => {
    const result: Record<string, number> = {};
    for (const d of dumps) {
      const bad = dumpMismatches(d, file(d.file));
      if (bad.length) result[d.file] = bad.length;
      expect(d.rows.length, d.file).toBeGreaterThan(3);
    }
    // 4.7: the dump has signatureAlgorithm id-dsa and another (valid) signature; the binary has
    // dsaWithSHA1 and a 21-byte r, one octet longer. 5.2: the dump is a different message.
    expect(Object.keys(result).sort()).toEqual(['4.7.bin', '5.2.bin']);
    expect(dumpMismatches(dumpFor('4.7.bin'), file('4.7.bin'))[0]).toContain('dump says 915');
  });

  it('SHA-1 values stated by the RFC: 6.0 digest, 4.4 messageDigest and countersignature digest', () => {
    const exSha1 = sha1(file('ExContent.bin'));
    const statedAt = (name: string, offset: number): string => {
      const r = dumpFor(name).rows.find((x) => x.offset === offset);
      if (!r) throw new Error(`${name}: no dump row at ${offset}`);
      return r.hex.toLowerCase();
    };
    // 6.0 DigestedData: digest OCTET STRING at offset 74 (96 bytes in all).
    const d60 = file('6.0.bin');
    expect(d60.length).toBe(96);
    expect(statedAt('6.0.bin', 74)).toBe(exSha1);
    expect(hex(d60.subarray(76, 96))).toBe(exSha1);
    // 4.4: messageDigest attribute value at offset 2394.
    const d44 = file('4.4.bin');
    expect(d44.length).toBe(2833);
    expect(statedAt('4.4.bin', 2394)).toBe(exSha1);
    expect(hex(d44.subarray(2396, 2416))).toBe(exSha1);
    // 4.4: the countersignature's messageDigest (offset 2665) is SHA-1 of the signature at 2427.
    const sig = d44.subarray(2429, 2429 + 46);
    expect(statedAt('4.4.bin', 2665)).toBe(sha1(sig));
    // 4.10 carries the same messageDigest.
    expect(statedAt('4.10.bin', 913)).toBe(exSha1);
  });

  it('certificate SKIs stated in the dumps are SHA-1 of the whole SubjectPublicKeyInfo (Bob excepted)', () => {
    const ski: Record<string, boolean> = {};
    for (const name of derNames.filter((n) => n.endsWith('.cer'))) {
      const b = file(name);
      const cert = header(b, 0);
      const tbs = header(b, cert.start);
      // tbsCertificate children: [0] version, serial, signature, issuer, validity, subject, spki
      let at = tbs.start;
      for (let i = 0; i < 6; i++) {
        const h = header(b, at);
        at = h.start + (h.length as number);
      }
      const spki = header(b, at);
      const spkiSha1 = sha1(b.subarray(at, spki.start + (spki.length as number)));
      const stated = dumpFor(name).rows.find((r) => r.tag === 0x04 && r.hex.length === 40);
      ski[name] = stated?.hex.toLowerCase() === spkiSha1;
    }
    expect(ski).toEqual({
      'AliceDSSSignByCarlNoInherit.cer': true,
      'AliceRSASignByCarl.cer': true,
      'BobRSASignByCarl.cer': false,
      'CarlDSSSelf.cer': true,
      'CarlRSASelf.cer': true,
      'DianeDSSSignByCarlInherit.cer': true,
      'DianeRSASignByCarl.cer': true,
    });
  });
});

describe.skipIf(!hasOpenssl)('openssl asn1parse', () => {
  it('parses every DER file and every CMS body inside the .eml files, consuming all bytes', () => {
    const all = new Map<string, Uint8Array>([...derNames.map((n) => [n, file(n)] as const), ...emlBodies()]);
    expect(all.size).toBe(39);
    for (const [name, b] of all) {
      const out = execFileSync('openssl', ['asn1parse', '-inform', 'DER'], { input: b, stdio: 'pipe' }).toString();
      const first = /^\s*0:d=0\s+hl=(\d+)\s+l=\s*(inf|\d+)\s+cons: SEQUENCE/.exec(out);
      expect(first, name).not.toBeNull();
      if (first && first[2] !== 'inf') expect(Number(first[1]) + Number(first[2]), name).toBe(b.length);
      // Exactly one top-level object.
      expect(out.split('\n').filter((l) => /:d=0 /.test(l)).length, name).toBe(1);
    }
  });
});

describe.skipIf(!hasPerl)('the Perl program of Appendix A.2', () => {
  it('produces the same 40 files, byte for byte', () => {
    const start = lines.indexOf('#!/usr/bin/perl');
    const stop = lines.findIndex((l, i) => i > start && l.startsWith('B.  Examples in Order of Appearance'));
    expect(start).toBeGreaterThan(0);
    // Drop the RFC's page footer, form feed and running header lines that interrupt the program.
    const program = lines
      .slice(start, stop)
      .filter((l) => !/^Hoffman, Ed\. {10,}Informational/.test(l) && !/^RFC 4134 {5,}Examples/.test(l))
      .map((l) => l.replaceAll('\f', ''))
      .join('\n');
    const dir = mkdtempSync(join(tmpdir(), 'rfc4134-perl-'));
    try {
      writeFileSync(join(dir, 'extract.pl'), program);
      execFileSync('perl', ['extract.pl'], { cwd: dir, input: readFileSync(RFC4134_PATH), stdio: ['pipe', 'pipe', 'pipe'] });
      const produced = readdirSync(dir).filter((n) => n !== 'extract.pl');
      expect(produced.sort()).toEqual([...files.keys()].sort());
      for (const n of produced) expect(hex(readFileSync(join(dir, n))), n).toBe(hex(file(n)));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('bad input is an error, never a silent truncation', () => {
  const ok = '|>a.bin\n|VGhpcyBp\n|cyBzb21l\n|<a.bin\n';

  it('decodes a minimal file, skipping comments, prose and page breaks like the Perl program', () => {
    const input = [
      'prose',
      '|* a comment',
      '   |>a.bin',
      '|VGhpcyBp',
      '',
      'Hoffman, Ed.                 Informational                     [Page 9]',
      '\f',
      'RFC 4134              Examples of S/MIME Messages              July 2005',
      '',
      '  |cyBzb21lIHNh',
      '|bXBsZQ==',
      '|<a.bin',
    ].join('\n');
    const m = extractRfc4134(input);
    expect(latin1(m.get('a.bin') as Uint8Array)).toBe('This is some sample');
    expect(latin1(extractRfc4134(ok).get('a.bin') as Uint8Array)).toBe('This is some');
    expect(latin1(extractRfc4134(ok.replaceAll('\n', '\r\n')).get('a.bin') as Uint8Array)).toBe('This is some');
  });

  it.each([
    ['unterminated file', '|>a.bin\n|VGhpcyBp\n', /a\.bin opened at line 1 is never closed/],
    ['bad base64 character', '|>a.bin\n|VGhp*yBp\n|<a.bin\n', /line 2: .*"\*".*not a Base64 character/],
    ['space inside base64', '|>a.bin\n|VGhp cyBp\n|<a.bin\n', /line 2: .*not a Base64 character/],
    ['mismatched close', '|>a.bin\n|VGhpcyBp\n|<b.bin\n', /line 3: .*b\.bin.*doesn't match.*a\.bin/],
    ['close without open', '|<a.bin\n', /line 1: .*no file is open/],
    ['base64 outside a file', '|VGhpcyBp\n', /line 1: got some Base64 but no file is open/],
    ['nested open', '|>a.bin\n|>b.bin\n', /line 2: .*a\.bin was open/],
    ['duplicate name', `${ok}${ok}`, /line 5: file a\.bin appears twice/],
    ['empty name', '|>\n|<\n', /line 1: empty file name/],
    ['data after padding', '|>a.bin\n|VGg=\n|cyBp\n|<a.bin\n', /line 3: base64 data after '=' padding/],
    ['misplaced padding', '|>a.bin\n|V===\n|<a.bin\n', /line 2: misplaced '=' padding/],
    ['incomplete padding', '|>a.bin\n|VA=\n|<a.bin\n', /line 3: incomplete '=' padding/],
    ['stray trailing character', '|>a.bin\n|VGhpc\n|<a.bin\n', /line 3: truncated base64/],
    ['non-zero unused bits', '|>a.bin\n|VGi=\n|<a.bin\n', /line 3: non-zero unused bits/],
  ])('%s', (_label, input, message) => {
    expect(() => extractRfc4134(input)).toThrowError(message);
  });
});
