/**
 * OpenSSL 3 (`openssl cms`) as an adapter: consumes with adapters/openssl.ts, produces signed,
 * enveloped (key transport, key agreement, KEK, password), AES-GCM authenticated-enveloped,
 * digested and encrypted messages with the cast's keys. Lineage: openssl.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Sample } from '../../core/manifest.ts';
import type { Adapter, ProduceFeature, ProduceRequest, ProduceResult, Support } from '../adapter.ts';
import { hostOpenssl, opensslConsume, opensslVersion, type OpensslRunner } from '../openssl.ts';
import { OPENSSL_UNSUPPORTED } from '../openssl-known.ts';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

export function produceArgs(r: ProduceRequest, input: string, out: string): string[] | null {
  const cert = (id: string) => join(r.keysDir, `${id}.cert.pem`);
  const key = (id: string) => join(r.keysDir, `${id}.key.pem`);
  const io = ['-in', input, '-out', out, '-outform', 'DER', '-binary'];
  switch (r.feature) {
    case 'signed-data/attached': return ['cms', '-sign', ...io, '-nodetach', '-md', 'sha256', '-signer', cert(r.signer), '-inkey', key(r.signer)];
    case 'signed-data/detached': return ['cms', '-sign', ...io, '-md', 'sha256', '-signer', cert(r.signer), '-inkey', key(r.signer)];
    case 'signed-data/ecdsa': return ['cms', '-sign', ...io, '-nodetach', '-md', 'sha256', '-signer', cert('alice-p256'), '-inkey', key('alice-p256')];
    // RFC 9882 3.3: SHA-512 for the signed attributes; RFC 9936 2.1: HKDF-SHA256 and AES-256 wrap for ML-KEM-768 (OpenSSL's defaults, named anyway).
    case 'signed-data/ml-dsa': return ['cms', '-sign', ...io, '-nodetach', '-md', 'sha512', '-signer', cert('pq/alice-ml-dsa-65'), '-inkey', key('pq/alice-ml-dsa-65')];
    case 'enveloped-data/kemri': return ['cms', '-encrypt', ...io, '-aes-256-cbc', '-recip', cert('pq/bob-ml-kem-768')];
    case 'enveloped-data/ktri': return ['cms', '-encrypt', ...io, '-aes-256-cbc', '-recip', cert(r.recipient)];
    case 'enveloped-data/kari': return ['cms', '-encrypt', ...io, '-aes-128-cbc', '-recip', cert('bob-p256'), '-keyopt', 'ecdh_kdf_md:sha256'];
    case 'enveloped-data/kekri': return ['cms', '-encrypt', ...io, '-aes-128-cbc', '-secretkey', hex(r.kek.key), '-secretkeyid', hex(r.kek.keyId)];
    case 'enveloped-data/pwri': return ['cms', '-encrypt', ...io, '-aes-128-cbc', '-pwri_password', r.password];
    case 'auth-enveloped-data/gcm': return ['cms', '-encrypt', ...io, '-aes-128-gcm', '-recip', cert(r.recipient)];
    case 'digested-data': return ['cms', '-digest_create', ...io, '-md', 'sha256'];
    case 'encrypted-data': return ['cms', '-EncryptedData_encrypt', ...io, '-aes-128-cbc', '-secretkey', hex(r.kek.key)];
    default: return null;
  }
}

/**
 * The same limits as adapters/openssl-known.ts, by kind, for messages that are not corpus samples
 * (what other stacks produce in the cross-verification).
 */
function unsupportedByKind(s: Sample): string | undefined {
  if (s.contentType === 'authData') return 'OpenSSL 3.0 cannot process AuthenticatedData';
  if (s.contentType === 'compressedData') return 'Debian\'s OpenSSL is built without zlib';
  const a = s.algorithms;
  if (a.includes('ed25519') || a.includes('ed448')) return 'OpenSSL 3.0 cannot verify EdDSA in CMS';
  if (a.includes('x25519') || a.includes('x448')) return 'OpenSSL 3.0 has no X25519/X448 key agreement in CMS';
  if (a.includes('aes-ccm')) return 'OpenSSL 3.0 CMS has no AES-CCM';
  const pq = a.find((x) => x.startsWith('ml-dsa') || x.startsWith('slh-dsa') || x.startsWith('ml-kem'));
  if (pq) return `OpenSSL 3.0 has no post-quantum algorithms (${pq}: ML-DSA/SLH-DSA in CMS since 3.5, KEMRecipientInfo since 3.6)`;
  return undefined;
}

/** One generation of OpenSSL: how it runs, and what it is known not to support. */
export interface OpensslGeneration {
  readonly name: string;
  readonly run: OpensslRunner;
  readonly unsupported: Readonly<Record<string, string>>;
  readonly unsupportedByKind: (s: Sample) => string | undefined;
  readonly missing: string;
  /** Features beyond the 3.0 set this generation produces (the post-quantum ones). */
  readonly extraProduces?: readonly ProduceFeature[];
}

export function makeOpensslAdapter(g: OpensslGeneration): Adapter {
  return {
  name: g.name,
  lineage: 'openssl',
  async probe() {
    const v = opensslVersion(g.run);
    return v ? { installed: true, version: v.split(' ').slice(0, 2).join(' ') } : { installed: false, reason: g.missing };
  },
  consumes(s: Sample): Support {
    const reason = g.unsupported[s.id] ?? (s.base ? g.unsupported[s.base] : undefined) ?? g.unsupportedByKind(s);
    return reason ? { supported: false, reason } : { supported: true };
  },
  async consume(r) {
    return opensslConsume(r.manifest, r.dir, r.sample, r.bytes, g.run, { asDeployed: r.decryptAsDeployed === true });
  },
  produces: [...(['signed-data/attached', 'signed-data/detached', 'signed-data/ecdsa', 'enveloped-data/ktri', 'enveloped-data/kari',
    'enveloped-data/kekri', 'enveloped-data/pwri', 'auth-enveloped-data/gcm', 'digested-data', 'encrypted-data'] satisfies ProduceFeature[]), ...(g.extraProduces ?? [])],
  async produce(r): Promise<ProduceResult> {
    const input = join(r.workDir, 'content.bin');
    const out = join(r.workDir, 'out.der');
    writeFileSync(input, r.content);
    const args = produceArgs(r, input, out);
    if (!args) return { ok: false, verdict: 'unsupported', reason: `openssl adapter does not produce ${r.feature}` };
    const p = g.run(args);
    if (p.kind === 'timeout') return { ok: false, verdict: 'hang', reason: 'openssl timed out' };
    if (p.kind === 'signal') return { ok: false, verdict: 'crash', reason: `openssl died: ${p.signal}` };
    if (p.kind === 'spawn-error') return { ok: false, verdict: 'error', reason: p.message };
    if (p.code !== 0) return { ok: false, verdict: 'error', reason: p.stderr.trim().split('\n').pop() ?? `exit ${p.code}` };
    return { ok: true, bytes: new Uint8Array(readFileSync(out)), format: 'der' };
  },
  async close() {},
  };
}

export const opensslAdapter: Adapter = makeOpensslAdapter({
  name: 'openssl', run: hostOpenssl, unsupported: OPENSSL_UNSUPPORTED, unsupportedByKind, missing: 'openssl not on PATH',
});
