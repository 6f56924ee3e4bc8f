/**
 * The OpenSSL 3 consumer: `openssl cms` verifies, decrypts, digest-verifies, uncompresses or
 * reads each sample with the inputs the manifest names. OpenSSL's own exit status and error text
 * decide accept or reject; the recovered content is returned for a byte comparison.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Manifest, Sample } from '../core/manifest.ts';
import { runProgram, withTempDir } from './run.ts';
import type { ConsumeVerdict } from './verdict.ts';

export function opensslVersion(): string | null {
  const r = runProgram('openssl', ['version']);
  return r.kind === 'exit' && r.code === 0 ? r.stdout.toString().trim() : null;
}

const epochSeconds = (iso: string): string => String(Math.floor(Date.parse(iso) / 1000));

/** The openssl cms arguments that process `sample`, or null when no operation fits. */
function operationArgs(manifest: Manifest, dir: string, s: Sample, out: string): string[] | null {
  const p = (rel: string) => join(dir, rel);
  const base = ['-inform', 'DER', '-in', p(s.file), '-out', out, '-binary'];
  const i = s.inputs;
  switch (s.contentType) {
    case 'data': return ['cms', '-data_out', ...base];
    case 'digestedData': return ['cms', '-digest_verify', ...base];
    case 'compressedData': return ['cms', '-uncompress', ...base];
    case 'encryptedData': return i.kek ? ['cms', '-EncryptedData_decrypt', '-secretkey', i.kek.key, ...base] : null;
    case 'signedData': {
      const trust = manifest.trustAnchors.flatMap((t) => ['-CAfile', p(t)]);
      const detached = i.detached && i.content ? ['-content', p(i.content)] : [];
      return ['cms', '-verify', ...base, ...detached, ...trust, '-attime', epochSeconds(manifest.validationTime), '-purpose', 'any'];
    }
    case 'envelopedData':
    case 'authEnvelopedData':
    case 'authData': {
      if (i.recipient) return ['cms', '-decrypt', ...base, '-recip', p(i.recipient.cert), '-inkey', p(i.recipient.key)];
      if (i.kek?.keyId) return ['cms', '-decrypt', ...base, '-secretkey', i.kek.key, '-secretkeyid', i.kek.keyId];
      if (i.password) return ['cms', '-decrypt', ...base, '-pwri_password', i.password];
      return null;
    }
  }
}

const lastLine = (stderr: string): string => stderr.trim().split('\n').filter(Boolean).slice(-1)[0] ?? 'no error text';

export function opensslConsume(manifest: Manifest, manifestDir: string, s: Sample): ConsumeVerdict {
  return withTempDir('openssl', (tmp) => {
    const out = join(tmp, 'out.bin');
    // A certs-only SignedData has no signer to verify: accepting it means reading its certificates.
    if (s.features.includes('certs-only')) {
      const r = runProgram('openssl', ['pkcs7', '-inform', 'DER', '-in', join(manifestDir, s.file), '-print_certs', '-noout']);
      if (r.kind !== 'exit') return r.kind === 'timeout' ? { verdict: 'hang' } : r.kind === 'signal' ? { verdict: 'crash', signal: r.signal } : { verdict: 'error', error: r.message };
      return r.code === 0 ? { verdict: 'accept', content: null } : { verdict: 'reject', error: lastLine(r.stderr) };
    }
    const args = operationArgs(manifest, manifestDir, s, out);
    if (!args) return { verdict: 'unsupported', reason: 'no openssl operation for these inputs' };
    const r = runProgram('openssl', args);
    switch (r.kind) {
      case 'timeout': return { verdict: 'hang' };
      case 'signal': return { verdict: 'crash', signal: r.signal };
      case 'spawn-error': return { verdict: 'error', error: r.message };
      case 'exit':
        if (r.code !== 0) return { verdict: 'reject', error: lastLine(r.stderr) };
        return { verdict: 'accept', content: new Uint8Array(readFileSync(out)) };
    }
  });
}
