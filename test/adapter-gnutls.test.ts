/**
 * The GnuTLS adapter driven for real (certtool): signed corpus samples accepted with the exact
 * content, tampered copies rejected, the status lines read where certtool's exit code lies (it
 * reflects only the last SignerInfo), the limits it reports as unsupported, and the messages it
 * produces accepted by `openssl cms` and by our checker. certtool does no EnvelopedData at all.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runProgram } from '../adapters/run.ts';
import { gnutlsAdapter as gnutls } from '../adapters/stacks/gnutls.ts';
import { checkBytes } from '../checkers/engine.ts';
import { loadCatalog } from '../core/catalog.ts';
import { readDer, type DerNode } from '../core/der/reader.ts';
import { CORPUS, readBytes } from './helpers/corpus.ts';
import { adapterDriver } from './helpers/adapter-driver.ts';
import { expectPqUnsupported, UNKNOWN_OID_CONTROL, unknownSignatureOid } from './helpers/pq-unsupported.ts';

const { manifest, sample, consume, expectAccepted } = adapterDriver(gnutls);

/** Flips the last octet of the n-th SignerInfo's signature value (DER SignedData). */
const flipSignature = (n: number) => (b: Uint8Array) => {
  const root = readDer(b).root as DerNode;
  const signedData = root.children[1]?.children[0] as DerNode;
  const signerInfo = signedData.children[signedData.children.length - 1]?.children[n] as DerNode;
  const signature = signerInfo.children.filter((c) => c.cls === 'universal' && c.tag === 4).at(-1) as DerNode;
  b[signature.end - 1]! ^= 0x01;
};

afterAll(() => gnutls.close());

describe('GnuTLS adapter', () => {
  it('probes the installed GnuTLS', async () => {
    const p = await gnutls.probe();
    expect(p.installed && p.version).toMatch(/^GnuTLS 3\.\d+\.\d+/);
  });

  it('accepts signed samples with the exact content (attached, detached, ECDSA, Ed25519, BER, S/MIME)', async () => {
    for (const id of ['signed-data/rsa-sha256/attached', 'signed-data/rsa-sha256/detached', 'signed-data/ecdsa-p256-sha256/attached',
      'signed-data/ed25519/attached', 'signed-data/rsa-sha256/ber-indefinite', 'signed-data/multiple-signers',
      'smime/multipart-signed/rsa-sha256', 'smime/pkcs7-mime/signed-data']) await expectAccepted(id);
  });

  it('reads a certs-only message', async () => {
    const v = await consume('signed-data/certs-only');
    expect(v).toEqual({ verdict: 'accept', content: null });
  });

  it('rejects a signed message with a flipped signature octet', async () => {
    const v = await consume('signed-data/rsa-sha256/attached', flipSignature(0));
    expect(v.verdict).toBe('reject');
    expect(v.verdict === 'reject' && v.error).toMatch(/signer 0: Public key signature verification has failed/);
  });

  it('rejects a bad first signature that certtool\'s exit code hides', async () => {
    const s = sample('signed-data/multiple-signers');
    const bytes = readBytes(CORPUS, s.file).slice();
    flipSignature(0)(bytes);
    // certtool itself exits 0: only the last SignerInfo sets the exit code.
    const dir = mkdtempSync(join(tmpdir(), 'cmsi-gnutls-test-'));
    try {
      writeFileSync(join(dir, 'm.der'), bytes);
      const raw = runProgram('certtool', ['--p7-verify', '--inder', '--infile', join(dir, 'm.der'), '--load-ca-certificate', join(CORPUS, 'keys/carl-rsa.cert.pem')]);
      expect(raw.kind === 'exit' && raw.code).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const v = await gnutls.consume({ manifest, dir: CORPUS, sample: s, bytes });
    expect(v.verdict).toBe('reject');
    expect(v.verdict === 'reject' && v.error).toMatch(/^signer 0: /);
  });

  it('rejects an RFC 4134 sample under its default policy and says why (SHA-1 certificate signatures)', async () => {
    const v = await consume('rfc4134/4.2-signed-rsa');
    expect(v.verdict).toBe('reject');
    expect(v.verdict === 'reject' && v.error).toMatch(/with --verify-allow-broken.*signer 0: ok/);
  });

  it('says why it cannot consume anything but SignedData, and Ed448', () => {
    for (const [id, reason] of [['enveloped-data/rsa-pkcs1/aes-128-cbc', /cannot decrypt/], ['digested-data/sha256', /SignedData only/],
      ['ess/triple-wrapped', /cannot decrypt/], ['signed-data/ed448/attached', /shake256/], ['ess/receipt/signed-receipt', /receipt/]] as const) {
      const support = gnutls.consumes(sample(id));
      expect(support.supported, id).toBe(false);
      expect(!support.supported && support.reason, id).toMatch(reason);
    }
  });

  it('produces signed messages that openssl cms and our checker accept', async () => {
    const content = new TextEncoder().encode('Content-Type: text/plain\r\n\r\nProduced by GnuTLS for the adapter test.\r\n');
    const keys = join(CORPUS, 'keys');
    const catalog = loadCatalog();
    expect(gnutls.produces).toEqual(['signed-data/attached', 'signed-data/detached', 'signed-data/ecdsa']);
    for (const feature of gnutls.produces) {
      const work = mkdtempSync(join(tmpdir(), 'cmsi-gnutls-test-'));
      try {
        const r = await gnutls.produce({ feature, content, keysDir: keys, signer: 'alice-rsa', recipient: 'bob-rsa', kek: { keyId: new Uint8Array(8), key: new Uint8Array(16) }, password: 'unused', workDir: work });
        expect(r.ok ? 'produced' : r.reason, feature).toBe('produced');
        if (!r.ok) continue;
        const detached = feature === 'signed-data/detached';
        writeFileSync(join(work, 'm.der'), r.bytes);
        writeFileSync(join(work, 'content.txt'), content);
        const out = join(work, 'out.bin');
        const p = runProgram('openssl', ['cms', '-verify', '-inform', 'DER', '-in', join(work, 'm.der'), '-binary', '-out', out,
          ...(detached ? ['-content', join(work, 'content.txt')] : []), '-CAfile', join(keys, 'carl-rsa.cert.pem'), '-purpose', 'any']);
        expect(p.kind === 'exit' && p.code === 0 ? 'ok' : p, feature).toBe('ok');
        if (!detached) expect(Buffer.from(readFileSync(out)).equals(Buffer.from(content)), feature).toBe(true);
        const signer = feature === 'signed-data/ecdsa' ? 'alice-p256' : 'alice-rsa';
        const res = checkBytes(feature, r.bytes, { catalog, profile: 'current', certs: [pemToDer(join(keys, `${signer}.cert.pem`))], content: detached ? content : null });
        expect(res.findings.filter((f) => f.status === 'fail').map((f) => f.rule), feature).toEqual([]);
        expect(res.verdict, feature).toBe('valid');
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    }
  });
});

function pemToDer(file: string): Uint8Array {
  return new Uint8Array(Buffer.from(readFileSync(file, 'utf8').replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64'));
}

describe('GnuTLS 3.7 certtool on the post-quantum samples', () => {
  it('says unsupported, from its own failure words and the OID in the message, not a rejection', async () => {
    await expectPqUnsupported((id) => consume(id), /Unknown SIGN OID: '2\.16\.840\.1\.101\.3\.4\.3\.(17|18|19|21)'/);
  });

  it('still rejects when the same kind of failure is on an unknown OID that is not post-quantum', async () => {
    const v = await consume(UNKNOWN_OID_CONTROL, unknownSignatureOid);
    expect(v.verdict).toBe('reject');
    expect(v.verdict === 'reject' ? v.error : '').toMatch(/certtool found no SignerInfo to verify/);
  });
});
