/**
 * The S/MIME certificate profile statements of RFC 8550 3 and 4.4 that a CA breaks and a message
 * shows (the certificate travels in it): Alice's RSA certificate re-issued by Carl with one field
 * changed (generators/mutations/certificates/common.ts), then Alice signs the sample message
 * with it. All of them are RFC 8550 (current profile) statements; RFC 2632 had none of them.
 */
import { bitString, oid, seq, setOf, utf8 } from '../../../core/der/encode.ts';
import { readDer } from '../../../core/der/reader.ts';
import { OID } from '../../../core/oids.ts';
import type { CertificateSpec } from '../../x509/certificate.ts';
import { aliceCertificate, fieldsOf, signedWith } from '../certificates/common.ts';
import { aliceSignedData } from '../signed/common.ts';
import type { Mutation } from '../mutation.ts';
import type { CaseContext } from '../../case.ts';

interface ProfileDefect {
  readonly name: string;
  readonly description: string;
  /** The RFC 8550 statement, then the RFC 5280 one it restates, where the checker has both. */
  readonly requirements: readonly string[];
  readonly change: (ctx: CaseContext) => Partial<CertificateSpec>;
  /**
   * Put the defective certificate beside Alice's own instead of signing with it: for a defect
   * that would also break her path (an empty issuer names no CA), so only the profile fails.
   */
  readonly beside?: boolean;
}

const profileDefect = (d: ProfileDefect): Mutation => ({
  id: `invalid/certificates/${d.name}`,
  description: d.description,
  stage: 'before',
  base: 'signed-data/rsa-sha256/attached',
  requirements: d.requirements,
  flag: 'CertificateFieldRule',
  expected: 'invalid',
  profiles: ['current'],
  apply: ({ ctx }) => {
    const defective = aliceCertificate(ctx, d.change(ctx));
    return { bytes: d.beside ? aliceSignedData(ctx, {}, { certificates: [ctx.cast.get('alice-rsa').certDer, defective] }) : signedWith(ctx, [defective]) };
  },
});

/** Alice's subject Name with one more RDN appended. */
function aliceSubjectPlus(ctx: CaseContext, rdn: Uint8Array): Uint8Array {
  const subject = fieldsOf(ctx.cast.get('alice-rsa').certDer).subject;
  const rdns = readDer(subject).root!.children.map((c) => subject.subarray(c.offset, c.end));
  return seq(...rdns, rdn);
}

export const SMIME_CERTIFICATE_PROFILE_MUTATIONS: readonly Mutation[] = [
  profileDefect({
    name: 'signer-key-usage-not-critical',
    description: 'Signer certificate whose keyUsage extension is not marked critical, which RFC 8550 4.4.2 requires; a CA that copies RFC 5280\'s SHOULD instead of S/MIME\'s MUST issues it, and a receiver that ignores non-critical keyUsage uses the key for anything',
    requirements: ['rfc8550/4.4.2/key-usage-critical'],
    change: () => ({ keyUsageCritical: false }),
  }),
  profileDefect({
    name: 'signer-empty-subject-san-not-critical',
    description: 'Signer certificate with an empty subject Name whose subjectAltName (alice@example.com) is not critical, where RFC 8550 3 requires it critical; a receiver that skips non-critical extensions sees a certificate naming nobody',
    requirements: ['rfc8550/3/empty-subject-critical-san', 'rfc5280/4.2.1.6/empty-subject-critical-san'],
    change: () => ({ subject: seq() }),
  }),
  profileDefect({
    name: 'certificate-issuer-name-empty',
    description: 'A second certificate for Alice (same key, serial and subject, signed by Carl) carried beside her own, whose issuer is an empty Name, which RFC 8550 3 (after RFC 5280 4.1.2.4) forbids; a parser that accepts it, or a chain builder that matches an empty name to any CA, takes a certificate that names no issuer',
    requirements: ['rfc8550/3/names-populated', 'rfc5280/4.1.2.4/issuer-non-empty'],
    change: () => ({ issuer: seq() }),
    beside: true,
  }),
  profileDefect({
    name: 'signer-email-address-utf8',
    description: 'Signer certificate whose subject carries the PKCS #9 emailAddress as a UTF8String, where RFC 8550 3 requires IA5String; a parser that reads any string type there compares an address in an encoding no conforming CA writes',
    requirements: ['rfc8550/3/emailaddress-ia5string'],
    change: (ctx) => ({ subject: aliceSubjectPlus(ctx, setOf(seq(oid(OID.emailAddress), utf8('alice@example.com')))) }),
  }),
  profileDefect({
    name: 'signer-ski-bit-string',
    description: 'Signer certificate whose subjectKeyIdentifier extnValue is a BIT STRING instead of the OCTET STRING of RFC 5280 4.2.1.2, against RFC 8550 4.4 (extensions follow RFC 5280 syntax); a parser that takes the content octets of any type matches signer identifiers against garbage',
    requirements: ['rfc8550/4.4/extension-syntax-rfc5280', 'rfc5280/4.2/extension-syntax'],
    change: (ctx) => ({ subjectKeyIdValue: bitString(ctx.cast.get('alice-rsa').ski) }),
  }),
  profileDefect({
    name: 'signer-smtputf8-mailbox-ascii-local-part',
    description: 'Signer certificate whose subjectAltName also holds alice@example.com as an SmtpUTF8Mailbox otherName, though its local part is ASCII and RFC 8550 4.4.3 (RFC 8398 3) requires an rfc822Name for it; a receiver that compares only one form sees two different identities',
    requirements: ['rfc8550/4.4.3/ascii-local-part-rfc822name'],
    change: () => ({ smtpUtf8Mailboxes: ['alice@example.com'] }),
  }),
  profileDefect({
    name: 'signer-rfc822name-non-ascii-local-part',
    description: 'Signer certificate whose subjectAltName rfc822Name holds the UTF-8 octets of alíce@example.com, where RFC 8550 4.4.3 (RFC 8398 3) requires an SmtpUTF8Mailbox otherName for a non-ASCII local part; an rfc822Name is an IA5String, so the same octets also break the RFC 5280 syntax (4.4). A receiver that reads IA5String as UTF-8 matches an address no conforming CA can certify that way',
    requirements: ['rfc8550/4.4.3/non-ascii-local-part-othername', 'rfc8550/4.4/extension-syntax-rfc5280', 'rfc5280/4.2/extension-syntax'],
    change: () => ({ email: 'alíce@example.com' }),
  }),
];
