/**
 * The distinct signers of bench/speed.ts's B2: n self-signed RSA-2048 certificates, a key each,
 * made once and kept (PEM files in the bench's cache directory, so a later run reuses them).
 *
 * How: Node's asynchronous crypto.generateKeyPair (OpenSSL's RSA key generation on libuv's thread
 * pool, as many at once as there are cores), each certificate encoded here and signed with
 * crypto.sign: no process and no PEM parsing per signer. The prime search itself bounds it: side
 * by side on this 2-core machine, 64 signers took 6.4 s this way and 6.4 s as `openssl req -x509
 * -newkey rsa:2048` two at a time (about 0.1 s of wall time per key on 2 cores, so about 7 minutes
 * for 4,000 on a quiet machine; 38 minutes under a load average of 12 to 16 at nice 10). What
 * makes 4,000 affordable as the default is that they are made once and kept.
 *
 * The certificates have what `openssl req -x509` gives an OpenSSL 3 certificate (v3, a positive
 * serial, sha256WithRSAEncryption, subject = issuer = CN, subjectKeyIdentifier, authorityKeyIdentifier
 * and a critical basicConstraints cA), so the checker sees the same profile as before.
 */
import { createHash, generateKeyPair, sign, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { bitString, bool, explicit, int, nul, octets, oid, seq, setOf, time, utf8, ctxPrimitive } from '../core/der/encode.ts';
import { readDer, contentOf } from '../core/der/reader.ts';

export interface Signer { readonly cert: string; readonly key: string }

const SHA256_RSA = '1.2.840.113549.1.1.11';

const pem = (label: string, der: Uint8Array): string =>
  `-----BEGIN ${label}-----\n${Buffer.from(der).toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n?$/, '\n')}-----END ${label}-----\n`;

/** ISO instant without milliseconds, as core/der/encode.ts time() wants it. */
const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The DER of a self-signed certificate for the key pair, serial `serial`, subject CN=`cn`. */
export function selfSigned(publicKey: KeyObject, privateKey: KeyObject, serial: number, cn: string, now: number): Uint8Array {
  const spki = new Uint8Array(publicKey.export({ type: 'spki', format: 'der' }));
  // RFC 5280 4.2.1.2 method (1): SHA-1 of the subjectPublicKey BIT STRING's value (as OpenSSL).
  const spkiRoot = readDer(spki).root!;
  const keyBits = contentOf(spki, spkiRoot.children[1]!).subarray(1);
  const keyId = new Uint8Array(createHash('sha1').update(keyBits).digest());
  const name = seq(setOf(seq(oid('2.5.4.3'), utf8(cn))));
  const alg = seq(oid(SHA256_RSA), nul());
  const extensions = explicit(3, seq(
    seq(oid('2.5.29.14'), octets(octets(keyId))),
    seq(oid('2.5.29.35'), octets(seq(ctxPrimitive(0, keyId)))),
    seq(oid('2.5.29.19'), bool(true), octets(seq(bool(true)))),
  ));
  const tbs = seq(explicit(0, int(2)), int(serial), alg, name, seq(time(iso(now)), time(iso(now + 3650 * 86_400_000))), name, spki, extensions);
  const signature = new Uint8Array(sign('sha256', tbs, privateKey));
  return seq(tbs, alg, bitString(signature));
}

function rsaKeyPair(): Promise<{ publicKey: KeyObject; privateKey: KeyObject }> {
  return new Promise((resolve, reject) => generateKeyPair('rsa', { modulusLength: 2048 }, (e, publicKey, privateKey) => (e ? reject(e) : resolve({ publicKey, privateKey }))));
}

/** n signers in `dir` (s<i>.cert.pem, s<i>.key.pem): the missing ones made, the others kept. */
export async function signers(dir: string, n: number): Promise<Signer[]> {
  mkdirSync(dir, { recursive: true });
  const out = Array.from({ length: n }, (_, i) => ({ cert: join(dir, `s${i}.cert.pem`), key: join(dir, `s${i}.key.pem`) }));
  const missing = out.map((s, i) => (existsSync(s.cert) ? -1 : i)).filter((i) => i >= 0);
  if (missing.length) process.stderr.write(`bench: making ${missing.length} RSA-2048 signers in ${dir} (once; later runs reuse them)\n`);
  const now = Date.now() - 60_000; // a minute back: the checker's "now" is after notBefore
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < missing.length) {
      const i = missing[next++]!;
      const { publicKey, privateKey } = await rsaKeyPair();
      const s = out[i]!;
      writeFileSync(s.key, privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
      // The certificate last, through a rename: its presence says the pair is complete.
      writeFileSync(`${s.cert}.tmp`, pem('CERTIFICATE', selfSigned(publicKey, privateKey, i + 1, `bench signer ${i}`, now)));
      renameSync(`${s.cert}.tmp`, s.cert);
    }
  };
  await Promise.all(Array.from({ length: availableParallelism() }, worker));
  return out;
}
