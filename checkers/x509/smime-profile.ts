/**
 * The S/MIME certificate profile (RFC 8550 3 and 4.4, with the RFC 5280 statements they cite) on
 * one certificate of a message: names populated, where the email address lives and how it is
 * encoded, which extensions are critical, basic constraints by role, key usage marked critical
 * and allowing signatures for a signer (4.4.2), extended key usage allowing email protection
 * (4.4.4), and the historic algorithms and key sizes of 1.3 and 6. These entries belong to the
 * current profile only; under --profile v3 the context drops them.
 */
import { createPublicKey } from 'node:crypto';
import { publicKeyCached } from './cache.ts';
import { OID } from '../../core/oids.ts';
import type { X509Certificate } from './certificate.ts';
import { decoded, extension, extKeyUsage, keyUsage, readSubjectAltName, subjectAltName, syntaxProblem, type SubjectAltName } from './extensions.ts';
import { text } from './fields.ts';
import type { CertCheck, CertRole } from './rules.ts';

/** RFC 8550 4.4: the five extensions an S/MIME agent must handle. */
const LISTED = new Set<string>([OID.basicConstraints, OID.keyUsage, OID.authorityKeyIdentifier, OID.subjectKeyIdentifier, OID.subjectAltName]);
/** RFC 8550 Appendix A / 1.3: historic certificate signature algorithms. */
const HISTORIC_SIGNATURES = new Set<string>([OID.md2WithRSAEncryption, OID.md5WithRSAEncryption, OID.sha1WithRSAEncryption, OID.dsaWithSha1, OID.ecdsaWithSha1, OID.dsaWithSha256]);

export function emailAddresses(c: X509Certificate): { san: readonly string[]; dn: readonly string[] } {
  const san = decoded(c, OID.subjectAltName, subjectAltName);
  const s = typeof san === 'object' ? [...san.rfc822, ...san.smtpUtf8] : [];
  const dn = c.subject.attributes.filter((a) => a.oid === OID.emailAddress).map((a) => text(a.tag, a.value));
  return { san: s, dn };
}

/** RSA modulus or DSA prime size in bits, from the key itself; null for other key types. */
export function keyBits(c: X509Certificate): { type: string; bits: number } | null {
  try {
    const k = publicKeyCached(c.spki, (spki) => createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' }));
    if (!k) return null;
    const d = k.asymmetricKeyDetails;
    if ((k.asymmetricKeyType === 'rsa' || k.asymmetricKeyType === 'rsa-pss' || k.asymmetricKeyType === 'dsa') && d?.modulusLength) return { type: k.asymmetricKeyType, bits: d.modulusLength };
  } catch {
    // a key Node cannot load (DSA without parameters, an unknown algorithm) has no size here
  }
  return null;
}

export function smimeProfileChecks(c: X509Certificate, role: CertRole): CertCheck[] {
  const out: CertCheck[] = [];
  const add = (rule: string, ok: boolean, message: string, field = 'tbsCertificate', node = c.subject.node as CertCheck['node']) => out.push({ rule, ok, message, field, node });
  const ee = role !== 'ca';
  add('rfc8550/3/names-populated', c.issuer.rdnCount > 0 && (ee || c.subject.rdnCount > 0),
    c.issuer.rdnCount === 0 ? 'issuer is an empty Name' : !ee && c.subject.rdnCount === 0 ? 'a CA certificate has an empty subject' : 'subject and issuer names are populated');
  const sanExt = extension(c, OID.subjectAltName);
  if (ee && c.subject.rdnCount === 0) add('rfc8550/3/empty-subject-critical-san', !!sanExt?.critical, sanExt?.critical ? 'empty subject, critical subjectAltName' : 'empty subject without a critical subjectAltName');
  const emails = emailAddresses(c);
  for (const a of c.subject.attributes.filter((x) => x.oid === OID.emailAddress)) {
    const ok = a.tag === 22 && a.value.length <= 255;
    add('rfc8550/3/emailaddress-ia5string', ok, ok ? 'emailAddress is an IA5String' : a.tag !== 22 ? `emailAddress is universal type ${a.tag}, not IA5String` : `emailAddress has ${a.value.length} characters (at most 255)`, 'tbsCertificate.subject', a.node);
  }
  if (ee) {
    add('rfc8550/3/email-not-in-subject-dn', emails.dn.length === 0, emails.dn.length ? `the subject DN carries emailAddress ${emails.dn.join(', ')}` : 'no email address in the subject DN');
    if (emails.dn.length) add('rfc8550/3/email-in-subjectaltname', emails.san.length > 0, emails.san.length ? 'the email address is also in subjectAltName' : 'the email address is only in the subject DN, not in subjectAltName');
  }
  // Read with its non-ASCII rfc822Names kept: their syntax failure is 4.4's, where they belong 4.4.3's.
  const san = decoded(c, OID.subjectAltName, readSubjectAltName);
  if (typeof san === 'object') encodingChecks(san, add, sanExt!.node);
  c.extensions.forEach((e, k) => {
    const field = `tbsCertificate.extensions[${k}]`;
    const bad = syntaxProblem(e);
    add('rfc8550/4.4/extension-syntax-rfc5280', bad === null, bad ? `extension ${e.oid} does not have its RFC 5280 syntax: ${bad}` : `extension ${e.oid} follows RFC 5280`, field, e.node);
    if (!LISTED.has(e.oid)) {
      add('rfc8550/4.4/no-other-critical-extensions', !e.critical, e.critical ? `extension ${e.oid}, not one of the five RFC 8550 4.4 lists, is critical` : `extension ${e.oid} is non-critical`, field, e.node);
      add('rfc8550/4.4/other-extensions-noncritical', !e.critical, e.critical ? `additional extension ${e.oid} is marked critical` : `additional extension ${e.oid} is non-critical`, field, e.node);
    } else if (e.oid !== OID.keyUsage && !(e.oid === OID.basicConstraints && !ee) && !(e.oid === OID.subjectAltName && c.subject.rdnCount === 0)) {
      // keyUsage must be critical (4.4.2); a CA's basicConstraints and the subjectAltName of an
      // empty subject are critical by RFC 5280's own rules, which "proper handling" covers.
      add('rfc8550/4.4/listed-extensions-noncritical', !e.critical, e.critical ? `extension ${e.oid} is marked critical` : `extension ${e.oid} is non-critical`, field, e.node);
    }
  });
  const bcExt = extension(c, OID.basicConstraints);
  if (role === 'ca') add('rfc8550/4.4.1/ca-has-basic-constraints', !!bcExt, bcExt ? 'the CA certificate has basicConstraints' : 'the CA certificate has no basicConstraints');
  else add('rfc8550/4.4.1/end-entity-no-basic-constraints', !bcExt, bcExt ? 'the end-entity certificate has a basicConstraints extension' : 'no basicConstraints in the end-entity certificate', 'tbsCertificate.extensions', bcExt?.node ?? null);
  const kuExt = extension(c, OID.keyUsage);
  if (kuExt) add('rfc8550/4.4.2/key-usage-critical', kuExt.critical, kuExt.critical ? 'keyUsage is critical' : 'keyUsage is not marked critical', 'tbsCertificate.extensions', kuExt.node);
  if (role === 'signer') signerChecks(c, add);
  historicChecks(c, add);
  return out;
}

type Add = (rule: string, ok: boolean, message: string, field?: string, node?: CertCheck['node']) => void;

/** RFC 8550 4.4.3: ASCII local parts as rfc822Name, others as SmtpUTF8Mailbox (RFC 8398). */
function encodingChecks(san: SubjectAltName, add: Add, node: CertCheck['node']): void {
  const ascii = (s: string) => /^[\x00-\x7f]*$/.test(s);
  const local = (s: string) => s.slice(0, Math.max(0, s.lastIndexOf('@')));
  for (const a of san.rfc822) add('rfc8550/4.4.3/non-ascii-local-part-othername', true, `rfc822Name ${a} is ASCII`, 'tbsCertificate.extensions', node);
  // A non-ASCII domain with an ASCII local part belongs in rfc822Name as A-labels (RFC 8398 3):
  // a syntax defect (4.4), not a misplaced address.
  for (const a of san.nonAsciiRfc822.filter((x) => !ascii(local(x)))) add('rfc8550/4.4.3/non-ascii-local-part-othername', false, `rfc822Name ${a} has a non-ASCII local part, which belongs in an SmtpUTF8Mailbox otherName (RFC 8398 3)`, 'tbsCertificate.extensions', node);
  for (const a of san.smtpUtf8) add('rfc8550/4.4.3/ascii-local-part-rfc822name', !ascii(local(a)), !ascii(local(a)) ? 'SmtpUTF8Mailbox with a non-ASCII local part' : `SmtpUTF8Mailbox ${a} has an ASCII local part, which must be an rfc822Name`, 'tbsCertificate.extensions', node);
}

/** RFC 8550 4.4.2 and 4.4.4 on the certificate that verified a signature. */
function signerChecks(c: X509Certificate, add: Add): void {
  const ku = decoded(c, OID.keyUsage, keyUsage);
  if (ku instanceof Set) {
    const ok = ku.has('digitalSignature') || ku.has('nonRepudiation');
    add('rfc8550/4.4.2/reject-signature-without-signing-bits', ok, ok ? 'the signer certificate\'s keyUsage allows signatures' : `the signer certificate's keyUsage (${[...ku].join(', ') || 'none'}) has neither digitalSignature nor nonRepudiation`, 'tbsCertificate.extensions', extension(c, OID.keyUsage)!.node);
  }
  const eku = decoded(c, OID.extKeyUsage, extKeyUsage);
  if (Array.isArray(eku)) {
    const ok = eku.includes(OID.emailProtection) || eku.includes(OID.anyExtendedKeyUsage);
    add('rfc8550/4.4.4/check-extended-key-usage', ok, ok ? 'extendedKeyUsage allows email protection' : `the signer certificate's extendedKeyUsage (${eku.join(', ')}) lists neither id-kp-emailProtection nor anyExtendedKeyUsage`, 'tbsCertificate.extensions', extension(c, OID.extKeyUsage)!.node);
  }
}

/** RFC 8550 1.3 (Appendix A): MD5, SHA-1 and DSA signatures, RSA and DSA keys under 2048 bits. */
function historicChecks(c: X509Certificate, add: Add): void {
  const alg = c.signatureAlgorithm.oid;
  const historicSig = HISTORIC_SIGNATURES.has(alg);
  const size = keyBits(c);
  const small = size !== null && size.bits < 2048;
  const why = [historicSig ? `signed with ${alg}` : '', small ? `a ${size!.bits}-bit ${size!.type.toUpperCase()} key` : '', c.spkiAlgorithm.oid === OID.dsa ? 'a DSA key' : ''].filter(Boolean);
  add('rfc8550/1.3/no-historic-algorithms-for-new', why.length === 0, why.length ? `the certificate uses historic algorithms: ${why.join(', ')}` : 'no historic algorithm in the certificate', 'signatureAlgorithm', c.signatureAlgorithm.node);
}

/** RFC 8550 3: addresses compare with the domain case-insensitive (the local part too, SHOULD). */
export function sameAddress(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

