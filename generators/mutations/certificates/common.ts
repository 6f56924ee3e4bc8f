/**
 * The defective casts of the certificate mutations, made at generation time from the committed
 * cast's keys (so every run makes the same bytes): Alice's RSA certificate re-issued by Carl with
 * one field changed, keeping its serial number and key so that the SignerInfo still names it and
 * the signature still verifies; an intermediate CA "Ivan" (Erica's key) for the chain defects; a
 * CRL of Carl revoking Alice. Then Alice signs the sample message with the defective certificate
 * as the one the message carries.
 */
import { seq, uintBytes } from '../../../core/der/encode.ts';
import { readDer } from '../../../core/der/reader.ts';
import type { CaseContext } from '../../case.ts';
import type { SignedDataSpec } from '../../cms/signed-data.ts';
import { buildCertificate, buildCrl, subjectKeyIdentifier, type CertificateSpec } from '../../x509/certificate.ts';
import { encodeName } from '../../x509/name.ts';
import { aliceSignedData } from '../signed/common.ts';

export const VALIDITY = { notBefore: '2025-01-01T00:00:00Z', notAfter: '2099-12-31T23:59:59Z' } as const;

/** issuer, serial, subject and SPKI of a cast certificate (its own, well-formed DER). */
export function fieldsOf(der: Uint8Array): { issuer: Uint8Array; serial: Uint8Array; subject: Uint8Array } {
  const tbs = readDer(der).root!.children[0]!.children;
  const o = tbs[0]!.cls === 'context' ? 1 : 0;
  const enc = (i: number) => der.slice(tbs[o + i]!.offset, tbs[o + i]!.end);
  const s = tbs[o]!;
  const serial = der.slice(s.contentOffset, s.end);
  return { serial: serial[0] === 0 ? serial.subarray(1) : serial, issuer: enc(2), subject: enc(4) };
}

/** Alice's RSA certificate as the cast has it, with `change` applied, issued by Carl. */
export function aliceCertificate(ctx: CaseContext, change: Partial<CertificateSpec> = {}): Uint8Array {
  const alice = ctx.cast.get('alice-rsa');
  const carl = ctx.cast.get('carl-rsa');
  const f = fieldsOf(alice.certDer);
  return buildCertificate({
    serial: f.serial, issuer: f.issuer, subject: f.subject, ...VALIDITY, spki: alice.spki, ca: false,
    keyUsage: ['digitalSignature', 'nonRepudiation'], email: 'alice@example.com', emailProtection: true, authorityKeyId: carl.ski,
    ...change,
  }, carl.key!);
}

/** IssuerAndSerialNumber of a certificate made here. */
export function issuerAndSerialOf(der: Uint8Array): Uint8Array {
  const f = fieldsOf(der);
  return seq(f.issuer, uintBytes(f.serial));
}

/** Alice signs the sample message; the message carries `certificates` (the defective one first). */
export function signedWith(ctx: CaseContext, certificates: readonly Uint8Array[], spec: Partial<SignedDataSpec> = {}): Uint8Array {
  return aliceSignedData(ctx, { defects: { sid: issuerAndSerialOf(certificates[0]!) } }, { certificates, ...spec });
}

export const IVAN_NAME = encodeName({ country: 'US', organization: 'cms-interop defective cast', commonName: 'Ivan (intermediate CA)' });

/**
 * Ivan, an intermediate CA under Carl with Erica's RSA key; `ivan` changes his certificate.
 * Returns Ivan's certificate and Alice's, issued by Ivan.
 */
export function ivanChain(ctx: CaseContext, ivan: Partial<CertificateSpec>): { ivan: Uint8Array; alice: Uint8Array } {
  const carl = ctx.cast.get('carl-rsa');
  const erica = ctx.cast.get('erica-rsa');
  const alice = ctx.cast.get('alice-rsa');
  const ivanCert = buildCertificate({
    serial: Uint8Array.of(0x49, 0x76, 0x61, 0x6e), issuer: fieldsOf(carl.certDer).subject, subject: IVAN_NAME, ...VALIDITY,
    spki: erica.spki, ca: true, keyUsage: ['keyCertSign', 'cRLSign'], emailProtection: false, authorityKeyId: carl.ski, ...ivan,
  }, carl.key!);
  const aliceCert = buildCertificate({
    serial: Uint8Array.of(0x41, 0x6c, 0x69, 0x63, 0x65), issuer: IVAN_NAME, subject: fieldsOf(alice.certDer).subject, ...VALIDITY,
    spki: alice.spki, ca: false, keyUsage: ['digitalSignature', 'nonRepudiation'], email: 'alice@example.com', emailProtection: true,
    authorityKeyId: subjectKeyIdentifier(erica.spki),
  }, erica.key!);
  return { ivan: ivanCert, alice: aliceCert };
}

/** A CRL of Carl revoking Alice's RSA certificate from 2025-06-01. */
export function crlRevokingAlice(ctx: CaseContext): Uint8Array {
  const carl = ctx.cast.get('carl-rsa');
  return buildCrl({
    issuer: fieldsOf(carl.certDer).subject, thisUpdate: '2026-01-01T00:00:00Z', nextUpdate: '2099-12-31T23:59:59Z',
    revoked: [{ serial: fieldsOf(ctx.cast.get('alice-rsa').certDer).serial, date: '2025-06-01T00:00:00Z' }], authorityKeyId: carl.ski, crlNumber: 2,
  }, carl.key!);
}
