/**
 * A second certificate for Alice's RSA key, issued by Carl, whose subjectPublicKeyInfo is
 * id-RSASSA-PSS with parameters: the key may then only be used for PSS with those parameters
 * (RFC 4056 2.1, 3). Built deterministically from the committed cast, for the mutations that test
 * the four certificate-versus-signature comparisons of RFC 4056 section 3.
 */
import { createHash } from 'node:crypto';
import { oid, seq, uintBytes } from '../../../core/der/encode.ts';
import { readDer } from '../../../core/der/reader.ts';
import { OID } from '../../../core/oids.ts';
import type { CaseContext } from '../../case.ts';
import { buildCertificate } from '../../x509/certificate.ts';
import type { RsaHash } from '../../crypto/rsa.ts';
import { pssParams } from './common.ts';

export interface PssCertificate {
  readonly der: Uint8Array;
  readonly issuerAndSerial: Uint8Array;
}

export function alicePssCertificate(ctx: CaseContext, hash: RsaHash, mgfHash: RsaHash, saltLength: number): PssCertificate {
  const alice = ctx.cast.get('alice-rsa');
  const carl = ctx.cast.get('carl-rsa');
  if (!carl.key) throw new Error('no CA key');
  const cert = readDer(alice.certDer).root!;
  const tbs = cert.children[0]!.children;
  const enc = (i: number) => alice.certDer.slice(tbs[i]!.offset, tbs[i]!.end);
  const issuer = enc(3);
  const subject = enc(5);
  const spkiRoot = readDer(alice.spki).root!;
  const keyBits = alice.spki.slice(spkiRoot.children[1]!.offset, spkiRoot.children[1]!.end);
  const spki = seq(seq(oid(OID.rsassaPss), pssParams(hash, mgfHash, saltLength)), keyBits);
  const serial = new Uint8Array(createHash('sha256').update(`alice-rsa-pss ${hash} ${mgfHash} ${saltLength}`).digest().subarray(0, 16));
  serial[0] = (serial[0]! & 0x7f) | 0x40;
  const der = buildCertificate({
    serial, issuer, subject,
    notBefore: '2025-01-01T00:00:00Z', notAfter: '2099-12-31T23:59:59Z',
    spki, ca: false, keyUsage: ['digitalSignature', 'nonRepudiation'],
    email: 'alice@example.com', emailProtection: true, authorityKeyId: carl.ski,
  }, carl.key);
  return { der, issuerAndSerial: seq(issuer, uintBytes(serial)) };
}
