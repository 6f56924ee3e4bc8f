/**
 * Issue 4 acceptance: messages made by OpenSSL (`openssl cms -sign`, several options, the cast's
 * keys) check valid; the same messages with one byte of the signature, the content or a signed
 * attribute changed check invalid, with a finding on the field that broke.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../core/catalog.ts';
import { checkBytes } from '../checkers/engine.ts';
import type { FileResult } from '../checkers/finding.ts';
import { child, decode, signedAttributes } from './helpers/asn1.ts';
import { CORPUS } from './helpers/corpus.ts';

const catalog = loadCatalog();
const dir = mkdtempSync(join(tmpdir(), 'cmsi-ossl-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const key = (id: string) => join(CORPUS, 'keys', `${id}.key.pem`);
const cert = (id: string) => join(CORPUS, 'keys', `${id}.cert.pem`);
const content = Buffer.from('Content-Type: text/plain\r\n\r\nSigned by OpenSSL for cms-interop.\r\n');
writeFileSync(join(dir, 'content.txt'), content);

interface Variant { readonly name: string; readonly signer: string; readonly args: readonly string[]; readonly detached?: boolean }
const VARIANTS: readonly Variant[] = [
  { name: 'rsa-sha256-attached', signer: 'alice-rsa', args: ['-nodetach', '-md', 'sha256'] },
  { name: 'rsa-sha384-detached', signer: 'alice-rsa', args: ['-md', 'sha384'], detached: true },
  { name: 'rsa-sha512-keyid-nosmimecap', signer: 'alice-rsa', args: ['-nodetach', '-md', 'sha512', '-keyid', '-nosmimecap'] },
  { name: 'rsa-noattr', signer: 'alice-rsa', args: ['-nodetach', '-noattr'] },
  { name: 'rsa-pss', signer: 'alice-rsa', args: ['-nodetach', '-keyopt', 'rsa_padding_mode:pss', '-md', 'sha256'] },
  { name: 'ecdsa-p256', signer: 'alice-p256', args: ['-nodetach', '-md', 'sha256'] },
  { name: 'ecdsa-p384-detached', signer: 'alice-p384', args: ['-md', 'sha384'], detached: true },
  { name: 'dsa', signer: 'alice-dsa', args: ['-nodetach', '-md', 'sha256'] },
];

function opensslSign(v: Variant): Uint8Array {
  const out = join(dir, `${v.name}.der`);
  execFileSync('openssl', ['cms', '-sign', '-binary', '-in', join(dir, 'content.txt'), '-signer', cert(v.signer), '-inkey', key(v.signer), '-outform', 'DER', '-out', out, ...v.args], { stdio: 'pipe' });
  return new Uint8Array(readFileSync(out));
}

const check = (v: Variant, bytes: Uint8Array): FileResult =>
  checkBytes(v.name, bytes, { catalog, profile: 'current', certs: [], content: v.detached ? new Uint8Array(content) : null });

function flipAt(bytes: Uint8Array, needle: Uint8Array, delta = 0): Uint8Array {
  const at = Buffer.from(bytes).indexOf(Buffer.from(needle));
  if (at < 0) throw new Error('needle not found');
  const out = Uint8Array.from(bytes);
  out[at + delta] = out[at + delta]! ^ 0x01;
  return out;
}

const failed = (r: FileResult) => r.findings.filter((f) => f.status === 'fail');

describe('messages made by OpenSSL', () => {
  for (const v of VARIANTS) {
    describe(v.name, () => {
      const bytes = opensslSign(v);

      it('check valid', () => {
        const r = check(v, bytes);
        expect(failed(r).map((f) => `${f.rule}: ${f.message}`)).toEqual([]);
        expect(r.verdict).toBe('valid');
        expect(r.findings.some((f) => f.rule === 'cmsi/signature-valid' && f.status === 'pass')).toBe(true);
      });

      it('with one signature byte changed: invalid, finding on the signature', () => {
        const sig = signedAttributesOrSignature(bytes);
        const r = check(v, flipAt(bytes, sig, sig.length - 1));
        expect(r.verdict).toBe('invalid');
        expect(failed(r).some((f) => f.rule === 'cmsi/signature-valid' && f.path.endsWith('.signature'))).toBe(true);
      });

      it('with one content byte changed: invalid, finding on the digest or signature of the content', () => {
        const r = v.detached
          ? checkBytes(v.name, bytes, { catalog, profile: 'current', certs: [], content: flipAt(new Uint8Array(content), Buffer.from('OpenSSL')) })
          : check(v, flipAt(bytes, Buffer.from('OpenSSL')));
        expect(r.verdict).toBe('invalid');
        const f = failed(r);
        expect(f.some((x) => x.rule === 'rfc5652/5.6/message-digest-attribute-matches' || (v.args.includes('-noattr') && x.rule === 'cmsi/signature-valid'))).toBe(true);
      });

      if (!v.args.includes('-noattr')) {
        it('with one byte of a signed attribute changed: invalid, the signature over the attributes fails', () => {
          const { raw } = signedAttributes(bytes);
          // The content-type attribute's OID value (…07 01 = id-data) becomes another id-pkcs7 arc.
          const r = check(v, flipAt(bytes, raw, raw.length - 1));
          expect(r.verdict).toBe('invalid');
          expect(failed(r).some((x) => x.path.includes('signerInfos[0]'))).toBe(true);
        });
      }
    });
  }
});

/** The first SignerInfo's signature value, read with asn1js (works with or without signed attributes). */
function signedAttributesOrSignature(bytes: Uint8Array): Uint8Array {
  const sd = child(child(decode(bytes), 1), 0);
  const si = child(sd.children[sd.children.length - 1]!, 0);
  const sig = si.children.find((c) => c.cls === 1 && c.tag === 4);
  if (!sig) throw new Error('no signature');
  return sig.value;
}
