/**
 * The NSS adapter driven for real (cmsutil, certutil, pk12util): corpus samples accepted with the
 * exact content, tampered copies rejected, the signer status read from the header lines (cmsutil
 * -h exits 0 even for a bad signature), the limits it reports as unsupported, and the messages it
 * produces accepted by `openssl cms`.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ProduceFeature } from '../adapters/adapter.ts';
import { runProgram } from '../adapters/run.ts';
import { nssAdapter as nss, parseHeader } from '../adapters/stacks/nss.ts';
import { checkBytes } from '../checkers/engine.ts';
import { loadCatalog } from '../core/catalog.ts';
import { CORPUS, readBytes } from './helpers/corpus.ts';
import { adapterDriver, flipLast } from './helpers/adapter-driver.ts';
import { expectPqUnsupported, UNKNOWN_OID_CONTROL, unknownSignatureOid } from './helpers/pq-unsupported.ts';

const { sample, consume, expectAccepted } = adapterDriver(nss);

/** In a DER EnvelopedData whose ciphertext ends the message, a change to the last octet of the
 * next-to-last CBC block lands on the padding length octet of the plaintext. XOR 0x10 turns any
 * length 1..16 into 0 or more than 16: a certain padding failure. */
const padLength = (x: number) => (b: Uint8Array) => { b[b.length - 17]! ^= x; };

afterAll(() => nss.close());

describe('NSS adapter', () => {
  it('probes the installed NSS', async () => {
    const p = await nss.probe();
    expect(p.installed && p.version).toMatch(/^NSS 3\.\d+/);
  });

  it('accepts signed samples with the exact content (attached, detached, ECDSA, S/MIME without certificates)', async () => {
    for (const id of ['signed-data/rsa-sha256/attached', 'signed-data/rsa-sha256/detached', 'signed-data/ecdsa-p256-sha256/attached',
      'smime/multipart-signed/rsa-sha256', 'rfc4134/4.2-signed-rsa']) await expectAccepted(id);
  });

  it('accepts enveloped samples with the exact content (RSA key transport, S/MIME, triple-wrapped)', async () => {
    for (const id of ['enveloped-data/rsa-pkcs1/aes-128-cbc', 'enveloped-data/rsa-pkcs1/3des-cbc', 'smime/pkcs7-mime/enveloped-data', 'ess/triple-wrapped']) await expectAccepted(id);
  });

  it('rejects a signed message with a flipped signature octet, read from the status line', async () => {
    const v = await consume('signed-data/rsa-sha256/attached', flipLast);
    expect(v.verdict).toBe('reject');
    expect(v.verdict === 'reject' && v.error).toMatch(/signer0 .*status=BadSignature/);
  });

  it('rejects an enveloped message with a flipped ciphertext octet', async () => {
    const v = await consume('enveloped-data/rsa-pkcs1/aes-128-cbc', padLength(0x10));
    expect(v.verdict).toBe('reject');
    expect(v.verdict === 'reject' && v.error).toMatch(/SEC_ERROR_BAD_DATA/);
  });

  it('checks only the padding length octet of CBC padding, not the padding octets (RFC 5652 6.3)', async () => {
    // 12 octets of padding 0x0c become "13 octets of 0x0d" in name only: NSS strips 13 octets,
    // one of them content, and accepts. (The block before is garbled, as CBC allows.)
    const v = await consume('enveloped-data/rsa-pkcs1/aes-128-cbc', padLength(0x01));
    expect(v.verdict).toBe('accept');
    const content = readBytes(CORPUS, sample('enveloped-data/rsa-pkcs1/aes-128-cbc').inputs.content as string);
    expect(v.verdict === 'accept' && v.content?.length).toBe(content.length - 1);
  });

  it('accepts a DigestedData whose digest is wrong: NSS never compares it', async () => {
    // NSS_CMSDigestedData_Decode_AfterEnd computes the digest and leaves the comparison as a TODO.
    // The digest OCTET STRING ends the DER sample.
    await expectAccepted('digested-data/sha256');
    const v = await consume('digested-data/sha256', flipLast);
    expect(v.verdict).toBe('accept');
  });

  it('splits the -h header from content that starts like a header line', () => {
    const content = Buffer.from('\tlevel=1.1; looks like a header\r\n');
    const out = Buffer.concat([Buffer.from('SMIME: \tlevel=1.2; type=signedData; nsigners=1; \n\t\tsigner0.id="Alice"; signer0.status=GoodSignature; \n\tlevel=1.1; type=data; \n'), content]);
    const h = parseHeader(out);
    expect(h?.types).toEqual(['signedData', 'data']);
    expect(h?.signers).toEqual([{ n: 0, id: 'Alice', status: 'GoodSignature' }]);
    expect(out.subarray(h?.end).equals(content)).toBe(true);
  });

  it('says why it cannot consume what NSS 3.87 lacks', () => {
    for (const [id, reason] of [['signed-data/ed25519/attached', /EdDSA/], ['enveloped-data/rsa-oaep-sha256/aes-256-cbc', /OAEP/],
      ['enveloped-data/ecdh-p256/aes-128-cbc', /KeyAgreeRecipientInfo.*EXPLICIT/], ['enveloped-data/kek-aes/aes-128-cbc', /KEKRecipientInfo/],
      ['enveloped-data/pwri/aes-128-cbc', /PasswordRecipientInfo/], ['auth-enveloped-data/aes-128-gcm', /AuthEnvelopedData/],
      ['encrypted-data/aes-128-cbc', /raw key/], ['compressed-data/zlib', /CompressedData/], ['ess/receipt/signed-receipt', /receipt/]] as const) {
      const support = nss.consumes(sample(id));
      expect(support.supported, id).toBe(false);
      expect(!support.supported && support.reason, id).toMatch(reason);
    }
  });

  it('fails a message with a KEKRecipientInfo even when a key-transport recipient is ours (RFC 5652 6.2)', async () => {
    const v = await consume('enveloped-data/mixed-recipients/aes-256-cbc');
    expect(v.verdict).toBe('reject');
    expect(v.verdict === 'reject' && v.error).toMatch(/SEC_ERROR_BAD_DER/);
  });

  it('produces signed and enveloped messages that openssl cms accepts', async () => {
    const content = new TextEncoder().encode('Content-Type: text/plain\r\n\r\nProduced by NSS for the adapter test.\r\n');
    const keys = join(CORPUS, 'keys');
    const catalog = loadCatalog();
    expect(nss.produces).toEqual(['signed-data/attached', 'signed-data/detached', 'signed-data/ecdsa', 'enveloped-data/ktri']);
    for (const feature of nss.produces) {
      const work = mkdtempSync(join(tmpdir(), 'cmsi-nss-test-'));
      try {
        const r = await nss.produce({ feature, content, keysDir: keys, signer: 'alice-rsa', recipient: 'bob-rsa', kek: { keyId: new Uint8Array(8), key: new Uint8Array(16) }, password: 'unused', workDir: work });
        expect(r.ok ? 'produced' : r.reason, feature).toBe('produced');
        if (!r.ok) continue;
        writeFileSync(join(work, 'm.der'), r.bytes);
        writeFileSync(join(work, 'content.txt'), content);
        const out = join(work, 'out.bin');
        const p = runProgram('openssl', opensslArgs(feature, join(work, 'm.der'), join(work, 'content.txt'), out, keys));
        expect(p.kind === 'exit' && p.code === 0 ? 'ok' : p, feature).toBe('ok');
        if (feature !== 'signed-data/detached') expect(Buffer.from(readFileSync(out)).equals(Buffer.from(content)), feature).toBe(true);
        // Our checker's one objection: NSS writes SHA-256 AlgorithmIdentifiers with NULL
        // parameters, where RFC 5754 2 says to generate them absent (receivers accept both).
        const signer = feature === 'signed-data/ecdsa' ? 'alice-p256' : 'alice-rsa';
        const res = checkBytes(feature, r.bytes, { catalog, profile: 'current', certs: [pemToDer(join(keys, `${signer}.cert.pem`))], content: feature === 'signed-data/detached' ? content : null });
        const failed = new Set(res.findings.filter((f) => f.status === 'fail').map((f) => f.rule));
        expect([...failed].filter((rule) => rule !== 'rfc5754/2/sha2-generate-absent-params'), feature).toEqual([]);
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    }
  });
});

function pemToDer(file: string): Uint8Array {
  return new Uint8Array(Buffer.from(readFileSync(file, 'utf8').replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64'));
}

function opensslArgs(feature: ProduceFeature, msg: string, content: string, out: string, keys: string): string[] {
  const io = ['-inform', 'DER', '-in', msg, '-binary', '-out', out];
  if (feature === 'enveloped-data/ktri') return ['cms', '-decrypt', ...io, '-recip', join(keys, 'bob-rsa.cert.pem'), '-inkey', join(keys, 'bob-rsa.key.pem')];
  const detached = feature === 'signed-data/detached' ? ['-content', content] : [];
  return ['cms', '-verify', ...io, ...detached, '-CAfile', join(keys, 'carl-rsa.cert.pem'), '-purpose', 'any'];
}

describe('NSS 3.87 cmsutil on the post-quantum samples', () => {
  it('says unsupported, from its own failure words and the OID in the message, not a rejection', async () => {
    await expectPqUnsupported((id) => consume(id), /status=ProcessingError/);
  });

  it('still rejects when the same kind of failure is on an unknown OID that is not post-quantum', async () => {
    const v = await consume(UNKNOWN_OID_CONTROL, unknownSignatureOid);
    expect(v.verdict).toBe('reject');
    expect(v.verdict === 'reject' ? v.error : '').toMatch(/status=SignatureAlgorithmUnknown/);
  });
});
