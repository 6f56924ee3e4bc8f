/**
 * The second generation of NSS, GnuTLS and gpgsm (the Debian unstable root of
 * scripts/setup-sid-root.sh) driven for real: names from the stacks' versions, the lineages of
 * the host's, valid samples accepted with the exact content, a tampered one rejected, and a
 * produced message verified by the checker.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { makeNssAdapter, nssAdapter } from '../adapters/stacks/nss.ts';
import { gnutlsAdapter } from '../adapters/stacks/gnutls.ts';
import { gpgsmAdapter } from '../adapters/stacks/gpgsm.ts';
import { createSidNssAdapter, sidNssVersion } from '../adapters/stacks/nss-sid.ts';
import { createSidGnutlsAdapter } from '../adapters/stacks/gnutls-sid.ts';
import { createSidGpgsmAdapter } from '../adapters/stacks/gpgsm-sid.ts';
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { runInSidRoot, SID_ROOT, sidRootReady } from '../adapters/sid-root.ts';
import { SID_GPGSM } from '../adapters/stacks/gpgsm-sid.ts';
import { GpgsmHome } from '../adapters/stacks/gpgsm-home.ts';
import { adapterDriver, flipLast } from './helpers/adapter-driver.ts';
import { acceptsWith, failedRules, PRODUCED_CONTENT, produceAndJudge, verdictText } from './helpers/produced-check.ts';

const nss = createSidNssAdapter();
/** The same NSS with no declared limit, to feed it what the adapter declares unsupported. */
const nssUnlimited = makeNssAdapter({ name: nss.name, run: runInSidRoot, version: sidNssVersion, missing: 'the unstable root is not built', unsupported: () => null });
const gnutls = createSidGnutlsAdapter();
const gpgsm = createSidGpgsmAdapter();
afterAll(async () => { for (const a of [nss, nssUnlimited, gnutls, gpgsm]) await a.close(); });

const SIGNED = ['signed-data/rsa-sha256/attached', 'signed-data/rsa-sha256/detached', 'signed-data/ecdsa-p256-sha256/attached'];

describe('second generation of NSS, GnuTLS and gpgsm (Debian unstable root)', () => {
  it('name themselves from the stacks\' versions, in the lineages of the first generation', async () => {
    expect(sidRootReady()).toBe(true);
    expect(nss.name).toMatch(/^nss@3\.(1[1-9]\d|[2-9]\d\d)$/);
    expect(gnutls.name).toMatch(/^gnutls@3\.([8-9]|\d\d)$/);
    expect(gpgsm.name).toMatch(/^gpgsm@2\.([4-9]|\d\d)$/);
    expect([nss.lineage, gnutls.lineage, gpgsm.lineage]).toEqual([nssAdapter.lineage, gnutlsAdapter.lineage, gpgsmAdapter.lineage]);
    const [pn, pg, pp] = [await nss.probe(), await gnutls.probe(), await gpgsm.probe()];
    expect(pn.installed && pn.version).toMatch(/^NSS 3\.\d{3}/);
    expect(pg.installed && pg.version).toMatch(/^GnuTLS 3\.([8-9]|\d\d)\./);
    expect(pp.installed && pp.version).toMatch(/^gpgsm 2\.([4-9]|\d\d)\.\d+ \(libksba 1\.\d+/);
  }, 60_000);

  it('NSS verifies signed and decrypts enveloped samples with the exact content, and rejects a tampered signature', async () => {
    const d = adapterDriver(nss);
    for (const id of [...SIGNED, 'enveloped-data/rsa-pkcs1/aes-128-cbc', 'ess/triple-wrapped']) await d.expectAccepted(id);
    const v = await d.consume('signed-data/rsa-sha256/attached', flipLast);
    expect(v.verdict, verdictText(v)).toBe('reject');
  }, 120_000);

  it('NSS 3.132 decrypts what 3.87 cannot (RSAES-OAEP, ECDH KeyAgreeRecipientInfo) with the exact content; the host\'s NSS still declares them unsupported', async () => {
    const d = adapterDriver(nss);
    const ids = ['enveloped-data/rsa-oaep-sha1/aes-128-cbc', 'enveloped-data/rsa-oaep-sha256/aes-256-cbc', 'enveloped-data/ecdh-p256/aes-128-cbc', 'enveloped-data/ecdh-p384/aes-256-cbc'];
    for (const id of ids) {
      await d.expectAccepted(id);
      expect(nssAdapter.consumes(d.sample(id)).supported, id).toBe(false);
    }
    expect(nss.consumes(d.sample('enveloped-data/x25519/aes-128-cbc'))).toMatchObject({ supported: false, reason: expect.stringMatching(/X25519/) });
  }, 120_000);

  it('NSS 3.132 has no SLH-DSA: the certificate import fails on the key, which is unsupported, not a rejection; an unknown key that is not post-quantum stays a rejection', async () => {
    const d = adapterDriver(nss, { requireSupported: false });
    for (const id of ['signed-data/slh-dsa-sha2-128f/attached', 'signed-data/slh-dsa-sha2-128f/no-signed-attrs']) {
      const v = await d.consume(id);
      expect(v.verdict === 'unsupported' ? v.reason : verdictText(v), id).toMatch(/has no SLH-DSA-SHA2-128f .*SEC_ERROR_UNSUPPORTED_KEYALG/);
    }
    // pkijs's EnvelopedData (version 2 for a plain ktri) fails with the same code and no PQ OID.
    const v = await d.consume('enveloped-data/rsa-pkcs1/aes-128-cbc', (b) => {
      const rsa = Buffer.from('06092a864886f70d0101010500', 'hex');
      const at = Buffer.from(b).indexOf(rsa);
      if (at < 0) throw new Error('no rsaEncryption keyEncryptionAlgorithm');
      b[at + 10] = 0x7f;
    });
    expect(v.verdict, verdictText(v)).toBe('reject');
  }, 120_000);

  it('NSS 3.132 has no ML-DSA in CMS: declared unsupported, and still BadSignature on valid samples with and without signed attributes (asserted so a fix shows up)', async () => {
    const d = adapterDriver(nss, { requireSupported: false });
    const valid = ['signed-data/ml-dsa-44/attached', 'signed-data/ml-dsa-44/detached', 'signed-data/ml-dsa-44/no-signed-attrs', 'signed-data/ml-dsa-65/attached', 'signed-data/ml-dsa-65/no-signed-attrs', 'signed-data/ml-dsa-87/attached', 'signed-data/ml-dsa-87/no-signed-attrs'];
    for (const id of [...valid, 'invalid/post-quantum/ml-dsa-signature-over-content']) {
      expect(nss.consumes(d.sample(id)), id).toMatchObject({ supported: false, reason: expect.stringMatching(/no ML-DSA in CMS/) });
    }
    // Fed anyway: the key is known (BadSignature, not 3.87's ProcessingError) and a valid sample
    // of each kind, with and without signed attributes, still gets the status a forged one gets.
    const fed = adapterDriver(nssUnlimited);
    for (const id of ['signed-data/ml-dsa-44/attached', 'signed-data/ml-dsa-87/no-signed-attrs']) {
      const v = await fed.consume(id);
      expect(verdictText(v), id).toMatch(/^reject: signer0 .*status=BadSignature$/);
    }
    // The limit is ML-DSA's alone: the same adapter still verifies RSA and ECDSA samples.
    expect(nss.consumes(d.sample('signed-data/rsa-sha256/attached'))).toEqual({ supported: true });
  }, 120_000);

  it('NSS 3.132 accepts invalid samples that 3.87 could not decode or rejected (divergences found, asserted so a fix shows up)', async () => {
    // RFC 4056 2.2 (PSS parameters required; NSS 3.87 rejected it as BadSignature), RFC 3560 3
    // (SHA-1 OAEP defaults omitted), RFC 8551 2.3 (the key wrap matches the content key size),
    // RFC 5652 6.2.2 (kari version 3).
    const d = adapterDriver(nss, { requireSupported: false });
    for (const id of ['invalid/catalog/pss-params-absent', 'invalid/catalog/oaep-explicit-default-hash', 'invalid/catalog/ecdh-aes128-wrap-for-aes256', 'invalid/enveloped/kari-v2']) {
      const v = await d.consume(id);
      expect(v.verdict, `${id}: ${verdictText(v)}`).toBe('accept');
    }
  }, 120_000);

  it('GnuTLS verifies signed samples with the exact content, and rejects a tampered signature', async () => {
    const d = adapterDriver(gnutls);
    for (const id of [...SIGNED, 'signed-data/ed25519/attached', 'signed-data/multiple-signers']) await d.expectAccepted(id);
    const v = await d.consume('signed-data/rsa-sha256/attached', flipLast);
    expect(v.verdict, verdictText(v)).toBe('reject');
  }, 120_000);

  it('gpgsm verifies signed and decrypts enveloped samples with the exact content (its agent in the root), and rejects a tampered signature', async () => {
    const d = adapterDriver(gpgsm);
    for (const id of [...SIGNED, 'enveloped-data/rsa-pkcs1/aes-128-cbc', 'enveloped-data/pwri/aes-128-cbc']) await d.expectAccepted(id);
    const v = await d.consume('signed-data/rsa-sha256/attached', flipLast);
    expect(v.verdict, verdictText(v)).toBe('reject');
  }, 180_000);

  it('gpgsm\'s agent runs inside the root, on a home under the bind-mounted temporary directory, and close() ends it', () => {
    const home = GpgsmHome.create(SID_GPGSM);
    const agents = () => readdirSync('/proc').filter((p) => /^\d+$/.test(p)).flatMap((pid) => {
      try {
        const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        return argv[0]?.endsWith('gpg-agent') && argv.includes(home.dir) ? [{ pid, root: readlinkSync(`/proc/${pid}/root`) }] : [];
      } catch {
        return []; // ended meanwhile, or not ours to read
      }
    });
    try {
      expect(agents().map((a) => a.root)).toEqual([SID_ROOT]);
    } finally {
      home.close();
    }
    expect(agents()).toEqual([]);
    expect(existsSync(home.dir)).toBe(false);
  }, 60_000);

  it('gpgsm 2.4.9 keeps the EdDSA and AuthEnvelopedData limits of 2.2 (declared with its own errors, and still failing)', async () => {
    const d = adapterDriver(gpgsm, { requireSupported: false });
    for (const [id, reason] of [['signed-data/ed25519/attached', /2\.4\.9.*multiple of 8 bits/], ['auth-enveloped-data/aes-128-gcm', /2\.4\.9.*Buffer too short/]] as const) {
      expect(gpgsm.consumes(d.sample(id)), id).toMatchObject({ supported: false, reason: expect.stringMatching(reason) });
    }
  });

  it('as producers: SignedData from each passes the checker and its own verification (NSS 3.132 and gpgsm 2.4, like 3.87 and 2.2, write SHA-256 with NULL parameters)', async () => {
    for (const a of [nss, gnutls, gpgsm]) {
      const p = await produceAndJudge(a, 'signed-data/attached');
      expect(acceptsWith(p.self, PRODUCED_CONTENT), `${a.name} self: ${verdictText(p.self)}`).toBe(true);
      // RFC 5754 2: the sha2 AlgorithmIdentifier parameters SHOULD be generated absent (receivers accept NULL).
      const nullParams = a !== gnutls;
      expect(failedRules(p.checker), a.name).toEqual(nullParams ? ['rfc5754/2/sha2-generate-absent-params'] : []);
      expect(p.checker.verdict, `${a.name}: ${failedRules(p.checker).join(', ')}`).toBe(nullParams ? 'acceptable' : 'valid');
    }
  }, 180_000);
});
