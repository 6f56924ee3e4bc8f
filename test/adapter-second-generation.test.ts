/**
 * The second generation of OpenSSL and Bouncy Castle (the Debian unstable root of
 * scripts/setup-sid-root.sh, which the suite's set-up builds) driven for real on the post-quantum
 * samples: which ones each verifies or decrypts with the exact content, the one limit found
 * (OpenSSL 3.6 and pure ML-DSA/SLH-DSA without signed attributes, asserted still failing so a
 * fix shows up), the older generation declaring them unsupported, the new stacks as producers
 * judged by the other stack and the checker, and the checker failing tampered copies.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { opensslAdapter } from '../adapters/stacks/openssl.ts';
import { bouncycastleAdapter } from '../adapters/stacks/bouncycastle.ts';
import { createSidOpensslAdapter } from '../adapters/stacks/openssl-sid.ts';
import { createSidBouncyCastleAdapter } from '../adapters/stacks/bouncycastle-sid.ts';
import { sidRootReady } from '../adapters/sid-root.ts';
import { checkBytes } from '../checkers/engine.ts';
import { loadCatalog } from '../core/catalog.ts';
import { adapterDriver, flipLast } from './helpers/adapter-driver.ts';
import { CORPUS, loadManifest, readBytes } from './helpers/corpus.ts';
import { acceptsWith, failedRules, PRODUCED_CONTENT, produceAndJudge, verdictText } from './helpers/produced-check.ts';

const ossl = createSidOpensslAdapter();
const bc = createSidBouncyCastleAdapter();
afterAll(async () => { await bc.close(); });

const PQ = loadManifest().samples.filter((s) => s.features.includes('post-quantum') && s.expected === 'valid').map((s) => s.id);
const PQ_INVALID = loadManifest().samples.filter((s) => s.id.startsWith('invalid/post-quantum/')).map((s) => s.id);
const NO_ATTRS = PQ.filter((id) => id.endsWith('/no-signed-attrs'));

describe('second generation of the stacks (Debian unstable root)', () => {
  it('is built by the set-up script and names itself from the stacks, in the lineages of the first', async () => {
    expect(sidRootReady()).toBe(true);
    expect(ossl.name).toMatch(/^openssl@3\.\d+$/);
    expect(bc.name).toMatch(/^bouncycastle@1\.\d+$/);
    expect([ossl.lineage, bc.lineage]).toEqual([opensslAdapter.lineage, bouncycastleAdapter.lineage]);
    const [po, pb] = [await ossl.probe(), await bc.probe()];
    expect(po.installed && po.version).toMatch(/^OpenSSL 3\.([6-9]|\d\d)\./);
    expect(pb.installed && pb.version).toMatch(/^BouncyCastle Security Provider v1\.(8[6-9]|9\d)/);
  }, 120_000);

  it('the set-up script finds the root and does nothing (idempotent), quietly', () => {
    const r = spawnSync('bash', ['scripts/setup-sid-root.sh'], { encoding: 'utf8', env: { ...process.env, CMSI_SKIP_SETUP: '' } });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout + r.stderr).toBe('');
  });

  it('has the 14 post-quantum samples to drive', () => {
    expect(PQ.length).toBe(14);
    expect(NO_ATTRS.length).toBe(4);
  });

  it('Bouncy Castle 1.86 verifies every ML-DSA/SLH-DSA sample and decrypts every ML-KEM sample with the exact content', async () => {
    const d = adapterDriver(bc);
    for (const id of PQ) {
      const v = await d.consume(id);
      expect(acceptsWith(v, d.expected(id)), `${id}: ${verdictText(v)}`).toBe(true);
    }
  }, 120_000);

  it('OpenSSL 3.6 verifies the signed-attribute samples and decrypts every ML-KEM sample with the exact content', async () => {
    const d = adapterDriver(ossl);
    for (const id of PQ.filter((x) => !NO_ATTRS.includes(x))) {
      const v = await d.consume(id);
      expect(acceptsWith(v, d.expected(id)), `${id}: ${verdictText(v)}`).toBe(true);
    }
  }, 120_000);

  it('OpenSSL 3.6 still cannot verify pure ML-DSA/SLH-DSA without signed attributes (declared unsupported, and still failing)', async () => {
    const d = adapterDriver(ossl, { requireSupported: false });
    for (const id of NO_ATTRS) {
      expect(ossl.consumes(d.sample(id)).supported, id).toBe(false);
      const v = await d.consume(id);
      expect(v.verdict, `${id}: ${verdictText(v)}`).toBe('reject');
    }
  }, 60_000);

  it('rejects a tampered ML-DSA signature, as does the checker', async () => {
    for (const a of [ossl, bc]) {
      const d = adapterDriver(a);
      const v = await d.consume('signed-data/ml-dsa-65/attached', flipLast);
      expect(v.verdict, `${a.name}: ${verdictText(v)}`).toBe('reject');
    }
    const s = loadManifest().samples.find((x) => x.id === 'signed-data/ml-dsa-65/attached')!;
    const bytes = readBytes(CORPUS, s.file).slice();
    flipLast(bytes);
    const r = checkBytes(s.file, bytes, { catalog: loadCatalog(), profile: 'current', certs: [], content: null, keys: [] });
    expect(failedRules(r)).toContain('cmsi/signature-valid');
  }, 60_000);

  it('rejects the invalid post-quantum samples, except the divergences found (asserted, so a fix shows up)', async () => {
    // Found: both accept ML-DSA with NULL parameters (RFC 9882 3.3: absent); OpenSSL 3.6 also a
    // KEMRecipientInfo of version 1 (RFC 9629 3: 0). The SHA-256 digest with ML-DSA-87 is a SHOULD (acceptable).
    const accepts: Record<string, readonly string[]> = {
      [ossl.name]: ['invalid/post-quantum/kemri-version-1', 'invalid/post-quantum/ml-dsa-params-present', 'invalid/post-quantum/ml-dsa-87-digest-sha256'],
      [bc.name]: ['invalid/post-quantum/ml-dsa-params-present', 'invalid/post-quantum/ml-dsa-87-digest-sha256'],
    };
    expect(PQ_INVALID.length).toBe(6);
    for (const a of [ossl, bc]) {
      const d = adapterDriver(a, { requireSupported: false });
      for (const id of PQ_INVALID) {
        const v = await d.consume(id);
        expect(v.verdict, `${a.name} ${id}: ${verdictText(v)}`).toBe(accepts[a.name]!.includes(id) ? 'accept' : 'reject');
      }
    }
  }, 60_000);

  it('rejects a KEMRecipientInfo whose kemct is one octet short, as does the checker', async () => {
    const s = loadManifest().samples.find((x) => x.id === 'enveloped-data/ml-kem-768/aes-256-cbc')!;
    const bytes = readBytes(CORPUS, s.file);
    // kemct is the one 1088-octet OCTET STRING (04 82 04 40): drop its last octet and fix the lengths around it.
    const at = Buffer.from(bytes).indexOf(Buffer.from('04820440', 'hex'));
    expect(at).toBeGreaterThan(0);
    const cut = shorten(bytes, at);
    for (const a of [ossl, bc]) {
      const v = await a.consume({ manifest: loadManifest(), dir: CORPUS, sample: s, bytes: cut });
      expect(v.verdict, `${a.name}: ${verdictText(v)}`).toBe('reject');
    }
    const key = readBytes(CORPUS, s.inputs.recipient!.key);
    const cert = readBytes(CORPUS, s.inputs.recipient!.cert);
    const r = checkBytes(s.file, cut, { catalog: loadCatalog(), profile: 'current', certs: [], content: null, keys: [{ key, cert }] });
    expect(failedRules(r)).toContain('cmsi/decryption');
  }, 60_000);

  it('the first generation declares the post-quantum samples unsupported', () => {
    const m = loadManifest();
    for (const id of PQ) {
      const s = m.samples.find((x) => x.id === id)!;
      expect(opensslAdapter.consumes(s).supported, id).toBe(false);
      expect(bouncycastleAdapter.consumes(s).supported, id).toBe(false);
    }
  });

  it('as producers: ML-DSA SignedData from either verifies everywhere; KEMRecipientInfo from OpenSSL opens everywhere', async () => {
    for (const a of [ossl, bc]) {
      const p = await produceAndJudge(a, 'signed-data/ml-dsa');
      expect(acceptsWith(p.self, PRODUCED_CONTENT), `${a.name} self: ${verdictText(p.self)}`).toBe(true);
      expect(p.checker.verdict, `${a.name}: ${failedRules(p.checker).join(', ')}`).toBe('valid');
      const other = a === ossl ? bc : ossl;
      expect(acceptsWith(await other.consume({ manifest: { ...loadManifest(), samples: [p.sample] }, dir: CORPUS, sample: { ...p.sample, inputs: { signerCerts: ['keys/pq/alice-ml-dsa-65.cert.pem'] } }, bytes: p.bytes }), PRODUCED_CONTENT)).toBe(true);
    }
    const k = await produceAndJudge(ossl, 'enveloped-data/kemri');
    expect(acceptsWith(k.self, PRODUCED_CONTENT), verdictText(k.self)).toBe(true);
    expect(k.checker.verdict, failedRules(k.checker).join(', ')).toBe('valid');
  }, 120_000);

  it('Bouncy Castle 1.86 derives the KEK with X9.44 KDF3 by default: the checker opens it, OpenSSL 3.6 does not (unsupported kdf algorithm)', async () => {
    const k = await produceAndJudge(bc, 'enveloped-data/kemri');
    expect(acceptsWith(k.self, PRODUCED_CONTENT), verdictText(k.self)).toBe(true);
    expect(k.checker.verdict, failedRules(k.checker).join(', ')).toBe('valid');
    expect(Buffer.from(k.bytes).includes(Buffer.from('060a2b8105108648092c0102', 'hex'))).toBe(true); // OID 1.3.133.16.840.9.44.1.2
    const v = await ossl.consume({ manifest: { ...loadManifest(), samples: [k.sample] }, dir: CORPUS, sample: { ...k.sample, inputs: { recipient: { id: 'bob-ml-kem-768', cert: 'keys/pq/bob-ml-kem-768.cert.pem', key: 'keys/pq/bob-ml-kem-768.key.pem' } } }, bytes: k.bytes });
    expect(v.verdict === 'reject' && v.error).toMatch(/unsupported kdf algorithm/);
  }, 120_000);
});

/**
 * The message with the octet before `kemctAt + 4 + 1088` removed: every enclosing definite length
 * (ContentInfo, [0], EnvelopedData, SET OF RecipientInfos, [4], KEMRecipientInfo) is long-form
 * 0x82 here, so each is decremented in place; kemct itself becomes 04 82 04 3f.
 */
function shorten(der: Uint8Array, kemctAt: number): Uint8Array {
  const out = Buffer.from(der);
  const end = kemctAt + 4 + 1088;
  // Walk from the root: for every TLV that contains [kemctAt, end), decrement its 2-octet length.
  const walk = (start: number, stop: number): void => {
    let p = start;
    while (p < stop) {
      const tag = out[p]!;
      const lb = out[p + 1]!;
      const hl = lb < 0x80 ? 2 : 2 + (lb & 0x7f);
      const len = lb < 0x80 ? lb : out.readUIntBE(p + 2, lb & 0x7f);
      if (p <= kemctAt && kemctAt < p + hl + len) {
        if (lb !== 0x82) throw new Error(`unexpected length form at ${p}`);
        out.writeUInt16BE(len - 1, p + 2);
        if (p !== kemctAt && (tag & 0x20)) walk(p + hl, p + hl + len);
        break;
      }
      p += hl + len;
    }
  };
  walk(0, out.length);
  return new Uint8Array(Buffer.concat([out.subarray(0, end - 1), out.subarray(end)]));
}
