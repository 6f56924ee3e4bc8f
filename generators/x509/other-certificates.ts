/**
 * The CertificateChoices and RevocationInfoChoice alternatives beside X.509 (RFC 5652 10.2.1,
 * 10.2.2), for the casts that need them: an X.509 attribute certificate in its version 2
 * (RFC 5755 4.1) and obsolete version 1 (RFC 3281 / X.509-1997) shapes, a PKCS #6
 * extendedCertificate, an "other" certificate format and an "other" revocation format (an OCSP
 * response, RFC 5940 3). The attribute certificates are signed by the issuer key given
 * (sha256WithRSAEncryption, deterministic), so only the choice made differs between them.
 *
 *   AttributeCertificateInfo ::= SEQUENCE { version AttCertVersion (v2), holder Holder,
 *     issuer AttCertIssuer, signature AlgorithmIdentifier, serialNumber CertificateSerialNumber,
 *     attrCertValidityPeriod AttCertValidityPeriod, attributes SEQUENCE OF Attribute, ... }
 */
import { sign, type KeyObject } from 'node:crypto';
import { bitString, contentOf, ctxConstructed, ctxPrimitive, generalizedTime, ia5, implicit, int, oid, seq, setOf, uintBytes } from '../../core/der/encode.ts';
import { sha256WithRsa } from './certificate.ts';

/** id-at-role (RFC 5755 4.4.5), the attribute the attribute certificates carry. */
const ROLE = '2.5.4.72';
/** id-ri-ocsp-response (RFC 5940 3): an OCSP response as an OtherRevocationInfoFormat. */
export const OCSP_RESPONSE_FORMAT = '1.3.6.1.5.5.7.16.2';

export interface AttributeCertificateSpec {
  /** The holder's certificate: its issuer Name and serial number (IssuerSerial). */
  readonly holderIssuer: Uint8Array;
  readonly holderSerial: Uint8Array;
  /** The attribute authority's Name. */
  readonly issuer: Uint8Array;
  readonly serial: Uint8Array;
  /** A role URI the holder is given (RoleSyntax roleName uniformResourceIdentifier). */
  readonly role: string;
}

/** GeneralNames holding one directoryName [4] EXPLICIT Name. */
const directoryNames = (name: Uint8Array): Uint8Array => seq(ctxConstructed(4, name));

const issuerSerial = (s: AttributeCertificateSpec): Uint8Array => seq(directoryNames(s.holderIssuer), uintBytes(s.holderSerial));

/** RoleSyntax ::= SEQUENCE { roleAuthority [0] OPTIONAL, roleName [1] GeneralName } (URI [6]). */
const roleAttribute = (uri: string): Uint8Array => seq(oid(ROLE), setOf(seq(ctxConstructed(1, ctxPrimitive(6, ia5(uri).subarray(2))))));

/** 2026 to 2099 in GeneralizedTime, as RFC 5755 4.2.6 requires. */
const validity = (): Uint8Array => seq(generalizedTime('20260101000000Z'), generalizedTime('20991231235959Z'));

const signed = (info: Uint8Array, key: KeyObject): Uint8Array => seq(info, sha256WithRsa(), bitString(sign('sha256', info, key)));

/** v2AttrCert [2] IMPLICIT AttributeCertificateV2 (RFC 5755 4.1), as a CertificateChoices element. */
export function v2AttributeCertificate(s: AttributeCertificateSpec, issuerKey: KeyObject): Uint8Array {
  const info = seq(
    int(1), // v2
    seq(ctxConstructed(0, contentOf(issuerSerial(s)))), // Holder { baseCertificateID [0] IMPLICIT IssuerSerial }
    ctxConstructed(0, directoryNames(s.issuer)), // AttCertIssuer v2Form [0] IMPLICIT V2Form { issuerName }
    sha256WithRsa(),
    uintBytes(s.serial),
    validity(),
    seq(roleAttribute(s.role)),
  );
  return implicit(2, signed(info, issuerKey));
}

/**
 * v1AttrCert [1] IMPLICIT AttributeCertificateV1: version v1 is the DEFAULT (absent), subject
 * baseCertificateID [0] IssuerSerial, issuer GeneralNames (X.509-1997 / RFC 3281 Appendix).
 */
export function v1AttributeCertificate(s: AttributeCertificateSpec, issuerKey: KeyObject): Uint8Array {
  const info = seq(
    ctxConstructed(0, contentOf(issuerSerial(s))),
    directoryNames(s.issuer),
    sha256WithRsa(),
    uintBytes(s.serial),
    validity(),
    seq(roleAttribute(s.role)),
  );
  return implicit(1, signed(info, issuerKey));
}

/**
 * extendedCertificate [0] IMPLICIT ExtendedCertificate (PKCS #6): an X.509 certificate and a
 * SET OF attributes, signed by the certificate's issuer.
 */
export function pkcs6ExtendedCertificate(certificate: Uint8Array, role: string, issuerKey: KeyObject): Uint8Array {
  const info = seq(int(0), certificate, setOf(roleAttribute(role)));
  return implicit(0, signed(info, issuerKey));
}

/** other [3] IMPLICIT OtherCertificateFormat { otherCertFormat OID, otherCert ANY }. */
export const otherCertificate = (format: string, value: Uint8Array): Uint8Array => ctxConstructed(3, oid(format), value);

/**
 * other [1] IMPLICIT OtherRevocationInfoFormat holding an OCSPResponse whose responseStatus is
 * tryLater (3): a complete OCSPResponse (RFC 6960 4.2.1), which has no responseBytes.
 */
export const otherRevocationOcspTryLater = (): Uint8Array => ctxConstructed(1, oid(OCSP_RESPONSE_FORMAT), seq(Uint8Array.of(0x0a, 1, 3)));
