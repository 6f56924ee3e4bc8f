/**
 * Builds X.509 v3 certificates and v2 CRLs (RFC 5280) for the cast. The issuer signs with
 * sha256WithRSAEncryption (deterministic), so a rebuilt cast differs only where keys differ.
 */
import { sign, createHash, type KeyObject } from 'node:crypto';
import {
  bitString, bool, explicit, int, nul, octets, oid, seq, time, uintBytes, ctxPrimitive,
  ctxConstructed, ia5, utf8,
} from '../../core/der/encode.ts';
import { OID } from '../../core/oids.ts';

export type KeyUsageBit =
  | 'digitalSignature' | 'nonRepudiation' | 'keyEncipherment' | 'dataEncipherment'
  | 'keyAgreement' | 'keyCertSign' | 'cRLSign';

const KEY_USAGE_BITS: Record<KeyUsageBit, number> = {
  digitalSignature: 0, nonRepudiation: 1, keyEncipherment: 2, dataEncipherment: 3,
  keyAgreement: 4, keyCertSign: 5, cRLSign: 6,
};

/** KeyUsage BIT STRING in DER: trailing zero bits removed and counted as unused (X.690 11.2.2). */
export function keyUsageExtensionValue(bits: readonly KeyUsageBit[]): Uint8Array {
  let mask = 0;
  for (const b of bits) mask |= 0x8000 >> KEY_USAGE_BITS[b];
  const bytes = mask & 0xff ? [mask >> 8, mask & 0xff] : [mask >> 8];
  const last = bytes[bytes.length - 1] as number;
  let unused = 0;
  while (unused < 8 && !(last & (1 << unused))) unused++;
  return bitString(Uint8Array.from(bytes), unused);
}

const extension = (id: string, critical: boolean, value: Uint8Array): Uint8Array =>
  critical ? seq(oid(id), bool(true), octets(value)) : seq(oid(id), octets(value));

/** RFC 5280 4.2.1.2 method (1): SHA-1 of the subjectPublicKey BIT STRING value. */
export function subjectKeyIdentifier(spki: Uint8Array): Uint8Array {
  // SPKI = SEQUENCE { AlgorithmIdentifier, BIT STRING }: find the BIT STRING after the algorithm.
  const outerHeader = spki[1]! < 0x80 ? 2 : 2 + (spki[1]! & 0x7f);
  const alg = spki.subarray(outerHeader);
  const algLen = alg[1]! < 0x80 ? 2 + alg[1]! : 2 + (alg[1]! & 0x7f) + readLen(alg, 1);
  const bits = alg.subarray(algLen);
  const hdr = bits[1]! < 0x80 ? 2 : 2 + (bits[1]! & 0x7f);
  return new Uint8Array(createHash('sha1').update(bits.subarray(hdr + 1)).digest());
}

function readLen(b: Uint8Array, at: number): number {
  const n = b[at]! & 0x7f;
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + b[at + 1 + i]!;
  return len;
}

export interface CertificateSpec {
  readonly serial: Uint8Array;
  readonly issuer: Uint8Array; // encoded Name
  readonly subject: Uint8Array; // encoded Name
  readonly notBefore: string; // ISO instant
  readonly notAfter: string;
  readonly spki: Uint8Array; // SubjectPublicKeyInfo DER
  readonly ca: boolean;
  readonly keyUsage: readonly KeyUsageBit[];
  readonly email?: string;
  readonly emailProtection: boolean;
  readonly authorityKeyId?: Uint8Array;
  /** subjectUniqueID [2] IMPLICIT BIT STRING (RFC 5280 4.1.2.8: conforming CAs MUST NOT; defective casts). */
  readonly subjectUniqueId?: Uint8Array;
  /** Key purposes of extendedKeyUsage, replacing the emailProtection one (defective casts). */
  readonly extKeyUsage?: readonly string[];
  /**
   * The outer signatureAlgorithm and the hash the signature is really made with, in place of
   * sha256WithRSAEncryption; tbsCertificate.signature keeps sha256WithRSAEncryption (defective casts).
   */
  readonly outerSignature?: { readonly algorithm: Uint8Array; readonly hash: 'sha384' | 'sha512' };
  /** No keyUsage extension at all (`keyUsage` is then ignored); defective casts only. */
  readonly keyUsageAbsent?: boolean;
  /** keyUsage marked critical, as RFC 8550 4.4.2 requires (default); false only for defective casts. */
  readonly keyUsageCritical?: boolean;
  /** subjectAltName marked critical (RFC 5280 4.2.1.6 and RFC 8550 3 require it for an empty subject). */
  readonly subjectAltNameCritical?: boolean;
  /** SmtpUTF8Mailbox otherNames (RFC 8398 3) in subjectAltName, after the rfc822Name. */
  readonly smtpUtf8Mailboxes?: readonly string[];
  /** The subjectKeyIdentifier extnValue to write instead of the key's OCTET STRING (defective casts). */
  readonly subjectKeyIdValue?: Uint8Array;
}

/** otherName [0] { id-on-SmtpUTF8Mailbox, [0] EXPLICIT UTF8String } (RFC 8398 3). */
const smtpUtf8Mailbox = (address: string): Uint8Array =>
  ctxConstructed(0, oid(OID.smtpUtf8Mailbox), explicit(0, utf8(address)));

export const sha256WithRsa = (): Uint8Array => seq(oid(OID.sha256WithRSAEncryption), nul());

export function buildCertificate(spec: CertificateSpec, issuerKey: KeyObject): Uint8Array {
  const ski = subjectKeyIdentifier(spec.spki);
  const exts: Uint8Array[] = [];
  // RFC 8550 4.4.1 (after RFC 5280 4.2.1.9): CA certificates carry a critical basicConstraints;
  // end-entity certificates SHOULD NOT carry the extension at all.
  if (spec.ca) exts.push(extension(OID.basicConstraints, true, seq(bool(true))));
  if (!spec.keyUsageAbsent) exts.push(extension(OID.keyUsage, spec.keyUsageCritical ?? true, keyUsageExtensionValue(spec.keyUsage)));
  exts.push(extension(OID.subjectKeyIdentifier, false, spec.subjectKeyIdValue ?? octets(ski)));
  if (spec.authorityKeyId) {
    exts.push(extension(OID.authorityKeyIdentifier, false, seq(ctxPrimitive(0, spec.authorityKeyId))));
  }
  if (spec.email || spec.smtpUtf8Mailboxes?.length) {
    // GeneralName rfc822Name [1] IA5String, then otherName [0] SmtpUTF8Mailbox
    const names = [
      ...(spec.email ? [ctxPrimitive(1, ia5(spec.email).subarray(2))] : []),
      ...(spec.smtpUtf8Mailboxes ?? []).map(smtpUtf8Mailbox),
    ];
    exts.push(extension(OID.subjectAltName, spec.subjectAltNameCritical ?? false, seq(...names)));
  }
  if (spec.extKeyUsage) exts.push(extension(OID.extKeyUsage, false, seq(...spec.extKeyUsage.map((k) => oid(k)))));
  else if (spec.emailProtection) exts.push(extension(OID.extKeyUsage, false, seq(oid(OID.emailProtection))));
  const tbs = seq(
    explicit(0, int(2)),
    uintBytes(spec.serial),
    sha256WithRsa(),
    spec.issuer,
    seq(time(spec.notBefore), time(spec.notAfter)),
    spec.subject,
    spec.spki,
    ...(spec.subjectUniqueId ? [ctxPrimitive(2, Uint8Array.of(0, ...spec.subjectUniqueId))] : []),
    explicit(3, seq(...exts)),
  );
  const signature = sign(spec.outerSignature?.hash ?? 'sha256', tbs, issuerKey);
  return seq(tbs, spec.outerSignature?.algorithm ?? sha256WithRsa(), bitString(signature));
}

export interface CrlSpec {
  readonly issuer: Uint8Array;
  readonly thisUpdate: string;
  readonly nextUpdate: string;
  readonly revoked: readonly { serial: Uint8Array; date: string }[];
  readonly authorityKeyId: Uint8Array;
  readonly crlNumber: number;
}

export function buildCrl(spec: CrlSpec, issuerKey: KeyObject): Uint8Array {
  const revoked = spec.revoked.map((r) => seq(uintBytes(r.serial), time(r.date)));
  const exts = seq(
    extension(OID.authorityKeyIdentifier, false, seq(ctxPrimitive(0, spec.authorityKeyId))),
    extension(OID.cRLNumber, false, int(spec.crlNumber)),
  );
  const tbs = seq(
    int(1),
    sha256WithRsa(),
    spec.issuer,
    time(spec.thisUpdate),
    time(spec.nextUpdate),
    ...(revoked.length ? [seq(...revoked)] : []),
    explicit(0, exts),
  );
  return seq(tbs, sha256WithRsa(), bitString(sign('sha256', tbs, issuerKey)));
}

export const toPem = (label: string, der: Uint8Array): string =>
  `-----BEGIN ${label}-----\n${Buffer.from(der).toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END ${label}-----\n`;

