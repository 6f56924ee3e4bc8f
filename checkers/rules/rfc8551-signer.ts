/**
 * RFC 8551 statements on what a signer sends, each citing its entry:
 * - 2.5.2: an SMIMECapability whose algorithm has no differentiating parameters (AES and
 *   Triple-DES content and wrap ciphers, RFC 3565 5 and RFC 3370 5.1) leaves them out, never a
 *   NULL; rc2-cbc carries its key length; capabilities of one category stay together (SHOULD);
 * - 2.5.3 (SHOULD): the certificate SMIMEEncryptionKeyPreference names is carried;
 * - 2.5.1: a signingTime from 1950 to 2049 is a UTCTime, never a GeneralizedTime;
 * - 2.1 (RECOMMENDED): the digest algorithm is at least as strong as the hash the signature
 *   algorithm names (its output no shorter);
 * - 4.2 (SHOULD / SHOULD NOT): RSA signatures come from 2048- to 4096-bit keys; the signature
 *   octet string of RSASSA-PKCS1-v1_5 and RSASSA-PSS is as long as the modulus (RFC 8017 8.1-8.2).
 */
import { contentOf, type DerNode } from '../../core/der/reader.ts';
import { decodeOid } from '../../core/der/values.ts';
import { OID } from '../../core/oids.ts';
import { where, type CheckContext } from '../context.ts';
import { at, encoding, isContext, isUniversal, UNIVERSAL, type Attribute } from '../cms/fields.ts';
import type { SignedDataView, SignerInfoView } from '../cms/signed-data.ts';
import { CertIndex, certInfo, type CertInfo } from '../crypto/certificates.ts';

const NO_PARAMS = new Set<string>([OID.aes128Cbc, OID.aes192Cbc, OID.aes256Cbc, OID.aes128Gcm, OID.aes192Gcm, OID.aes256Gcm, OID.aes128Ccm, OID.aes192Ccm, OID.aes256Ccm, OID.aes128Wrap, OID.aes192Wrap, OID.aes256Wrap, OID.desEde3Cbc]);

const CATEGORY: Readonly<Record<string, string>> = {
  ...Object.fromEntries([...NO_PARAMS, OID.rc2Cbc].map((o) => [o, 'content encryption'])),
  ...Object.fromEntries([OID.sha256WithRSAEncryption, OID.sha384WithRSAEncryption, OID.sha512WithRSAEncryption, OID.sha1WithRSAEncryption, OID.rsassaPss, OID.ecdsaWithSha256, OID.ecdsaWithSha384, OID.ecdsaWithSha512, OID.ecdsaWithSha1, OID.ed25519, OID.ed448].map((o) => [o, 'signature'])),
  ...Object.fromEntries([OID.rsaesOaep, OID.esDH, OID.dhSinglePassStdDHsha256kdf, OID.dhSinglePassStdDHsha384kdf, OID.dhSinglePassStdDHsha1kdf, OID.dhSinglePassStdDHhkdfSha256, OID.dhSinglePassStdDHhkdfSha384, OID.dhSinglePassStdDHhkdfSha512].map((o) => [o, 'key encipherment'])),
  ...Object.fromEntries([OID.sha256, OID.sha384, OID.sha512, OID.sha224].map((o) => [o, 'digest'])),
};

const RSA_SIGNATURES = new Set<string>([OID.rsaEncryption, OID.sha1WithRSAEncryption, OID.sha256WithRSAEncryption, OID.sha384WithRSAEncryption, OID.sha512WithRSAEncryption, OID.rsassaPss]);

function oidOf(ctx: CheckContext, n: DerNode | undefined): string | null {
  if (!n || !isUniversal(n, UNIVERSAL.OID)) return null;
  const d = decodeOid(contentOf(ctx.bytes, n));
  return d.ok ? d.value : null;
}

export function checkRfc8551Signer(ctx: CheckContext, v: SignedDataView): void {
  const certs = new CertIndex(v.certificates.map((c) => certInfo(encoding(ctx, c))).filter((c): c is CertInfo => c !== null));
  for (const si of v.signerInfos) {
    checkRsaSize(ctx, si);
    checkDigestStrength(ctx, si);
    for (const a of si.signedAttrs?.attrs.filter((x) => x.type === OID.signingTime) ?? []) checkSigningTimeType(ctx, a);
    for (const a of si.signedAttrs?.attrs ?? []) {
      if (a.values.length !== 1) continue;
      if (a.type === OID.smimeCapabilities) checkCapabilities(ctx, a, a.values[0]!);
      if (a.type === OID.encrypKeyPref) checkKeyPreference(ctx, a, a.values[0]!, certs);
    }
  }
}

function checkRsaSize(ctx: CheckContext, si: SignerInfoView): void {
  if (!RSA_SIGNATURES.has(si.signatureAlgorithm.oid) || si.signature.length === 0) return;
  const bits = si.signature.length * 8;
  const w = where(si.signatureAt);
  ctx.check('rfc8551/4.2/no-rsa-signatures-under-2048', bits >= 2048, `an RSA signature of ${bits} bits${bits >= 2048 ? '' : ': the key has fewer than 2048 bits'}`, w);
  const inRange = bits >= 2048 && bits <= 4096;
  ctx.check('rfc8551/4.2/rsa-signatures-2048-to-4096', inRange, `an RSA signature of ${bits} bits${inRange ? '' : ', outside 2048 to 4096'}`, w);
}

/** SMIMECapabilities ::= SEQUENCE OF SEQUENCE { capabilityID OID, parameters ANY OPTIONAL }. */
function checkCapabilities(ctx: CheckContext, a: Attribute, caps: DerNode): void {
  if (!isUniversal(caps, UNIVERSAL.SEQUENCE)) return;
  const seen: string[] = [];
  caps.children.forEach((cap, i) => {
    const id = oidOf(ctx, cap.children[0]);
    if (!id) return;
    const params = cap.children[1];
    const w = where(at(`${a.at.path}.capabilities[${i}]`, cap));
    if (NO_PARAMS.has(id)) {
      const isNull = !!params && isUniversal(params, UNIVERSAL.NULL);
      ctx.check('rfc8551/2.5.2/capability-params-not-null', !isNull, isNull ? `capability ${id} carries a NULL; it has no parameters` : `capability ${id} without NULL parameters`, w);
      ctx.check('rfc8551/2.5.2/capability-params-omitted', !params, params ? `capability ${id} carries parameters it does not have` : `capability ${id} without parameters`, w);
    }
    if (id === OID.rc2Cbc) {
      const ok = !!params && isUniversal(params, UNIVERSAL.INTEGER);
      ctx.check('rfc8551/2.5.2/capability-params-distinguish', ok, ok ? 'the rc2-cbc capability gives its key length' : 'the rc2-cbc capability has no key length INTEGER to tell its variants apart', w);
    }
    const cat = CATEGORY[id];
    if (cat) {
      const last = seen.lastIndexOf(cat);
      const grouped = last < 0 || last === seen.length - 1;
      ctx.check('rfc8551/2.5.2/capabilities-grouped-by-category', grouped, grouped ? `${cat} capability ${id} beside the others of its category` : `${cat} capability ${id} is separated from the earlier ${cat} capabilities`, w);
      seen.push(cat);
    }
  });
}

/** SMIMEEncryptionKeyPreference ::= CHOICE { issuerAndSerialNumber [0], receipentKeyId [1], subjectAltKeyIdentifier [2] }. */
function checkKeyPreference(ctx: CheckContext, a: Attribute, pref: DerNode, certs: CertIndex): void {
  let found: CertInfo | null;
  if (isContext(pref, 0) && pref.constructed) {
    // [0] IMPLICIT IssuerAndSerialNumber: the same bytes as a SEQUENCE after its identifier octet.
    // A copy, never a view: on a Node Buffer (the API takes one) slice() is a view, and the
    // retagging below wrote into the message, so its signature then failed to verify.
    const der = Uint8Array.from(encoding(ctx, pref));
    der[0] = 0x30;
    found = certs.issuerSerial(der);
  } else if (isContext(pref, 2) && !pref.constructed) found = certs.ski(contentOf(ctx.bytes, pref));
  else return;
  ctx.check('rfc8551/2.5.3/keypref-certificate-included', !!found, found ? 'the preferred encryption certificate is carried in certificates' : 'the certificate SMIMEEncryptionKeyPreference names is not in certificates', where(a.at));
}

/** The hash each signature algorithm names, by output length in octets (RFC 5754, RFC 5758). */
const SIGNATURE_HASH_LENGTH: Readonly<Record<string, number>> = {
  [OID.sha1WithRSAEncryption]: 20, [OID.sha256WithRSAEncryption]: 32, [OID.sha384WithRSAEncryption]: 48, [OID.sha512WithRSAEncryption]: 64,
  [OID.ecdsaWithSha1]: 20, [OID.ecdsaWithSha256]: 32, [OID.ecdsaWithSha384]: 48, [OID.ecdsaWithSha512]: 64, [OID.dsaWithSha1]: 20, [OID.dsaWithSha256]: 32,
};
const DIGEST_LENGTH: Readonly<Record<string, number>> = { [OID.md5]: 16, [OID.sha1]: 20, [OID.sha224]: 28, [OID.sha256]: 32, [OID.sha384]: 48, [OID.sha512]: 64 };

function checkDigestStrength(ctx: CheckContext, si: SignerInfoView): void {
  const sig = SIGNATURE_HASH_LENGTH[si.signatureAlgorithm.oid];
  const dig = DIGEST_LENGTH[si.digestAlgorithm.oid];
  if (!sig || !dig) return;
  ctx.check('rfc8551/2.1/digest-strength-matches-signature', dig >= sig, dig >= sig ? 'the digest algorithm is as strong as the signature algorithm\'s hash' : `a ${dig * 8}-bit digest under a signature algorithm built on a ${sig * 8}-bit hash`, where(si.digestAlgorithm.at));
}

/** RFC 8551 2.5.1: UTCTime through 2049; a GeneralizedTime year before 2050 breaks it. */
function checkSigningTimeType(ctx: CheckContext, a: Attribute): void {
  const t = a.values[0];
  if (!t || t.cls !== 'universal') return;
  if (t.tag === UNIVERSAL.UTC_TIME) {
    ctx.check('rfc8551/2.5.1/signing-time-utctime-through-2049', true, 'signingTime is a UTCTime', where(a.at));
    return;
  }
  if (t.tag !== UNIVERSAL.GENERALIZED_TIME) return;
  const year = Number(new TextDecoder().decode(contentOf(ctx.bytes, t).subarray(0, 4)));
  if (!Number.isInteger(year)) return;
  const ok = year < 1950 || year >= 2050;
  ctx.check('rfc8551/2.5.1/signing-time-utctime-through-2049', ok, ok ? `signingTime ${year} is a GeneralizedTime outside 1950-2049` : `signingTime in ${year} is a GeneralizedTime; from 1950 to 2049 it is a UTCTime`, where(a.at));
}
