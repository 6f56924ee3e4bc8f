/**
 * The RFC 5280 4.2 extension rules one certificate shows on its own (the 4.1 field rules are
 * found while reading it, checkers/x509/certificate.ts): unique and understood critical
 * extensions, extension syntax, key identifiers, key usage, basic constraints, subjectAltName.
 * A rule yields a decision (`ok` true or false) or `unchecked` with its reason; the caller turns
 * decisions into findings at the certificate's place in the message.
 */
import type { DerNode } from '../../core/der/reader.ts';
import { OID } from '../../core/oids.ts';
import type { X509Certificate } from './certificate.ts';
import { basicConstraints, decoded, extension, extKeyUsage, keyUsage, subjectAltName, syntaxProblem, understood } from './extensions.ts';
import { bytesEqual } from './fields.ts';

export interface CertCheck {
  readonly rule: string;
  readonly ok: boolean | 'unchecked';
  readonly message: string;
  readonly field: string;
  readonly node: DerNode | null;
}

/**
 * What the certificate is in the message: the signer's, a recipient's, the originator's (the
 * sender's key agreement certificate of static-static agreement, RFC 5652 6.2.2), a CA's, or another.
 */
export type CertRole = 'signer' | 'recipient' | 'originator' | 'ca' | 'other';

/** Extensions whose critical flag only says "do not ignore me": processing them is path policy. */
const POLICY_EXTENSIONS = new Set<string>([OID.certificatePolicies, OID.nameConstraints, OID.policyConstraints, OID.policyMappings, OID.inhibitAnyPolicy]);

export const selfIssued = (c: X509Certificate): boolean => bytesEqual(c.issuer.der, c.subject.der);

/** True when the certificate says it is a CA (basicConstraints cA) or may sign certificates. */
export function isCa(c: X509Certificate): boolean {
  const bc = decoded(c, OID.basicConstraints, basicConstraints);
  const ku = decoded(c, OID.keyUsage, keyUsage);
  return (typeof bc === 'object' && bc.ca) || (ku instanceof Set && ku.has('keyCertSign'));
}

export function extensionChecks(c: X509Certificate, role: CertRole): CertCheck[] {
  const out: CertCheck[] = [];
  const add = (rule: string, ok: boolean | 'unchecked', message: string, field: string, node: DerNode | null = null) => out.push({ rule, ok, message, field, node });
  c.extensions.forEach((e, k) => {
    const field = `tbsCertificate.extensions[${k}]`;
    const bad = syntaxProblem(e);
    add('rfc5280/4.2/extension-syntax', bad === null, bad ? `extension ${e.oid}: ${bad}` : `extension ${e.oid} has the syntax of RFC 5280 4.2.1`, field, e.node);
    if (e.critical && !understood(e.oid) && !POLICY_EXTENSIONS.has(e.oid)) {
      add('rfc5280/4.2/reject-unrecognized-critical', 'unchecked', `critical extension ${e.oid} is not one this checker processes: a verifier that does not recognize it must reject the certificate`, field, e.node);
    }
  });
  const aki = extension(c, OID.authorityKeyIdentifier);
  const ski = extension(c, OID.subjectKeyIdentifier);
  const self = selfIssued(c);
  if (c.version === 3) {
    if (!self) add('rfc5280/4.2.1.1/aki-key-identifier-present', !!aki, aki ? 'authorityKeyIdentifier present' : 'no authorityKeyIdentifier in a certificate that is not self-signed', 'tbsCertificate.extensions');
    if (aki) add('rfc5280/4.2.1.1/aki-non-critical', !aki.critical, aki.critical ? 'authorityKeyIdentifier is marked critical' : 'authorityKeyIdentifier is non-critical', 'tbsCertificate.extensions', aki.node);
    if (ski) add('rfc5280/4.2.1.2/ski-non-critical', !ski.critical, ski.critical ? 'subjectKeyIdentifier is marked critical' : 'subjectKeyIdentifier is non-critical', 'tbsCertificate.extensions', ski.node);
    if (role === 'ca') add('rfc5280/4.2.1.2/ski-in-ca-certificates', !!ski, ski ? 'the CA certificate has a subjectKeyIdentifier' : 'the CA certificate has no subjectKeyIdentifier', 'tbsCertificate.extensions');
  }
  const ku = decoded(c, OID.keyUsage, keyUsage);
  const bc = decoded(c, OID.basicConstraints, basicConstraints);
  const kuExt = extension(c, OID.keyUsage);
  const bcExt = extension(c, OID.basicConstraints);
  if (ku instanceof Set) {
    add('rfc5280/4.2.1.3/at-least-one-bit', ku.size > 0, ku.size ? `keyUsage: ${[...ku].join(', ')}` : 'keyUsage has no bit set', 'tbsCertificate.extensions', kuExt!.node);
    if (ku.has('keyCertSign')) {
      const ca = typeof bc === 'object' && bc.ca;
      add('rfc5280/4.2.1.9/key-cert-sign-needs-ca', ca, ca ? 'keyCertSign with basicConstraints cA' : 'keyCertSign is asserted but basicConstraints cA is not', 'tbsCertificate.extensions', kuExt!.node);
    }
  }
  if (typeof bc === 'object') {
    if (bc.pathLen !== null) {
      const ok = bc.ca && (!(ku instanceof Set) || ku.has('keyCertSign'));
      add('rfc5280/4.2.1.9/path-len-only-for-ca', ok, ok ? `pathLenConstraint ${bc.pathLen} in a CA certificate` : 'pathLenConstraint without cA and keyCertSign', 'tbsCertificate.extensions', bcExt!.node);
    }
  }
  if (role === 'ca' || (ku instanceof Set && ku.has('keyCertSign'))) {
    const ok = !!bcExt && bcExt.critical && typeof bc === 'object' && bc.ca;
    add('rfc5280/4.2.1.9/ca-basic-constraints-critical', ok, ok ? 'the CA certificate has a critical basicConstraints with cA' : `the CA certificate ${!bcExt ? 'has no basicConstraints' : !bcExt.critical ? 'has a non-critical basicConstraints' : 'has basicConstraints without cA'}`, 'tbsCertificate.extensions', bcExt?.node ?? null);
  }
  const san = decoded(c, OID.subjectAltName, subjectAltName);
  const sanExt = extension(c, OID.subjectAltName);
  if (typeof san === 'object') add('rfc5280/4.2.1.6/san-not-empty', san.count > 0, san.count ? `subjectAltName holds ${san.count} name(s)` : 'subjectAltName is an empty SEQUENCE', 'tbsCertificate.extensions', sanExt!.node);
  if (c.subject.rdnCount === 0) {
    const ok = !!sanExt && sanExt.critical;
    add('rfc5280/4.2.1.6/empty-subject-critical-san', ok, ok ? 'empty subject with a critical subjectAltName' : `empty subject with ${sanExt ? 'a non-critical' : 'no'} subjectAltName`, 'tbsCertificate.subject', c.subject.node);
  }
  return out;
}

/**
 * RFC 5280 4.2.1.12 (and 4.2.1.3): the certificate is used only for a purpose both its key usage
 * and its extended key usage allow. `purpose` is what the message uses the key for.
 */
export function purposeCheck(c: X509Certificate, purpose: 'sign' | 'key-transport' | 'key-agreement'): CertCheck | null {
  const ku = decoded(c, OID.keyUsage, keyUsage);
  if (!(ku instanceof Set)) return null;
  const need = purpose === 'sign' ? ['digitalSignature', 'nonRepudiation'] : purpose === 'key-transport' ? ['keyEncipherment'] : ['keyAgreement'];
  const ok = need.some((b) => ku.has(b as never));
  return {
    rule: 'rfc5280/4.2.1.12/use-consistent-with-key-usage', ok, field: 'tbsCertificate.extensions', node: extension(c, OID.keyUsage)!.node,
    message: ok ? `keyUsage allows ${purpose}` : `the key is used for ${purpose} but keyUsage (${[...ku].join(', ') || 'none'}) asserts none of ${need.join(', ')}`,
  };
}

/**
 * RFC 5280 4.2.1.12: with an extendedKeyUsage present, the certificate serves only a purpose it
 * lists; for S/MIME that purpose is id-kp-emailProtection (or anyExtendedKeyUsage), as RFC 8550
 * 4.4.4 makes receivers check for signers. Asked of a recipient's certificate: the message was
 * encrypted to a key its certificate does not let protect mail. Null without the extension.
 */
export function emailPurposeCheck(c: X509Certificate, purpose: 'key-transport' | 'key-agreement'): CertCheck | null {
  const eku = decoded(c, OID.extKeyUsage, extKeyUsage);
  if (!Array.isArray(eku)) return null;
  const ok = eku.includes(OID.emailProtection) || eku.includes(OID.anyExtendedKeyUsage);
  return {
    rule: 'rfc5280/4.2.1.12/eku-lists-the-purpose', ok, field: 'tbsCertificate.extensions', node: extension(c, OID.extKeyUsage)!.node,
    message: ok ? `extendedKeyUsage allows email protection (${purpose})` : `the key is used for ${purpose} of a mail, but extendedKeyUsage (${eku.join(', ')}) lists neither id-kp-emailProtection nor anyExtendedKeyUsage (RFC 8550 4.4.4)`,
  };
}
