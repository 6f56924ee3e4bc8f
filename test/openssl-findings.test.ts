/**
 * Where OpenSSL and this project disagree, the disagreement is asserted here, with the reason we
 * believe the RFC is on our side (the README lists the same findings).
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OID } from '../core/oids.ts';
import { runProgram } from '../adapters/run.ts';
import { decode, hex, signedAttributes } from './helpers/asn1.ts';
import { CORPUS, loadManifest, readBytes } from './helpers/corpus.ts';

const manifest = loadManifest();
const epoch = String(Date.parse(manifest.validationTime) / 1000);

describe('OpenSSL -binary and canonical multipart/signed (RFC 2046 5.1.1, RFC 8551 3.1.1)', () => {
  const file = 'samples/smime/multipart-signed/rsa-sha256.eml';
  const text = Buffer.from(readBytes(CORPUS, file)).toString('latin1');
  const boundary = /boundary="([^"]+)"/.exec(text)![1]!;
  const parts = text.split(`\r\n--${boundary}`);
  // The first body part: after the opening delimiter line, up to (not including) the CRLF that
  // precedes the next delimiter, which RFC 2046 5.1.1 makes part of the delimiter.
  const signedPart = parts[1]!.slice(2);

  it('the signature covers exactly the part between the delimiters, CRLF before the boundary excluded', () => {
    const sigB64 = parts[2]!.slice(parts[2]!.indexOf('\r\n\r\n') + 4);
    const { attrs } = signedAttributes(new Uint8Array(Buffer.from(sigB64, 'base64')));
    const md = attrs.get(OID.messageDigest)![0]!.value;
    expect(hex(md)).toBe(createHash('sha256').update(Buffer.from(signedPart, 'latin1')).digest('hex'));
    expect(decode(new Uint8Array(Buffer.from(sigB64, 'base64'))).tag).toBe(16);
  });

  const args = (binary: boolean) => ['cms', '-verify', '-inform', 'SMIME', '-in', join(CORPUS, file), '-CAfile', join(CORPUS, manifest.trustAnchors[0]!),
    '-attime', epoch, '-purpose', 'any', '-out', '/dev/null', ...(binary ? ['-binary'] : [])];

  it('OpenSSL verifies it when it canonicalizes (no -binary)', () => {
    const r = runProgram('openssl', args(false));
    expect(r.kind === 'exit' && r.code).toBe(0);
  });

  it('OpenSSL 3.0 rejects it with -binary: it keeps the CR of the delimiter\'s CRLF in the content', () => {
    const r = runProgram('openssl', args(true));
    expect(r.kind).toBe('exit');
    if (r.kind === 'exit') {
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain('content verify error');
    }
  });
});
