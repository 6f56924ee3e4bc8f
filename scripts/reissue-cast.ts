/**
 * Re-issues the committed cast's certificates from its committed keys, with the serial numbers
 * they have, after a change of the certificate profile (generators/x509/certificate.ts): the
 * keys, and so every signature the corpus makes with them, stay; only the certificates change.
 * (scripts/make-cast.ts, by contrast, makes new keys.) Run: npx tsx scripts/reissue-cast.ts
 */
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCertificate, subjectKeyIdentifier, toPem, type KeyUsageBit } from '../generators/x509/certificate.ts';
import { encodeName } from '../generators/x509/name.ts';
import { CAST_ENTRIES } from '../generators/cast-spec.ts';
import { children, contentBytes, readTlv } from '../core/der/tlv.ts';

const dir = new URL('../corpus/keys/', import.meta.url).pathname;
const read = (id: string, ext: string) => readFileSync(join(dir, `${id}.${ext}`));

/** serialNumber and subjectPublicKeyInfo of a certificate we made (well-formed DER). */
function fieldsOf(der: Uint8Array): { serial: Uint8Array; spki: Uint8Array } {
  const tbs = children(der, readTlv(der, 0))[0]!;
  const f = children(der, tbs);
  const o = f[0]!.tag === 0xa0 ? 1 : 0;
  const serial = contentBytes(der, f[o]!);
  const spkiTlv = f[o + 5]!;
  return { serial: serial[0] === 0 ? serial.subarray(1) : serial, spki: der.subarray(spkiTlv.start, spkiTlv.end) };
}

const carl = CAST_ENTRIES.find((e) => e.ca)!;
const carlKey = createPrivateKey(read(carl.id, 'key.pem'));
const carlName = encodeName({ country: 'US', organization: 'cms-interop cast', commonName: carl.commonName });
const carlSki = subjectKeyIdentifier(new Uint8Array(createPublicKey(carlKey).export({ type: 'spki', format: 'der' })));
for (const entry of CAST_ENTRIES) {
  const old = new Uint8Array(read(entry.id, 'cert.der'));
  const { serial, spki } = fieldsOf(old);
  const cert = buildCertificate({
    serial, issuer: carlName,
    subject: entry === carl ? carlName : encodeName({ country: 'US', organization: 'cms-interop cast', commonName: entry.commonName }),
    notBefore: '2025-01-01T00:00:00Z', notAfter: '2099-12-31T23:59:59Z', spki, ca: entry.ca,
    keyUsage: entry.keyUsage as KeyUsageBit[], ...(entry.email ? { email: entry.email } : {}),
    emailProtection: !entry.ca, ...(entry.ca ? {} : { authorityKeyId: carlSki }),
  }, carlKey);
  writeFileSync(join(dir, `${entry.id}.cert.der`), cert);
  writeFileSync(join(dir, `${entry.id}.cert.pem`), toPem('CERTIFICATE', cert));
}
console.log(`re-issued ${CAST_ENTRIES.length} certificates in ${dir}`);
