/**
 * Generates the cast under corpus/keys/: the CA "Carl" and end entities Alice, Bob, Diane and Erica
 * (the names of RFC 4134), one key per family an S/MIME v3 or current agent needs, with
 * certificates that will not expire before 2099. Run once (`npm run cast`); the output is committed
 * and everything else reads it. Keys are fresh randomness each run, so running it again changes the
 * whole corpus: do that only on purpose.
 *
 * X9.42 DH keys come from `openssl genpkey -algorithm DHX`, since Node cannot generate them.
 */
import { execFileSync } from 'node:child_process';
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { buildCertificate, buildCrl, subjectKeyIdentifier, toPem, type KeyUsageBit } from '../generators/x509/certificate.ts';
import { encodeName } from '../generators/x509/name.ts';
import { CAST_ENTRIES, type CastEntry } from '../generators/cast-spec.ts';

const out = new URL('../corpus/keys/', import.meta.url).pathname;
mkdirSync(out, { recursive: true });

const NOT_BEFORE = '2025-01-01T00:00:00Z';
const NOT_AFTER = '2099-12-31T23:59:59Z';

function generateKey(entry: CastEntry): KeyObject {
  switch (entry.family) {
    case 'rsa2048':
      return generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 65537 }).privateKey;
    case 'dsa2048':
      return generateKeyPairSync('dsa', { modulusLength: 2048, divisorLength: 256 }).privateKey;
    case 'p256':
      return generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey;
    case 'p384':
      return generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).privateKey;
    case 'ed25519':
    case 'ed448':
    case 'x25519':
    case 'x448':
      return generateKeyPairSync(entry.family as 'ed25519', {}).privateKey;
    case 'dh2048':
      throw new Error('DH keys come from openssl');
  }
}

function dhxKeyPem(): { privatePem: string; spki: Uint8Array } {
  const dir = mkdtempSync(join(tmpdir(), 'cmsi-cast-'));
  try {
    const params = join(dir, 'dhx.param');
    const key = join(dir, 'dhx.key');
    execFileSync('openssl', ['genpkey', '-genparam', '-algorithm', 'DHX', '-pkeyopt', 'dh_paramgen_prime_len:2048',
      '-pkeyopt', 'dh_paramgen_subprime_len:256', '-out', params], { stdio: 'ignore' });
    execFileSync('openssl', ['genpkey', '-paramfile', params, '-out', key]);
    const spki = execFileSync('openssl', ['pkey', '-in', key, '-pubout', '-outform', 'DER']);
    return { privatePem: readFileSync(key, 'utf8'), spki: new Uint8Array(spki) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Positive 16-byte serials, random so that no two cast certificates share issuer and serial. */
function serial(): Uint8Array {
  const s = randomBytes(16);
  s[0] = (s[0]! & 0x7f) | 0x40;
  return new Uint8Array(s);
}

const carlEntry = CAST_ENTRIES.find((e) => e.ca);
if (!carlEntry) throw new Error('cast has no CA');
const carlKey = generateKey(carlEntry);
const carlSpki = new Uint8Array(createPublicKey(carlKey).export({ type: 'spki', format: 'der' }));
const carlName = encodeName({ country: 'US', organization: 'cms-interop cast', commonName: carlEntry.commonName });
const carlSki = subjectKeyIdentifier(carlSpki);

const index: Record<string, unknown>[] = [];
for (const entry of CAST_ENTRIES) {
  let privatePem: string;
  let spki: Uint8Array;
  if (entry === carlEntry) {
    privatePem = carlKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    spki = carlSpki;
  } else if (entry.family === 'dh2048') {
    ({ privatePem, spki } = dhxKeyPem());
  } else {
    const key = generateKey(entry);
    privatePem = key.export({ type: 'pkcs8', format: 'pem' }) as string;
    spki = new Uint8Array(createPublicKey(key).export({ type: 'spki', format: 'der' }));
  }
  const subject = entry === carlEntry ? carlName
    : encodeName({ country: 'US', organization: 'cms-interop cast', commonName: entry.commonName });
  const cert = buildCertificate({
    serial: serial(),
    issuer: carlName,
    subject,
    notBefore: NOT_BEFORE,
    notAfter: NOT_AFTER,
    spki,
    ca: entry.ca,
    keyUsage: entry.keyUsage as KeyUsageBit[],
    ...(entry.email ? { email: entry.email } : {}),
    emailProtection: !entry.ca,
    ...(entry.ca ? {} : { authorityKeyId: carlSki }),
  }, carlKey);
  writeFileSync(join(out, `${entry.id}.key.pem`), privatePem);
  writeFileSync(join(out, `${entry.id}.cert.pem`), toPem('CERTIFICATE', cert));
  writeFileSync(join(out, `${entry.id}.cert.der`), cert);
  // Sanity: Node (OpenSSL) must read back what we wrote, except X9.42 keys which Node cannot type.
  if (entry.family !== 'dh2048') createPrivateKey(privatePem);
  index.push({ id: entry.id, person: entry.person, family: entry.family, role: entry.role, email: entry.email ?? null });
}

// A CRL from Carl revoking a certificate that is not part of the cast: samples that carry CRLs
// then carry a real, verifiable one without revoking anybody they use.
const crl = buildCrl({
  issuer: carlName,
  thisUpdate: NOT_BEFORE,
  nextUpdate: NOT_AFTER,
  revoked: [{ serial: serial(), date: NOT_BEFORE }],
  authorityKeyId: carlSki,
  crlNumber: 1,
}, carlKey);
writeFileSync(join(out, 'carl.crl.pem'), toPem('X509 CRL', crl));
writeFileSync(join(out, 'carl.crl.der'), crl);
writeFileSync(join(out, 'cast.yaml'), stringify({ version: 1, notBefore: NOT_BEFORE, notAfter: NOT_AFTER, identities: index }));
console.log(`wrote ${index.length} identities and a CRL to ${out}`);
