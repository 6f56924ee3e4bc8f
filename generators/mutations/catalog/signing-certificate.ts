/**
 * signingCertificate and signingCertificateV2 contents (RFC 2634 5.4, RFC 5035 2-5), one
 * statement each: SHA-1 in the v2 attribute, a non-SHA-1 hash in v1, an IssuerSerial that is
 * not one directoryName or names another serial, and ESSCertIDs without issuerSerial where the
 * RFCs recommend it (acceptable). A receiver that matches certificates loosely binds the
 * signature to a certificate the signer did not name.
 */
import { createHash } from 'node:crypto';
import { ctxConstructed, ctxPrimitive, ia5, int, octets, oid, seq } from '../../../core/der/encode.ts';
import { OID } from '../../../core/oids.ts';
import type { CaseContext } from '../../case.ts';
import { attribute } from '../../cms/attributes.ts';
import { signingCertificateAttr, signingCertificateV2Attr } from '../../ess/attributes.ts';
import type { Mutation } from '../mutation.ts';
import { signedDefect } from './common.ts';

/** Alice's issuer Name and serial INTEGER, cut from her IssuerAndSerialNumber. */
function issuerAndSerialParts(ctx: CaseContext): { name: Uint8Array; serial: Uint8Array } {
  const ias = ctx.cast.get('alice-rsa').issuerAndSerial;
  const hdr = ias[1]! < 0x80 ? 2 : 2 + (ias[1]! & 0x7f);
  const l = ias[hdr + 1]!;
  const len = l < 0x80 ? l : [...ias.subarray(hdr + 2, hdr + 2 + (l & 0x7f))].reduce((n, b) => n * 256 + b, 0);
  const end = hdr + (l < 0x80 ? 2 : 2 + (l & 0x7f)) + len;
  return { name: ias.subarray(hdr, end), serial: ias.subarray(end) };
}

const hashOf = (ctx: CaseContext, alg: string): Uint8Array => new Uint8Array(createHash(alg).update(ctx.cast.get('alice-rsa').certDer).digest());
const directoryName = (name: Uint8Array): Uint8Array => ctxConstructed(4, name);

/** A one-ESSCertID(v2) attribute with the given fields. */
const v1 = (...fields: Uint8Array[]): Uint8Array => attribute(OID.signingCertificate, seq(seq(seq(...fields))));
const v2 = (...fields: Uint8Array[]): Uint8Array => attribute(OID.signingCertificateV2, seq(seq(seq(...fields))));

export const SIGNING_CERTIFICATE_MUTATIONS: readonly Mutation[] = [
  signedDefect({
    name: 'signing-certificate-v2-sha1',
    description: 'signingCertificateV2 whose ESSCertIDv2 names SHA-1 as hashAlgorithm (RFC 5035 2: SHA-1 goes in signingCertificate); a receiver that accepts weak hashes in v2 lets a SHA-1 collision substitute the certificate',
    requirements: ['rfc5035/2/sha1-uses-signing-certificate', 'rfc5035/2/v2-not-for-sha1'],
    flag: 'EssSigningCertMismatch',
    signed: (ctx) => [v2(seq(oid(OID.sha1)), octets(hashOf(ctx, 'sha1')))],
  }),
  signedDefect({
    name: 'signing-certificate-v1-sha256-hash',
    description: 'signingCertificate (v1, SHA-1 only) holding a 32-octet SHA-256 certHash; a receiver that guesses the hash by length accepts a hash the attribute cannot hold (a v1 certHash is by definition the SHA-1 of the signer certificate, so RFC 2634 5.4 and RFC 5035 5 fail with it)',
    // A v1 certHash is the SHA-1 hash (RFC 2634 5.4, RFC 5035 5): a SHA-256 value there cannot be
    // the SHA-1 of the signer's certificate, so the first-ESSCertID sentences fail with the defect.
    requirements: ['rfc5035/2/other-hash-uses-v2', 'rfc2634/5.4/cert-hash-mismatch-invalid', 'rfc2634/5.4/first-certid-is-signer-cert', 'rfc5035/5/v1-first-certid-is-signer-cert'],
    flag: 'EssSigningCertMismatch',
    signed: (ctx) => [v1(octets(hashOf(ctx, 'sha256')))],
  }),
  signedDefect({
    name: 'signing-certificate-issuer-two-names',
    description: 'ESSCertID issuerSerial whose issuer GeneralNames holds a directoryName and an rfc822Name; a receiver that matches any one name matches certificates of another issuer',
    requirements: ['rfc2634/5.4.1/pkc-issuer-directory-name'],
    flag: 'EssSigningCertMismatch',
    signed: (ctx) => {
      const p = issuerAndSerialParts(ctx);
      return [v1(octets(hashOf(ctx, 'sha1')), seq(seq(directoryName(p.name), ctxPrimitive(1, ia5('ca@example.com').subarray(2))), p.serial))];
    },
  }),
  signedDefect({
    name: 'signing-certificate-v2-other-serial',
    description: 'ESSCertIDv2 whose issuerSerial names Alice\'s issuer with serial number 1, not her certificate\'s; a receiver that checks only the hash never notices the issuerSerial points elsewhere',
    requirements: ['rfc5035/4/pkc-issuer-directory-name'],
    flag: 'EssSigningCertMismatch',
    signed: (ctx) => [v2(octets(hashOf(ctx, 'sha256')), seq(seq(directoryName(issuerAndSerialParts(ctx).name)), int(1)))],
  }),
  signedDefect({
    name: 'signing-certificate-v2-ski-no-issuer-serial',
    description: 'SKI-identified signer whose ESSCertIDv2 has no issuerSerial (RFC 5035 3-4 SHOULD); a receiver that needs issuer and serial to find the certificate has only a hash',
    requirements: ['rfc5035/3/v2-first-certid-issuer-serial', 'rfc5035/4/issuer-serial-when-not-in-sid'],
    flag: 'EssSigningCertMismatch',
    expected: 'acceptable',
    signed: (ctx) => [signingCertificateV2Attr([{ certDer: ctx.cast.get('alice-rsa').certDer, issuerAndSerial: ctx.cast.get('alice-rsa').issuerAndSerial, withIssuerSerial: false, hash: 'sha256' }])],
    signer: () => ({ sid: 'ski' }),
  }),
  signedDefect({
    name: 'signing-certificate-ski-no-issuer-serial',
    description: 'SKI-identified signer whose v1 ESSCertID has no issuerSerial (RFC 2634 5.4, RFC 5035 5 SHOULD); issuer and serial are then signed nowhere',
    requirements: ['rfc5035/5/v1-first-certid-issuer-serial', 'rfc2634/5.4/first-certid-issuer-serial'],
    flag: 'EssSigningCertMismatch',
    expected: 'acceptable',
    signed: (ctx) => [signingCertificateAttr([{ certDer: ctx.cast.get('alice-rsa').certDer, issuerAndSerial: ctx.cast.get('alice-rsa').issuerAndSerial, withIssuerSerial: false }])],
    signer: () => ({ sid: 'ski' }),
  }),
  signedDefect({
    name: 'signing-certificate-second-hash-only',
    description: 'signingCertificate whose second ESSCertID (the CA certificate) has no issuerSerial (RFC 2634 5.4 and 5.4.1 SHOULD); a verifier without all certificates cannot find it',
    requirements: ['rfc5035/5/v1-other-certids-issuer-serial', 'rfc2634/5.4/other-certids-issuer-serial', 'rfc2634/5.4.1/authorization-certs-by-issuer-serial'],
    flag: 'EssSigningCertMismatch',
    expected: 'acceptable',
    signed: (ctx) => [signingCertificateAttr([
      { certDer: ctx.cast.get('alice-rsa').certDer, issuerAndSerial: ctx.cast.get('alice-rsa').issuerAndSerial, withIssuerSerial: true },
      { certDer: ctx.cast.get('carl-rsa').certDer, issuerAndSerial: ctx.cast.get('carl-rsa').issuerAndSerial, withIssuerSerial: false },
    ])],
  }),
  signedDefect({
    name: 'signing-certificate-v2-second-hash-only',
    description: 'signingCertificateV2 whose second ESSCertIDv2 (the CA certificate) has no issuerSerial (RFC 5035 3-4 SHOULD)',
    requirements: ['rfc5035/3/v2-other-certids-issuer-serial', 'rfc5035/4/authorization-certs-by-issuer-serial'],
    flag: 'EssSigningCertMismatch',
    expected: 'acceptable',
    signed: (ctx) => [signingCertificateV2Attr([
      { certDer: ctx.cast.get('alice-rsa').certDer, issuerAndSerial: ctx.cast.get('alice-rsa').issuerAndSerial, withIssuerSerial: true, hash: 'sha256' },
      { certDer: ctx.cast.get('carl-rsa').certDer, issuerAndSerial: ctx.cast.get('carl-rsa').issuerAndSerial, withIssuerSerial: false, hash: 'sha256' },
    ])],
  }),
  signedDefect({
    name: 'signing-certificate-first-names-carl',
    description: 'signingCertificate whose first ESSCertID hashes the CA certificate, not the signer\'s; a receiver that accepts any listed certificate binds the signature to the wrong key',
    requirements: ['rfc5035/5/v1-first-certid-is-signer-cert', 'rfc2634/5.4/first-certid-is-signer-cert', 'rfc2634/5.4/cert-hash-mismatch-invalid'],
    flag: 'EssSigningCertMismatch',
    signed: (ctx) => [signingCertificateAttr([{ certDer: ctx.cast.get('carl-rsa').certDer, issuerAndSerial: ctx.cast.get('carl-rsa').issuerAndSerial, withIssuerSerial: true }])],
  }),
  signedDefect({
    name: 'signing-certificate-v2-first-names-carl',
    description: 'signingCertificateV2 whose first ESSCertIDv2 hashes the CA certificate, not the signer\'s',
    requirements: ['rfc5035/3/v2-first-certid-is-signer-cert', 'rfc5035/3/v2-cert-hash-mismatch-invalid'],
    flag: 'EssSigningCertMismatch',
    signed: (ctx) => [signingCertificateV2Attr([{ certDer: ctx.cast.get('carl-rsa').certDer, issuerAndSerial: ctx.cast.get('carl-rsa').issuerAndSerial, withIssuerSerial: true, hash: 'sha256' }])],
  }),
];
