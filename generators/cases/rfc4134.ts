/**
 * RFC 4134, reproduced: one case per example message of the RFC, numbered as the RFC numbers them
 * (3.1 ... 7.2; 4.8 and 4.9 are MIME entities and belong to the MIME layer), built with the
 * ordinary builders from the RFC's keys (generators/rfc4134-cast.ts) and its stated inputs:
 * ExContent, signing times, attribute values, certificate sets, algorithm identifiers as the RFC
 * writes them (rsaEncryption with NULL, SHA-1 with NULL parameters only in 4.2 and 4.5).
 *
 * Why: the RFC's messages are the oldest shared CMS test vectors. Where a message is a function
 * of its keys and inputs (3.1, 3.2, 4.2, 4.5, 4.11, 6.0, 7.1, 7.2) the case reproduces the RFC's
 * bytes exactly, and test/rfc4134-reproduce.test.ts compares them. Where the RFC used randomness
 * (DSA k, CEKs, IVs, RSA padding) the case draws it from the sample's seeded stream and RFC 6979,
 * giving the same structure with our own values; `signedSpec` lets the test rebuild the SignedData
 * messages with the RFC's own signature values, which must then give the RFC's bytes too.
 * Where the RFC's prose and bytes disagree, the bytes win (see spec/rfc4134-notes.md).
 */
import { ctxConstructed, ctxPrimitive, explicit, generalizedTime, int, octets, oid, oidContent, printable, seq, setOf, utf8 } from '../../core/der/encode.ts';
import { OID } from '../../core/oids.ts';
import type { Algorithm, ContentTypeName, Feature } from '../../core/vocabulary.ts';
import type { BuiltCase, CaseContext, CaseDef } from '../case.ts';
import { digestIdentifierWithNull } from '../cms/algorithms.ts';
import { attribute, signingTimeAttr, smimeCapabilitiesAttr } from '../cms/attributes.ts';
import { buildEncryptedData, buildEnvelopedData } from '../cms/enveloped-data.ts';
import { buildSignedData, countersignatureAttr, type SignedDataSpec, type SignerSpec } from '../cms/signed-data.ts';
import { buildData, buildDigestedData } from '../cms/simple-types.ts';
import type { CbcKey } from '../cms/content-encryption.ts';
import { loadRfc4134Cast } from '../rfc4134-cast.ts';
import { kekri, ktri } from './common.ts';

/** A case that reproduces one RFC 4134 file. */
export interface Rfc4134Case extends CaseDef {
  /** The RFC 4134 file (Appendix A name) this case reproduces. */
  readonly rfcFile: string;
  /** True when the sample's bytes equal the RFC's bytes. */
  readonly identical: boolean;
  /** SignedData cases: the builder input, so a test can rebuild with the RFC's signature values. */
  readonly signedSpec?: (ctx: CaseContext) => SignedDataSpec;
}

const ALICE_DSS = 'rfc4134-alice-dss';
const ALICE_RSA = 'rfc4134-alice-rsa';
const DIANE_DSS = 'rfc4134-diane-dss';
const BOB_RSA = 'rfc4134-bob-rsa';
const CARL_DSS = 'rfc4134-carl-dss';
const CARL_RSA = 'rfc4134-carl-rsa';

const DSS: SignerSpec['signature'] = { kind: 'dsa', digest: 'sha1' };
const RSA: SignerSpec['signature'] = { kind: 'rsa-pkcs1', digest: 'sha1' };
/** 4.4's signingTime, which appears only in the bytes. */
const SIGNING_TIME_44 = '2003-05-14T15:39:00Z';
/** The value of the RFC's private attribute 1.2.5555 in 4.10 and 7.2. */
const GENERAL_ASN = 'This is a test General ASN Attribute, number 1.';
const generalAsnAttr = (): Uint8Array => attribute('1.2.5555', octets(new TextEncoder().encode(GENERAL_ASN)));
const contentHintsAttr = (): Uint8Array => attribute(OID.contentHint, seq(utf8('Content Hints Description Buffer'), oid(OID.data)));
const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);
const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, 'hex'));

/** The 7.1 key; 7.2 does not state its key, and it is this one (decrypting 7.2 with it works). */
const KEY_7 = hex('737C791F25EAD0E04629254352F7DC6291E5CB26917ADA32');
/** 5.2's "MailListRC2" KEK is not in the RFC: this fixed 128-bit value stands in for it. */
const KEK_52 = { keyId: ascii('MailListRC2'), key: ascii('MailListRC2 KEK.'), wrap: 'rc2-wrap' as const };

// ---------------------------------------------------------------- 4.10's ESS and S/MIME attribute values

/** The names of 4.10: C=US, O=US Government, OU=VDA Site, OU=VDA, CN=cn, all PrintableString. */
const vdaName = (cn: string): Uint8Array => seq(...([['2.5.4.6', 'US'], ['2.5.4.10', 'US Government'], ['2.5.4.11', 'VDA Site'],
  ['2.5.4.11', 'VDA'], ['2.5.4.3', cn]] as const).map(([type, value]) => setOf(seq(oid(type), printable(value)))));

/** ESSSecurityLabel SET { classification 1, policy, PrintableString mark, { [0] 1.2.3.4.5.6.7.888, [1] category } }. */
const securityLabel = (policy: string, mark: string, category: string): Uint8Array => setOf(
  int(1), oid(policy), printable(mark),
  setOf(seq(ctxPrimitive(0, oidContent('1.2.3.4.5.6.7.888')), explicit(1, printable(category)))));

/** The eight attributes 4.10 lists, with the values its bytes carry (contentType and messageDigest are added by the builder). */
function attributes410(): Uint8Array[] {
  const category = 'THIS IS A TEST SECURITY-CATEGORY.';
  const equivalent = `EQUIVALENT ${category}`;
  return [
    generalAsnAttr(),
    contentHintsAttr(),
    smimeCapabilitiesAttr([seq(oid('1.2.3.4.5.6')), seq(oid('1.2.3.4.5.6.77'), octets(ascii('Smime Capabilities parameters buffer 2')))]),
    attribute(OID.securityLabel, securityLabel('1.2.3.4.5.6.7.8', 'THIS IS A PRIVACY MARK TEST', category)),
    attribute(OID.contentReference, seq(oid('1.2.3.4.5.6'), octets(ascii('Content Reference Content Identifier Buffer')),
      octets(ascii('Content Reference Signature Value Buffer')))),
    // SMIMEEncryptionKeyPreference [0] IMPLICIT IssuerAndSerialNumber
    attribute(OID.encrypKeyPref, ctxConstructed(0, vdaName('Daisy RSA'), int(0x0a554433))),
    // MLData { mailListIdentifier subjectKeyIdentifier, expansionTime, [1] IMPLICIT insteadOf { GeneralNames } };
    // directoryName [4] stays explicit because Name is a CHOICE
    attribute(OID.mlExpansionHistory, seq(seq(octets(ascii('5738299')), generalizedTime('19990311104433Z'),
      ctxConstructed(1, seq(explicit(4, vdaName('Bugs Bunny DSA')), explicit(4, vdaName('Elmer Fudd DSA'))))))),
    attribute(OID.equivalentLabels, seq(
      securityLabel('1.2.3.4.5.6.7.9', 'EQUIVALENT THIS IS A PRIVACY MARK TEST', equivalent),
      securityLabel('1.2.3.4.5.6.7.10', 'EQUIVALENT THIS IS A SECOND PRIVACY MARK TEST', equivalent))),
  ];
}

// ---------------------------------------------------------------- SignedData (section 4)

const certs = (ctx: CaseContext, ids: readonly string[]): Uint8Array[] => ids.map((id) => ctx.cast.get(id).certDer);
const signer = (ctx: CaseContext, id: string, extra: Partial<SignerSpec> = {}): SignerSpec =>
  ({ identity: ctx.cast.get(id), signature: id.endsWith('-rsa') ? RSA : DSS, signedAttrs: null, ...extra });

interface SignedVariant {
  readonly id: string;
  readonly rfcFile: string;
  readonly identical: boolean;
  readonly description: string;
  readonly features: readonly Feature[];
  readonly algorithms: readonly Algorithm[];
  readonly requirements: readonly string[];
  readonly format?: 'der' | 'ber';
  readonly signers: readonly string[];
  readonly spec: (ctx: CaseContext, content: Uint8Array) => SignedDataSpec;
}

function signedCase(v: SignedVariant): Rfc4134Case {
  const signedSpec = (ctx: CaseContext) => v.spec(ctx, ctx.content('ex-content'));
  return {
    id: `rfc4134/${v.id}`, rfcFile: v.rfcFile, identical: v.identical, description: v.description,
    contentType: 'signedData', format: v.format ?? 'der',
    features: ['rfc4134', 'signed-data', ...v.features], algorithms: v.algorithms,
    requirements: ['rfc5652/5.1', 'rfc5652/5.3', ...v.requirements], profiles: ['v3'],
    signedSpec,
    build(ctx): BuiltCase {
      const spec = signedSpec(ctx);
      return {
        bytes: buildSignedData(spec, ctx.rnd),
        ...(spec.content ? { content: 'ex-content' as const } : {}),
        ...(spec.detached ? { detached: true } : {}),
        signers: v.signers,
      };
    },
  };
}

const DSS_ALGS: readonly Algorithm[] = ['sha1', 'dsa'];
const RSA_ALGS: readonly Algorithm[] = ['sha1', 'rsa-pkcs1v15'];
const DSS_REQS = ['rfc3370/2.1', 'rfc3370/3.1', 'rfc5652/5.4'];
const RSA_REQS = ['rfc3370/2.1', 'rfc3370/3.2', 'rfc5652/5.4'];
const BASIC: readonly Feature[] = ['attached', 'no-signed-attrs', 'sid-issuer-serial', 'certificates-included'];

const SIGNED: readonly Rfc4134Case[] = [
  signedCase({
    id: '4.1-signed-dss', rfcFile: '4.1.bin', identical: false, signers: [ALICE_DSS],
    description: 'RFC 4134 4.1: SignedData v1 by AliceDSS (dsaWithSHA1, no signed attributes) over ExContent; our RFC 6979 DSA signature',
    features: [...BASIC, 'der'], algorithms: DSS_ALGS, requirements: DSS_REQS,
    spec: (ctx, content) => ({ content, signers: [signer(ctx, ALICE_DSS)], certificates: certs(ctx, [ALICE_DSS]) }),
  }),
  signedCase({
    id: '4.2-signed-rsa', rfcFile: '4.2.bin', identical: true, signers: [ALICE_RSA],
    description: 'RFC 4134 4.2, byte for byte: SignedData v1 by AliceRSA, rsaEncryption and SHA-1 with NULL parameters, no signed attributes',
    features: [...BASIC, 'der'], algorithms: RSA_ALGS, requirements: RSA_REQS,
    spec: (ctx, content) => ({
      content, signers: [signer(ctx, ALICE_RSA, { digestAlgorithm: digestIdentifierWithNull('sha1') })], certificates: certs(ctx, [ALICE_RSA]),
    }),
  }),
  signedCase({
    id: '4.3-signed-dss-detached', rfcFile: '4.3.bin', identical: false, signers: [ALICE_DSS],
    description: 'RFC 4134 4.3: detached SignedData v1 by AliceDSS over ExContent (eContent absent); our RFC 6979 DSA signature',
    features: ['detached', 'no-signed-attrs', 'sid-issuer-serial', 'certificates-included', 'der'], algorithms: DSS_ALGS, requirements: [...DSS_REQS, 'rfc5652/5.2'],
    spec: (ctx, content) => ({ content, detached: true, signers: [signer(ctx, ALICE_DSS)], certificates: certs(ctx, [ALICE_DSS]) }),
  }),
  signedCase({
    id: '4.4-signed-countersigned', rfcFile: '4.4.bin', identical: false, signers: [ALICE_DSS, ALICE_RSA],
    description: 'RFC 4134 4.4: AliceDSS signs with signingTime 030514153900Z; contentHints and an AliceRSA countersignature (the RFC says Diane); CarlDSS CRL',
    features: ['attached', 'signed-attrs', 'signing-time-utc', 'countersignature', 'ess-content-hints', 'sid-issuer-serial', 'certificates-included', 'crls-included', 'der'],
    algorithms: ['sha1', 'dsa', 'rsa-pkcs1v15'], requirements: [...DSS_REQS, 'rfc3370/3.2', 'rfc5652/11.3', 'rfc5652/11.4', 'rfc2634/2.9', 'rfc5652/10.2.1'],
    spec: (ctx, content) => ({
      content,
      signers: [signer(ctx, ALICE_DSS, {
        signedAttrs: [signingTimeAttr(SIGNING_TIME_44)],
        unsignedAttrs: (signature) => [contentHintsAttr(),
          countersignatureAttr(signer(ctx, ALICE_RSA, { signedAttrs: [signingTimeAttr(SIGNING_TIME_44)] }), signature, ctx.rnd.fork('countersignature'))],
      })],
      certificates: certs(ctx, [ALICE_RSA, CARL_DSS, ALICE_DSS]),
      crls: [loadRfc4134Cast().crl('CarlDSSCRLForAll.crl')],
    }),
  }),
  signedCase({
    id: '4.5-signed-rsa-ber', rfcFile: '4.5.bin', identical: true, signers: [ALICE_RSA], format: 'ber',
    description: 'RFC 4134 4.5, byte for byte: 4.2 in BER, indefinite lengths, ExContent as "This" + " is some sample content.", CarlRSA and AliceRSA certificates',
    features: ['attached', 'no-signed-attrs', 'sid-issuer-serial', 'certificates-included', 'ber-indefinite', 'ber-constructed-octets'],
    algorithms: RSA_ALGS, requirements: RSA_REQS,
    spec: (ctx, content) => ({
      content, encoding: 'ber', berChunk: [4, 24], berIndefiniteCertificates: true,
      signers: [signer(ctx, ALICE_RSA, { digestAlgorithm: digestIdentifierWithNull('sha1') })], certificates: certs(ctx, [CARL_RSA, ALICE_RSA]),
    }),
  }),
  signedCase({
    id: '4.6-signed-two-signers', rfcFile: '4.6.bin', identical: false, signers: [ALICE_DSS, DIANE_DSS],
    description: 'RFC 4134 4.6: AliceDSS and DianeDSS both sign ExContent; Diane\'s certificate inherits CarlDSS\'s DSA parameters; our DSA signatures',
    features: [...BASIC, 'multiple-signers', 'der'], algorithms: DSS_ALGS, requirements: DSS_REQS,
    spec: (ctx, content) => ({ content, signers: [signer(ctx, ALICE_DSS), signer(ctx, DIANE_DSS)], certificates: certs(ctx, [DIANE_DSS, ALICE_DSS]) }),
  }),
  signedCase({
    id: '4.7-signed-ski', rfcFile: '4.7.bin', identical: false, signers: [ALICE_DSS],
    description: 'RFC 4134 4.7: SignedData v3, AliceDSS identified by subjectKeyIdentifier, dsaWithSHA1 as in the bytes (the RFC dump has id-dsa)',
    features: ['attached', 'no-signed-attrs', 'sid-ski', 'certificates-included', 'der'], algorithms: DSS_ALGS, requirements: DSS_REQS,
    spec: (ctx, content) => ({ content, signers: [signer(ctx, ALICE_DSS, { sid: 'ski' })], certificates: certs(ctx, [ALICE_DSS]) }),
  }),
  signedCase({
    id: '4.10-signed-attributes', rfcFile: '4.10.bin', identical: false, signers: [ALICE_DSS],
    description: 'RFC 4134 4.10: AliceDSS signs ten attributes (contentHints, security label, mlExpansionHistory, equivalentLabels, ...), no signingTime',
    features: ['attached', 'signed-attrs', 'smime-capabilities', 'ess-content-hints', 'ess-content-reference', 'ess-security-label',
      'ess-equivalent-labels', 'ess-ml-expansion-history', 'smime-encryption-key-preference', 'sid-issuer-serial', 'certificates-included', 'der'],
    algorithms: DSS_ALGS, requirements: [...DSS_REQS, 'rfc2634/2.9', 'rfc2634/2.11', 'rfc2634/3.2', 'rfc2634/3.4', 'rfc2634/4.4', 'rfc2633/2.5.2', 'rfc2633/2.5.3'],
    spec: (ctx, content) => ({ content, signers: [signer(ctx, ALICE_DSS, { signedAttrs: attributes410() })], certificates: certs(ctx, [ALICE_DSS]) }),
  }),
  signedCase({
    id: '4.11-certs-only', rfcFile: '4.11.bin', identical: true, signers: [],
    description: 'RFC 4134 4.11, byte for byte: certs-only SignedData with CarlDSS and AliceDSS certificates and the CarlDSS CRL (the prose omits the CRL)',
    features: ['certs-only', 'certificates-included', 'crls-included', 'der'], algorithms: [], requirements: ['rfc5652/5.2', 'rfc5652/10.2.1'],
    spec: (ctx) => ({ content: null, signers: [], certificates: certs(ctx, [CARL_DSS, ALICE_DSS]), crls: [loadRfc4134Cast().crl('CarlDSSCRLForAll.crl')] }),
  }),
];

// ---------------------------------------------------------------- the other content types (3, 5, 6, 7)

interface OtherVariant extends Pick<Rfc4134Case, 'rfcFile' | 'identical' | 'description' | 'algorithms' | 'requirements'> {
  readonly id: string;
  readonly contentType: ContentTypeName;
  readonly format?: 'der' | 'ber';
  readonly features: readonly Feature[];
  build(ctx: CaseContext, content: Uint8Array): Omit<BuiltCase, 'content'>;
}

const otherCase = (v: OtherVariant): Rfc4134Case => ({
  ...v, id: `rfc4134/${v.id}`, format: v.format ?? 'der', features: ['rfc4134', ...v.features], profiles: ['v3'],
  build: (ctx) => ({ ...v.build(ctx, ctx.content('ex-content')), content: 'ex-content' }),
});

const tdes = (key: Uint8Array, iv: string): CbcKey => ({ cipher: 'des-ede3-cbc', key, iv: hex(iv) });

const OTHERS: readonly Rfc4134Case[] = [
  otherCase({
    id: '3.1-data-ber', rfcFile: '3.1.bin', identical: true, contentType: 'data', format: 'ber',
    description: 'RFC 4134 3.1, byte for byte: ContentInfo id-data in BER, indefinite lengths, ExContent as two segments "This" and " is some sample content."',
    features: ['data', 'ber-indefinite', 'ber-constructed-octets'], algorithms: [], requirements: ['rfc5652/3', 'rfc5652/4'],
    build: (_ctx, content) => ({ bytes: buildData(content, 'ber', [4, 24]) }),
  }),
  otherCase({
    id: '3.2-data-der', rfcFile: '3.2.bin', identical: true, contentType: 'data',
    description: 'RFC 4134 3.2, byte for byte: ContentInfo id-data with ExContent, DER',
    features: ['data', 'der'], algorithms: [], requirements: ['rfc5652/3', 'rfc5652/4'],
    build: (_ctx, content) => ({ bytes: buildData(content, 'der') }),
  }),
  otherCase({
    id: '5.1-enveloped-3des', rfcFile: '5.1.bin', identical: false, contentType: 'envelopedData',
    description: 'RFC 4134 5.1: EnvelopedData v0 for BobRSA, rsaEncryption key transport, 3DES-CBC; our CEK, IV and PKCS #1 padding',
    features: ['enveloped-data', 'ktri', 'sid-issuer-serial', 'der'], algorithms: ['rsaes-pkcs1v15', '3des-cbc'],
    requirements: ['rfc5652/6.1', 'rfc5652/6.2.1', 'rfc3370/4.2.1', 'rfc3370/5.1'],
    build: (ctx, content) => ({
      bytes: buildEnvelopedData({ content, cipher: 'des-ede3-cbc', recipients: [ktri(ctx.cast, BOB_RSA, { padding: 'pkcs1' })] }, ctx.rnd),
      recipient: BOB_RSA,
    }),
  }),
  otherCase({
    id: '5.2-enveloped-rc2', rfcFile: '5.2.bin', identical: false, contentType: 'envelopedData',
    description: 'RFC 4134 5.2 as in its bytes: EnvelopedData v2, RC2/40-CBC (not RC2/128), KTRI for BobRSA plus KEKRI "MailListRC2" with RC2 wrap (our KEK)',
    features: ['enveloped-data', 'ktri', 'kekri', 'multiple-recipients', 'mixed-recipient-kinds', 'sid-issuer-serial', 'der'],
    algorithms: ['rsaes-pkcs1v15', 'rc2-cbc', 'rc2-wrap'],
    requirements: ['rfc5652/6.1', 'rfc5652/6.2.1', 'rfc5652/6.2.3', 'rfc3370/4.2.1', 'rfc3370/4.3.2', 'rfc3370/5.2'],
    build: (ctx, content) => {
      const k = ctx.rnd.fork('rc2-40');
      const key: CbcKey = { cipher: 'rc2-cbc', key: k.bytes(5), iv: k.bytes(8), rc2Bits: 40 };
      const recipients = [ktri(ctx.cast, BOB_RSA, { padding: 'pkcs1' }), kekri(KEK_52)];
      return { bytes: buildEnvelopedData({ content, cipher: 'rc2-cbc', key, recipients }, ctx.rnd), recipient: BOB_RSA, kek: KEK_52 };
    },
  }),
  otherCase({
    id: '6.0-digested', rfcFile: '6.0.bin', identical: true, contentType: 'digestedData',
    description: 'RFC 4134 6, byte for byte: DigestedData v0 of ExContent with SHA-1 (parameters absent)',
    features: ['digested-data', 'der'], algorithms: ['sha1'], requirements: ['rfc5652/7', 'rfc3370/2.1'],
    build: (_ctx, content) => ({ bytes: buildDigestedData(content, 'sha1') }),
  }),
  otherCase({
    id: '7.1-encrypted', rfcFile: '7.1.bin', identical: true, contentType: 'encryptedData',
    description: 'RFC 4134 7.1, byte for byte: EncryptedData v0, 3DES-CBC under the key the RFC states, with the IV taken from the RFC\'s bytes',
    features: ['encrypted-data', 'der'], algorithms: ['3des-cbc'], requirements: ['rfc5652/8', 'rfc3370/5.1'],
    build: (_ctx, content) => ({
      bytes: buildEncryptedData({ content, key: tdes(KEY_7, 'B36B6BFB6231084E') }),
      kek: { keyId: new Uint8Array(), key: KEY_7, wrap: 'des-ede3-cbc' },
    }),
  }),
  otherCase({
    id: '7.2-encrypted-attrs', rfcFile: '7.2.bin', identical: true, contentType: 'encryptedData',
    description: 'RFC 4134 7.2, byte for byte: EncryptedData v2 with unprotected attribute 1.2.5555; the 7.1 key (7.2 states none) and the IV from the bytes',
    features: ['encrypted-data', 'unprotected-attrs', 'der'], algorithms: ['3des-cbc'], requirements: ['rfc5652/8', 'rfc3370/5.1'],
    build: (_ctx, content) => ({
      bytes: buildEncryptedData({ content, key: tdes(KEY_7, '07272085909EB07E'), unprotectedAttrs: [generalAsnAttr()] }),
      kek: { keyId: new Uint8Array(), key: KEY_7, wrap: 'des-ede3-cbc' },
    }),
  }),
];

/**
 * Defects of the published messages, kept as published and said so.
 * 4.10's ESSSecurityLabel puts its PrintableString privacy mark (tag 19) before its SET of
 * categories (tag 17): DER orders SET components by tag (X.690 10.3), so its signed attributes are
 * not DER, against RFC 2630/5652 5.3.
 * 4.4 carries CarlDSSCRLForAll, which revokes serial numbers 200, 201, 210 and 211 from
 * 1999-08-22: AliceDSS, its signer, among them. A verifier that checks revocation, as RFC 2632
 * 2.1 and RFC 8550 2.1 require, rejects the signer at any time after that (RFC 5280 6.1.3 (a)(3)).
 */
const PUBLISHED_DEFECTS: Readonly<Record<string, Rfc4134Case['publishedDefect'] & { readonly note: string }>> = {
  'rfc4134/4.10-signed-attributes': { violates: ['rfc2630/5.3/each-signed-attr-der', 'rfc5652/5.3/signed-attrs-der'], flag: 'BerInSignedAttrs', note: 'its security labels are not in DER order' },
  'rfc4134/4.4-signed-countersigned': { violates: ['rfc5280/6.1.3/not-revoked'], flag: 'RevokedSigner', note: 'the CRL it carries revokes its signer AliceDSS' },
};

/** In the RFC's order: 3.1, 3.2, 4.1-4.7, 4.10, 4.11, 5.1, 5.2, 6.0, 7.1, 7.2. */
export const RFC4134_CASES: readonly Rfc4134Case[] = [...OTHERS.slice(0, 2), ...SIGNED, ...OTHERS.slice(2)]
  .map((c) => {
    const d = PUBLISHED_DEFECTS[c.id];
    return d ? { ...c, publishedDefect: { violates: d.violates, flag: d.flag }, description: `${c.description}; kept as published although ${d.note}` } : c;
  });
