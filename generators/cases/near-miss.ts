/**
 * Near misses (issue 14 item 2): legal messages that sit right beside a rule a checker or a
 * stack enforces, so that a careless implementation of the rule flags them. Each description
 * names the careless check it guards against. All are valid: RFC 5652 (and the RFCs cited)
 * allow every one of them, and a receiver must accept them.
 */
import { int, oid, printable, seq, utf8 } from '../../core/der/encode.ts';
import { OID } from '../../core/oids.ts';
import type { Algorithm, Feature } from '../../core/vocabulary.ts';
import type { BuiltCase, CaseContext, CaseDef } from '../case.ts';
import { attribute, signingTimeAttr, smimeCapabilitiesAttr } from '../cms/attributes.ts';
import { buildSignedData, type SignedDataSpec, type SignerSpec } from '../cms/signed-data.ts';
import type { SignatureChoice } from '../cms/signers.ts';
import { buildDigestedData } from '../cms/simple-types.ts';
import { readDer } from '../../core/der/reader.ts';
import { buildCrl } from '../x509/certificate.ts';
import { otherRevocationOcspTryLater, v2AttributeCertificate } from '../x509/other-certificates.ts';
import { profilesFor } from './common.ts';
import { NEAR_MISS_ENVELOPED } from './near-miss-enveloped.ts';

const RSA256: SignatureChoice = { kind: 'rsa-pkcs1-sha', digest: 'sha256' };
const ALGS: readonly Algorithm[] = ['sha256', 'rsa-pkcs1v15'];
/** RFC 5612: the enterprise number reserved for documentation, for an attribute nobody knows. */
const DOCUMENTATION_ARC = '1.3.6.1.4.1.32473';

interface NearMiss {
  readonly name: string;
  readonly description: string;
  readonly features: readonly Feature[];
  readonly requirements: readonly string[];
  readonly format?: 'der' | 'ber';
  readonly signers?: readonly string[];
  /** The SignedData spec, and the content to check against when it is not the sample message. */
  readonly spec: (ctx: CaseContext) => SignedDataSpec & { readonly ownContent?: BuiltCase['ownContent'] };
}

const alice = (ctx: CaseContext, extra: Partial<SignerSpec> = {}): SignerSpec => ({ identity: ctx.cast.get('alice-rsa'), signature: RSA256, signedAttrs: [], ...extra });
const certs = (ctx: CaseContext, ...ids: string[]) => ids.map((id) => ctx.cast.get(id).certDer);

/** Carl's subject Name and serial of a cast certificate, read from its DER. */
function nameAndSerial(der: Uint8Array): { subject: Uint8Array; serial: Uint8Array } {
  const tbs = readDer(der).root!.children[0]!.children;
  const s = tbs[1]!;
  const serial = der.slice(s.contentOffset, s.end);
  return { subject: der.slice(tbs[5]!.offset, tbs[5]!.end), serial: serial[0] === 0 ? serial.subarray(1) : serial };
}

function toCase(n: NearMiss): CaseDef {
  return {
    id: `signed-data/near-miss/${n.name}`,
    description: n.description,
    contentType: 'signedData',
    format: n.format ?? 'der',
    features: ['signed-data', ...n.features],
    algorithms: [...ALGS],
    requirements: [...new Set(['rfc5652/5.1', 'rfc5652/5.3', ...n.requirements])],
    profiles: profilesFor(ALGS),
    build(ctx) {
      const { ownContent, ...spec } = n.spec(ctx);
      return {
        bytes: buildSignedData(spec, ctx.rnd),
        ...(ownContent ? { ownContent } : { content: 'message' as const }),
        signers: n.signers ?? ['alice-rsa'],
      };
    },
  };
}

const SIGNED: readonly NearMiss[] = [
  {
    name: 'ber-uneven-segments',
    description: 'BER SignedData whose eContent is a constructed OCTET STRING of segments of 1, 0, 7 and the rest octets (a zero-length segment is legal BER, X.690 8.7.3); guards against a digest over the segment headers, or a parser that stops at an empty segment, while signedAttrs stay DER',
    features: ['attached', 'signed-attrs', 'ber-indefinite', 'ber-constructed-octets', 'sid-issuer-serial', 'certificates-included'],
    requirements: ['rfc5652/5.2'],
    format: 'ber',
    spec: (ctx) => {
      const content = ctx.content('message');
      return { content, signers: [alice(ctx)], certificates: certs(ctx, 'alice-rsa'), encoding: 'ber', berChunk: [1, 0, 7, content.length - 8] };
    },
  },
  {
    name: 'signed-attrs-der-not-oid-order',
    description: 'Signed attributes in DER SET OF order (X.690 11.6 compares encodings, so the shorter ones come first): content-type, signing-time, SMIMECapabilities, message-digest, which is not OID order (9.3, 9.4, 9.5, 9.15); guards against a DER check that sorts by attribute type instead of by encoding, or that wants message-digest right after content-type',
    features: ['attached', 'signed-attrs', 'signing-time-utc', 'smime-capabilities', 'sid-issuer-serial', 'certificates-included', 'der'],
    requirements: ['rfc5652/5.4', 'rfc8551/2.5.2'],
    spec: (ctx) => ({
      content: ctx.content('message'),
      signers: [alice(ctx, { signedAttrs: [signingTimeAttr('2026-01-15T12:00:00Z'), smimeCapabilitiesAttr([seq(oid(OID.aes256Cbc)), seq(oid(OID.aes128Cbc))])] })],
      certificates: certs(ctx, 'alice-rsa'),
    }),
  },
  {
    name: 'v3-for-non-data-content',
    description: 'SignedData version 3 over a DigestedData (eContentType id-digestedData) with a version 1 (issuerAndSerialNumber) SignerInfo: version 3 for the right reason (RFC 5652 5.1, eContentType other than id-data); guards against a version check that looks only at the SignerInfo versions',
    features: ['attached', 'signed-attrs', 'econtent-type-other', 'sid-issuer-serial', 'certificates-included', 'der'],
    requirements: ['rfc5652/5.2', 'rfc5652/7'],
    spec: (ctx) => {
      const ci = buildDigestedData(ctx.content('message'), 'sha256');
      const body = readDer(ci).root!.children[1]!.children[0]!;
      const content = ci.slice(body.offset, body.end);
      return { content, eContentType: OID.digestedData, signers: [alice(ctx)], certificates: certs(ctx, 'alice-rsa'), ownContent: { name: 'near-miss-digested-data.der', bytes: content } };
    },
  },
  {
    name: 'unknown-unsigned-attribute',
    description: 'SignerInfo with an unsigned attribute of a type nobody registered (under the RFC 5612 documentation arc) holding a UTF8String; RFC 5652 5.3 lets any attribute be unsigned and receivers ignore types they do not know; guards against a checker or verifier that rejects unknown attributes',
    features: ['attached', 'signed-attrs', 'sid-issuer-serial', 'certificates-included', 'der'],
    requirements: ['rfc5652/5.3', 'rfc5652/11'],
    spec: (ctx) => ({
      content: ctx.content('message'),
      signers: [alice(ctx, { unsignedAttrs: () => [attribute(`${DOCUMENTATION_ARC}.1`, utf8('an unsigned note nobody needs to understand'))] })],
      certificates: certs(ctx, 'alice-rsa'),
    }),
  },
  {
    name: 'signed-attr-values-set-of-order',
    description: 'A signed attribute of an unregistered type (RFC 5612 documentation arc) with two values, a PrintableString and a SEQUENCE, in DER SET OF order (X.690 11.6: by encoding, 0x13 before 0x30), which is not the tag order of a SET (X.690 10.3: SEQUENCE, 16, before PrintableString, 19); guards against a DER check that orders attrValues as a SET of components',
    features: ['attached', 'signed-attrs', 'sid-issuer-serial', 'certificates-included', 'der'],
    requirements: ['rfc5652/5.3', 'rfc5652/5.4'],
    spec: (ctx) => ({
      content: ctx.content('message'),
      signers: [alice(ctx, { signedAttrs: [attribute(`${DOCUMENTATION_ARC}.2`, printable('cms-interop'), seq(int(1)))] })],
      certificates: certs(ctx, 'alice-rsa'),
    }),
  },
  {
    name: 'mixed-signer-identifiers',
    description: 'Two SignerInfos by Alice (issuerAndSerialNumber, version 1) and Diane (subjectKeyIdentifier, version 3), SignedData version 3 (RFC 5652 5.1: any version 3 SignerInfo); guards against requiring every SignerInfo to share one version, or taking the SignedData version from the first signer',
    features: ['attached', 'signed-attrs', 'multiple-signers', 'sid-issuer-serial', 'sid-ski', 'certificates-included', 'der'],
    requirements: ['rfc5652/5.1', 'rfc5652/5.3'],
    signers: ['alice-rsa', 'diane-rsa'],
    spec: (ctx) => ({
      content: ctx.content('message'),
      signers: [alice(ctx), { identity: ctx.cast.get('diane-rsa'), signature: RSA256, signedAttrs: [], sid: 'ski' }],
      certificates: certs(ctx, 'alice-rsa', 'diane-rsa'),
    }),
  },
  {
    name: 'crl-revoking-another-certificate',
    description: 'SignedData carrying a fresh CRL of Carl that revokes Bob\'s RSA certificate, not Alice\'s (RFC 5280 6.3); guards against a receiver that treats any revoked entry, or a CRL newer than the cast\'s, as revoking the signer',
    features: ['attached', 'signed-attrs', 'crls-included', 'sid-issuer-serial', 'certificates-included', 'der'],
    requirements: ['rfc5652/10.2.1', 'rfc8550/2.1'],
    spec: (ctx) => {
      const carl = ctx.cast.get('carl-rsa');
      const crl = buildCrl({
        issuer: nameAndSerial(carl.certDer).subject, thisUpdate: '2026-01-01T00:00:00Z', nextUpdate: '2099-12-31T23:59:59Z',
        revoked: [{ serial: nameAndSerial(ctx.cast.get('bob-rsa').certDer).serial, date: '2025-06-01T00:00:00Z' }], authorityKeyId: carl.ski, crlNumber: 3,
      }, carl.key!);
      return { content: ctx.content('message'), signers: [alice(ctx)], certificates: certs(ctx, 'alice-rsa', 'carl-rsa'), crls: [crl] };
    },
  },
  {
    name: 'zero-length-econtent',
    description: 'Attached SignedData whose eContent is present and empty (an OCTET STRING of length 0), signed with its SHA-256 message digest of the empty string; guards against a parser that treats empty eContent as absent and asks for a detached content',
    features: ['attached', 'signed-attrs', 'sid-issuer-serial', 'certificates-included', 'der'],
    requirements: ['rfc5652/5.2'],
    spec: (ctx) => ({ content: new Uint8Array(0), signers: [alice(ctx)], certificates: certs(ctx, 'alice-rsa'), ownContent: { name: 'empty.txt', bytes: new Uint8Array(0) } }),
  },
  {
    name: 'signing-time-utc-2049',
    description: 'signing-time 2049-12-31T23:59:59Z as UTCTime 491231235959Z, the last instant RFC 5652 11.3 puts in UTCTime (YY < 50 is 20YY, RFC 5280 4.1.2.5.1); guards against a time check that reads 49 as 1949, or that wants GeneralizedTime from 2049 on',
    features: ['attached', 'signed-attrs', 'signing-time-utc', 'sid-issuer-serial', 'certificates-included', 'der'],
    requirements: ['rfc5652/11.3'],
    spec: (ctx) => ({ content: ctx.content('message'), signers: [alice(ctx, { signedAttrs: [signingTimeAttr('2049-12-31T23:59:59Z')] })], certificates: certs(ctx, 'alice-rsa') }),
  },
  {
    name: 'v4-with-v2-attribute-certificate',
    description: 'SignedData version 4 carrying Carl\'s version 2 attribute certificate for Alice (v2AttrCert [2]) beside her certificate, as RFC 5652 5.1 requires; guards against a version check that allows only 1 and 3, or a parser that rejects the [2] choice it does not use',
    features: ['attached', 'signed-attrs', 'sid-issuer-serial', 'certificates-included', 'der'],
    requirements: ['rfc5652/5.1', 'rfc5652/10.2.2'],
    spec: (ctx) => ({ content: ctx.content('message'), signers: [alice(ctx)], certificates: [...certs(ctx, 'alice-rsa'), v2AttributeCertificate(roleFor(ctx), ctx.cast.get('carl-rsa').key!)], defects: { version: 4 } }),
  },
  {
    name: 'v5-with-ocsp-revocation-info',
    description: 'SignedData version 5 whose crls hold Carl\'s CRL and an OCSP response as an "other" RevocationInfoChoice (RFC 5940 3), as RFC 5652 5.1 requires; guards against a parser that rejects the other [1] choice, or a version check that stops at 4',
    features: ['attached', 'signed-attrs', 'crls-included', 'sid-issuer-serial', 'certificates-included', 'der'],
    requirements: ['rfc5652/5.1', 'rfc5652/10.2.1'],
    spec: (ctx) => ({ content: ctx.content('message'), signers: [alice(ctx)], certificates: certs(ctx, 'alice-rsa', 'carl-rsa'), crls: [ctx.cast.crlDer, otherRevocationOcspTryLater()], defects: { version: 5 } }),
  },
  {
    name: 'signer-certificate-not-first',
    description: 'SignedData carrying five RSA certificates of the cast sorted into DER SET OF order (Carl, Bob, Alice, Erica, Diane), so that Alice\'s, the signer\'s, is the third; guards against a verifier that takes certificates[0] as the signer instead of matching the sid',
    features: ['attached', 'signed-attrs', 'sid-issuer-serial', 'certificates-included', 'der'],
    requirements: ['rfc5652/5.3', 'rfc5652/10.2.3'],
    spec: (ctx) => ({ content: ctx.content('message'), signers: [alice(ctx)], certificates: certs(ctx, 'carl-rsa', 'bob-rsa', 'diane-rsa', 'erica-rsa', 'alice-rsa') }),
  },
];

/** Carl's attribute certificate giving Alice a role (the same as the invalid version cases use). */
function roleFor(ctx: CaseContext) {
  const a = nameAndSerial(ctx.cast.get('alice-rsa').certDer);
  const issuer = readDer(ctx.cast.get('alice-rsa').certDer).root!.children[0]!.children[3]!;
  const der = ctx.cast.get('alice-rsa').certDer;
  return {
    holderIssuer: der.slice(issuer.offset, issuer.end), holderSerial: a.serial,
    issuer: nameAndSerial(ctx.cast.get('carl-rsa').certDer).subject, serial: Uint8Array.of(0x41, 0x43), role: 'urn:example:cms-interop:role:signer',
  };
}

export const NEAR_MISS_CASES: readonly CaseDef[] = [...SIGNED.map(toCase), ...NEAR_MISS_ENVELOPED];
