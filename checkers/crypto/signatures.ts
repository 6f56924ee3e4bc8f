/**
 * Crypto rules of SignedData (RFC 5652 5.4, 5.6, 11.2, 11.4): the message digest over the content,
 * the signature over the DER signed attributes (re-tagged as SET OF) or the content, for every
 * signer and countersigner. A signer whose certificate cannot be found, or whose algorithm this
 * checker cannot compute, is a failure (cmsi/crypto-unverifiable), never a silent pass.
 */
import { createHash, verify, type KeyObject } from 'node:crypto';
import { contentOf, readDer, stringContent, type DerNode } from '../../core/der/reader.ts';
import { decodeOid, decodeSmallInt } from '../../core/der/values.ts';
import { OID } from '../../core/oids.ts';
import { where, type CheckContext } from '../context.ts';
import type { Where } from '../finding.ts';
import { at, encoding, identifierDer, isContext } from '../cms/fields.ts';
import { signerInfo, type SignedDataView, type SignerInfoView } from '../cms/signed-data.ts';
import { digest, hashName, hashOid, signatureScheme } from './algorithms.ts';
import { bytesEqual, CertIndex, certInfo, publicKeyOf, type CertInfo } from './certificates.ts';
import { diagnoseDigestInfo } from './digest-info.ts';
import { inMemory, streamedDigests, type ContentSource, type SignedContent } from './content-source.ts';
import { verifyPqSigner } from './pq-signatures.ts';
import { verifyEcdsaFromDigest, verifyPkcs1FromDigest } from './digest-verify.ts';
import { pssParamsProblem } from '../cms/pss-params-shape.ts';

/** Verifications spent per message on certificates the sid does not name (see verifySigner). */
const FALLBACK_TRIES = 16;

export interface SignedCryptoInputs {
  /** Certificates beyond those in the message (--cert). */
  readonly certs: readonly Uint8Array[];
  /** Detached content (--content), or the signed MIME part of multipart/signed. */
  readonly content: Uint8Array | null;
  /**
   * multipart/signed: the signed MIME part. A receiver verifies the part it displays, so this is
   * what the digest is checked against even when the SignedData also carries an eContent (which
   * the MIME rules report: RFC 8551 3.5.3.1 says the signature is detached).
   */
  readonly signedPart?: Uint8Array;
  /** Detached content too large to hold: read in chunks (checkers/crypto/content-source.ts). */
  readonly contentSource?: ContentSource;
  /** An attached eContent digested while the message was streamed (checkers/stream/). */
  readonly streamed?: SignedContent;
}

/** Verifies every SignerInfo; returns, per SignerInfo, the certificate that verified it (or null). */
export function checkSignedDataCrypto(ctx: CheckContext, v: SignedDataView, inputs: SignedCryptoInputs): (CertInfo | null)[] {
  const certs = new CertIndex([...v.certificates.map((c) => encoding(ctx, c)), ...inputs.certs].map(certInfo).filter((c): c is CertInfo => c !== null));
  const oids = v.signerInfos.map((si) => si.digestAlgorithm.oid);
  const name = inputs.signedPart ? 'signed MIME part' : 'content';
  const content: SignedContent | null = inputs.signedPart ? inMemory(inputs.signedPart) : inputs.streamed ?? (v.eContent ? inMemory(v.eContent)
    : inputs.content ? inMemory(inputs.content) : inputs.contentSource ? streamedDigests(inputs.contentSource, oids) : null);
  return v.signerInfos.map((si) => verifySigner(ctx, si, content, certs, false, name));
}

function findCert(ctx: CheckContext, si: SignerInfoView, certs: CertIndex): CertInfo | null {
  return si.sid.kind === 'ski' ? certs.ski(contentOf(ctx.bytes, si.sid.node)) : certs.issuerSerial(identifierDer(ctx, si.sid.node));
}

/**
 * RFC 8419 3.1: an Ed25519 signer's message-digest is the SHA-512 of the content, an Ed448 one's
 * the 64-octet SHAKE256, whatever its digestAlgorithm names; a message-digest computed with the
 * named (wrong) algorithm matches it (5652 5.6 passes) and still breaks this. Streamed content
 * digested only under the listed algorithms may not answer: unchecked then.
 */
function eddsaMessageDigest(ctx: CheckContext, si: SignerInfoView, content: SignedContent, value: Uint8Array, w: Where): void {
  const s = si.signatureAlgorithm.oid;
  if (s !== OID.ed25519 && s !== OID.ed448) return;
  const oid = s === OID.ed25519 ? OID.sha512 : OID.shake256Len;
  const want = content.digest(oid);
  // Streamed content is digested under digestAlgorithms only, before the signers are read: say so.
  if (want === 'not-computed') ctx.unchecked('cmsi/crypto-unverifiable', `the EdDSA message-digest needs ${oid}, which digestAlgorithms does not list, and the streamed content was digested only under those`, w);
  if (!(want instanceof Uint8Array)) return;
  const same = bytesEqual(want, value);
  const name = s === OID.ed25519 ? 'SHA-512' : 'SHAKE256 (64 octets)';
  ctx.check(s === OID.ed25519 ? 'rfc8419/3.1/ed25519-message-digest-sha512' : 'rfc8419/3.1/ed448-message-digest-shake256', same,
    same ? `message-digest is the ${name} of the content` : `message-digest is not the ${name} of the content (the SignerInfo's digestAlgorithm names ${si.digestAlgorithm.oid})`, w);
}

/** Verifies one SignerInfo over `content`; returns the certificate that verified it. */
function verifySigner(ctx: CheckContext, si: SignerInfoView, content: SignedContent | null, certs: CertIndex, counter: boolean, contentName = 'content'): CertInfo | null {
  const w = where(si.at);
  let toVerify: Uint8Array | null = content?.bytes ?? null;
  if (si.signedAttrs) {
    const md = si.signedAttrs.attrs.find((a) => a.type === OID.messageDigest)?.values[0];
    if (content === null) {
      ctx.unchecked('cmsi/crypto-unverifiable', 'no content to check message-digest against (detached signature: pass --content)', w);
    } else if (md) {
      const got = content.digest(si.digestAlgorithm.oid);
      if (got === 'not-computed') ctx.unchecked('cmsi/crypto-unverifiable', `digest algorithm ${si.digestAlgorithm.oid} is not in digestAlgorithms, and the streamed content was digested only under those`, where(si.digestAlgorithm.at));
      else if (!got) ctx.unchecked('cmsi/crypto-unverifiable', notADigest(si.digestAlgorithm.oid), where(si.digestAlgorithm.at));
      else {
        // A constructed (BER) OCTET STRING still holds its value: that is 5.3's DER defect, not a mismatch.
        const value = md.cls === 'universal' && md.tag === 4 && md.constructed ? stringContent(ctx.bytes, md) : contentOf(ctx.bytes, md);
        const same = bytesEqual(got, value);
        ctx.check(counter ? 'rfc5652/11.4/digest-input-signature-value' : 'rfc5652/5.6/message-digest-attribute-matches', same,
          same ? `message-digest matches the ${counter ? 'countersigned signature value' : contentName}` : `message-digest does not match the digest of the ${counter ? 'countersigned signature value' : contentName}`, where(at(`${si.signedAttrs.at.path}.messageDigest`, md)));
        if (!counter) eddsaMessageDigest(ctx, si, content, value, where(at(`${si.signedAttrs.at.path}.messageDigest`, md)));
      }
    }
    const signed = Uint8Array.from(encoding(ctx, si.signedAttrs.at.node));
    signed[0] = 0x31; // RFC 5652 5.4: the DER of SET OF, not of the [0] IMPLICIT field
    toVerify = signed;
  }
  const cert = findCert(ctx, si, certs);
  if (!cert) {
    const sidAt = where(at(`${si.at.path}.sid`, si.sid.node));
    // A key the sid does not name that verifies the signature settles it: the signature cannot
    // also verify with the named certificate's (different) key. Else nothing can be decided.
    // Bounded: at most FALLBACK_TRIES verifications per message, or a message with many
    // certificates and signers that match none would cost certificates x signers.
    const other = toVerify === null ? null : certs.all.find((c) => {
      if (certs.fallbackTries++ >= FALLBACK_TRIES) return false;
      const k = publicKeyOf(c, certs.all);
      return k !== null && verifySignature(ctx, si, k, toVerify) === true;
    });
    if (other) ctx.fail('cmsi/signature-valid', `no certificate matches the signer identifier (${si.sid.kind}); the signature verifies with the key of another certificate, which the sid does not name, so not with the key of the one it names`, sidAt);
    else ctx.unchecked('cmsi/crypto-unverifiable', `no certificate in the message or given with --cert matches the signer identifier (${si.sid.kind})`, sidAt);
    return null;
  }
  const pq = verifyPqSigner(ctx, si, cert, toVerify, content?.bytes ?? null);
  if (pq !== null) return pq ? cert : null;
  const key = publicKeyOf(cert, certs.all);
  if (key && toVerify === null && content) return verifyOverStreamedContent(ctx, si, cert, key, content, certs) ? cert : null;
  if (!key || toVerify === null) {
    ctx.unchecked('cmsi/crypto-unverifiable', key ? 'nothing to verify: no content' : 'the signer certificate\'s public key cannot be loaded', w);
    return null;
  }
  const malformed = si.signatureAlgorithm.oid === OID.rsassaPss && si.signatureAlgorithm.params ? pssParamsProblem(si.signatureAlgorithm.params) : null;
  if (malformed) {
    // The structure rule (rfc4056/3/signature-algorithm-pss-params) already fails the message;
    // verifying with fields guessed out of a value of the wrong type would claim a result the
    // declared parameters do not support (a fuzz finding: a doubled [1] "verified").
    ctx.unchecked('cmsi/crypto-unverifiable', `the signature is not verified: its RSASSA-PSS-params are not of their type (${malformed})`, where(si.signatureAlgorithm.at));
    return null;
  }
  checkPssCertificate(ctx, si, cert);
  const result = verifySignature(ctx, si, key, toVerify);
  if (result === 'unsupported') {
    // rsaEncryption takes its hash from digestAlgorithm: name that field when it is the cause.
    const fromDigest = signatureScheme(si.signatureAlgorithm.oid)?.kind === 'rsa-pkcs1' && !hashName(si.digestAlgorithm.oid);
    if (fromDigest) ctx.unchecked('cmsi/crypto-unverifiable', `signature algorithm ${si.signatureAlgorithm.oid} hashes with the digestAlgorithm, and ${notADigest(si.digestAlgorithm.oid)}`, where(si.digestAlgorithm.at));
    else ctx.unchecked('cmsi/crypto-unverifiable', `signature algorithm ${si.signatureAlgorithm.oid} is not supported by this checker`, where(si.signatureAlgorithm.at));
  } else {
    const otherHash = result ? null : hashThatVerifies(si, key, toVerify);
    const over = si.signedAttrs ? 'the DER SET OF signed attributes' : 'the content';
    ctx.check('cmsi/signature-valid', result,
      result ? 'signature verifies with the signer certificate'
        : otherHash ? `signature does not verify with the signer certificate as ${si.signatureAlgorithm.oid} says: it is over ${over}, hashed with ${otherHash}, which that identifier does not name`
          : 'signature does not verify with the signer certificate', where(si.signatureAt));
    if (!result && !otherHash) explainBadSignature(ctx, si, key, toVerify, content?.bytes ?? null);
    // A signature over the right bytes with a hash its identifier does not name keeps RFC 5652 5.4
    // (what is signed); the identifier rules (RFC 3370 3.1, RFC 5754 3, RFC 8933 3.1) fail it.
    else ctx.check(si.signedAttrs ? SIGNED_ATTRS_RULE : CONTENT_RULE, true, `signature is over ${over}${otherHash ? ` (hashed with ${otherHash})` : ''}`, where(si.signatureAt));
  }
  checkCountersignatures(ctx, si, certs);
  return result === true ? cert : null;
}

function checkCountersignatures(ctx: CheckContext, si: SignerInfoView, certs: CertIndex): void {
  for (const a of si.unsignedAttrs?.attrs.filter((x) => x.type === OID.countersignature) ?? []) {
    a.values.forEach((value, i) => {
      const cs = signerInfo(ctx, at(`${a.at.path}.values[${i}]`, value));
      if (cs) verifySigner(ctx, cs, inMemory(si.signature), certs, true);
    });
  }
}

/**
 * A signature without signed attributes over content that was streamed (its bytes are not in
 * memory): verified from the content's digest where the scheme allows it (crypto/digest-verify.ts:
 * RSASSA-PKCS1-v1_5, RSASSA-PSS, ECDSA); EdDSA needs the bytes, and DSA is not done from a digest
 * here: those stay unchecked, saying how to have them read whole.
 */
function verifyOverStreamedContent(ctx: CheckContext, si: SignerInfoView, cert: CertInfo, key: KeyObject, content: SignedContent, certs: CertIndex): boolean {
  const w = where(si.at);
  const scheme = signatureScheme(si.signatureAlgorithm.oid);
  const unverified = (why: string): false => {
    ctx.unchecked('cmsi/crypto-unverifiable', `a signature without signed attributes over ${content.size} octets of streamed content is not verified: ${why} (raise --stream-above to read it whole)`, w);
    return false;
  };
  const digestOf = (oid: string | undefined): Uint8Array | string => {
    const d = oid ? content.digest(oid) : null;
    return d instanceof Uint8Array ? d : d === 'not-computed' ? `its hash ${oid} is not among digestAlgorithms, under which the streamed content was digested` : 'its hash is not supported';
  };
  let result: boolean | 'unsupported';
  switch (scheme?.kind) {
    case 'rsa-pkcs1': {
      const hash = scheme.hash ?? hashName(si.digestAlgorithm.oid);
      const d = digestOf(hash ? hashOid(hash) : undefined);
      if (typeof d === 'string') return unverified(d);
      result = verifyPkcs1FromDigest(key, hash!, d, si.signature);
      break;
    }
    case 'ecdsa': {
      const d = digestOf(hashOid(scheme.hash));
      if (typeof d === 'string') return unverified(d);
      result = verifyEcdsaFromDigest(key, d, si.signature);
      break;
    }
    case 'rsa-pss': {
      const malformed = si.signatureAlgorithm.params ? pssParamsProblem(si.signatureAlgorithm.params) : null;
      if (malformed) return unverified(`its RSASSA-PSS-params are not of their type (${malformed})`);
      const pss = supportedPss(ctx, si);
      if (!pss) return unverified('its RSASSA-PSS parameters are not supported');
      const d = digestOf(pss.params.hash);
      if (typeof d === 'string') return unverified(d);
      checkPssCertificate(ctx, si, cert);
      result = pssVerifyDigest(key, pss.hash, pss.mgfHash, d, si.signature, pss.params.saltLength) !== null;
      break;
    }
    default:
      return unverified(scheme?.kind === 'eddsa' ? `${si.signatureAlgorithm.oid} signs the content's bytes, not its digest` : `${si.signatureAlgorithm.oid} is not verified from a digest by this checker`);
  }
  if (result === 'unsupported') return unverified(`the key of ${si.signatureAlgorithm.oid} is not supported from a digest`);
  ctx.check('cmsi/signature-valid', result, result ? 'signature verifies with the signer certificate'
    : 'signature does not verify with the signer certificate (from the digest of the streamed content; read whole, the checker would say more about why: raise --stream-above)', where(si.signatureAt));
  if (result) ctx.check(CONTENT_RULE, true, 'signature is over the content', where(si.signatureAt));
  checkCountersignatures(ctx, si, certs);
  return result;
}

/** A SignerInfo's RSASSA-PSS parameters with the hash names this checker computes them with, or null when it cannot (MGF other than MGF1, trailer other than 1, unknown hash). */
function supportedPss(ctx: CheckContext, si: SignerInfoView): { params: PssParams; hash: string; mgfHash: string } | null {
  const params = pssParams(ctx.bytes, si.signatureAlgorithm.params);
  const hash = params ? hashName(params.hash) : null;
  const mgfHash = params ? hashName(params.mgfHash) : null;
  return params && hash && mgfHash && params.mgf === OID.mgf1 && params.trailer === 1 ? { params, hash, mgfHash } : null;
}

function verifySignature(ctx: CheckContext, si: SignerInfoView, key: KeyObject, data: Uint8Array): boolean | 'unsupported' {
  const scheme = signatureScheme(si.signatureAlgorithm.oid);
  if (!scheme) return 'unsupported';
  const sig = si.signature;
  try {
    switch (scheme.kind) {
      case 'rsa-pkcs1': {
        const h = scheme.hash ?? hashName(si.digestAlgorithm.oid);
        return h ? verify(h, data, key, sig) : 'unsupported';
      }
      case 'rsa-pss': {
        const pss = supportedPss(ctx, si);
        return pss ? pssVerify(key, pss.hash, pss.mgfHash, data, sig, pss.params.saltLength) !== null : 'unsupported';
      }
      case 'ecdsa':
      case 'dsa':
        return verify(scheme.hash, data, { key, dsaEncoding: 'der' }, sig);
      case 'eddsa':
        return verify(null, data, key, sig);
    }
  } catch {
    return false;
  }
}

const OTHER_HASHES = ['sha1', 'sha224', 'sha256', 'sha384', 'sha512'] as const;

/**
 * For DSA and ECDSA, whose signature identifier alone names the hash: another hash under which
 * the signature does verify over the same bytes, or null. Such a signature covers what RFC 5652
 * 5.4 says is signed, so that rule is not the one to blame for it.
 */
function hashThatVerifies(si: SignerInfoView, key: KeyObject, data: Uint8Array): string | null {
  const scheme = signatureScheme(si.signatureAlgorithm.oid);
  if (!scheme || (scheme.kind !== 'dsa' && scheme.kind !== 'ecdsa')) return null;
  for (const h of OTHER_HASHES.filter((x) => x !== scheme.hash)) {
    try {
      if (verify(h, data, { key, dsaEncoding: 'der' }, si.signature)) return h;
    } catch {
      // a key that cannot sign with this hash: try the next
    }
  }
  return null;
}

/** "digest algorithm X is not supported", or, for a signature OID there, that it is not a digest at all. */
function notADigest(oid: string): string {
  return signatureScheme(oid) ? `digestAlgorithm ${oid} is a signature algorithm, not a digest algorithm (RFC 5652 5.3)` : `digest algorithm ${oid} is not supported`;
}

const SIGNED_ATTRS_RULE = 'rfc5652/5.4/signed-attrs-digest-set-of-tag';
const CONTENT_RULE = 'rfc5652/5.4/no-signed-attrs-sign-content-digest';
const PSS_HASHES = ['sha1', 'sha256', 'sha384', 'sha512'] as const;

/**
 * A signature that does not verify over what RFC 5652 5.4 says is signed: the DER SET OF signed
 * attributes, or the content. For RSASSA-PSS, a signature that verifies with other parameters than
 * it declares is reported against RFC 4056 3 instead; otherwise the report says what the signature
 * does cover when that is one of the usual mistakes ([0] tag, content, digest of the content).
 */
function explainBadSignature(ctx: CheckContext, si: SignerInfoView, key: KeyObject, signed: Uint8Array, content: Uint8Array | null): void {
  const w = where(si.signatureAt);
  const sig = si.signature;
  if (signatureScheme(si.signatureAlgorithm.oid)?.kind === 'rsa-pss') {
    const p = pssParams(ctx.bytes, si.signatureAlgorithm.params);
    const declared = p ? hashName(p.hash) : null;
    const declaredMgf = p ? hashName(p.mgfHash) : null;
    if (p && declared && declaredMgf) {
      for (const h of PSS_HASHES.filter((x) => x !== declared)) {
        for (const m of [declaredMgf, h]) {
          if (pssVerify(key, h, m, signed, sig, 'auto') !== null) {
            ctx.fail('rfc4056/3/pss-hash-covers-signed-attrs', `the signature verifies with ${h} as PSS hash, not the ${declared} its RSASSA-PSS-params name`, w);
            return;
          }
        }
      }
      for (const m of PSS_HASHES) {
        const salt = pssVerify(key, declared, m, signed, sig, 'auto');
        if (salt !== null) {
          ctx.fail('rfc4056/3/signature-algorithm-pss-params', `the signature was made with MGF1-${m} and a ${salt}-octet salt; its RSASSA-PSS-params say MGF1-${declaredMgf} and ${p.saltLength}`, w);
          return;
        }
      }
    }
  }
  const again = (data: Uint8Array): boolean => verifySignature(ctx, si, key, data) === true;
  if (signatureScheme(si.signatureAlgorithm.oid)?.kind === 'rsa-pkcs1') {
    const d = diagnoseDigestInfo(key, sig, signed);
    if (d.kind === 'absent-params') {
      ctx.fail('rfc5754/2/pkcs1-digestinfo-null-params', `the signature is over the right bytes, but its DigestInfo names ${d.oid} without the NULL parameters PKCS #1 requires, so it does not verify (RFC 8017 9.2)`, w);
      return;
    }
  }
  if (si.signedAttrs) {
    const why = again(encoding(ctx, si.signedAttrs.at.node)) ? ': it verifies over the [0] IMPLICIT encoding instead of the SET OF'
      : content && again(content) ? ': it verifies over the content instead of the signed attributes' : '';
    ctx.fail(SIGNED_ATTRS_RULE, `the signature is not over the DER SET OF signed attributes${why}`, w);
  } else {
    const d = content ? digest(si.digestAlgorithm.oid, content) : null;
    const why = d && again(d) ? ': it verifies over the digest of the content, hashed once more' : '';
    ctx.fail(CONTENT_RULE, `the signature is not over the content${why}`, w);
  }
}

export interface PssParams {
  readonly hash: string;
  readonly mgf: string;
  readonly mgfHash: string;
  readonly saltLength: number;
  readonly trailer: number;
}

/**
 * RSASSA-PSS-params (RFC 4056 3, RFC 4055 3.1): hashAlgorithm [0] default SHA-1, maskGenAlgorithm
 * [1] default MGF1 with SHA-1, saltLength [2] default 20, trailerField [3] default 1. `bytes` holds
 * the parameters node (the message, or a certificate's subjectPublicKeyInfo); null when unreadable.
 */
export function pssParams(bytes: Uint8Array, params: DerNode | null): PssParams | null {
  // A value not of the type (checkers/cms/pss-params-shape.ts) is not read at all: its "fields"
  // would be guesses, and a guess that happens to verify is no verification.
  if (params && pssParamsProblem(params)) return null;
  const oidOf = (n: DerNode | undefined): string | null => {
    if (!n || n.cls !== 'universal' || n.tag !== 6) return null;
    const d = decodeOid(contentOf(bytes, n));
    return d.ok ? d.value : null;
  };
  const intOf = (n: DerNode | undefined): number | null => {
    if (!n || n.cls !== 'universal' || n.tag !== 2) return null;
    const d = decodeSmallInt(contentOf(bytes, n));
    return d.ok ? d.value : null;
  };
  let hash: string | null = OID.sha1;
  let mgf: string | null = OID.mgf1;
  let mgfHash: string | null = OID.sha1;
  let saltLength: number | null = 20;
  let trailer: number | null = 1;
  for (const f of params?.children ?? []) {
    if (isContext(f, 0)) hash = oidOf(f.children[0]?.children[0]);
    else if (isContext(f, 1)) {
      mgf = oidOf(f.children[0]?.children[0]);
      mgfHash = oidOf(f.children[0]?.children[1]?.children[0]);
    } else if (isContext(f, 2)) saltLength = intOf(f.children[0]);
    else if (isContext(f, 3)) trailer = intOf(f.children[0]);
  }
  return hash && mgf && mgfHash && saltLength !== null && trailer !== null ? { hash, mgf, mgfHash, saltLength, trailer } : null;
}

/**
 * RFC 4056 3: when the signer certificate's key is id-RSASSA-PSS with parameters, the signature
 * parameters must agree with them (hash, MGF, trailer equal; salt not shorter), defaults counting
 * as the values they stand for, else the signature is invalid.
 */
function checkPssCertificate(ctx: CheckContext, si: SignerInfoView, cert: CertInfo): void {
  if (si.signatureAlgorithm.oid !== OID.rsassaPss) return;
  const spki = readDer(cert.spki).root;
  const alg = spki?.children[0];
  const algOid = alg?.children[0];
  const d = algOid ? decodeOid(contentOf(cert.spki, algOid)) : null;
  if (!d?.ok || d.value !== OID.rsassaPss || !alg?.children[1]) return;
  const c = pssParams(cert.spki, alg.children[1]);
  const s = pssParams(ctx.bytes, si.signatureAlgorithm.params);
  if (!c || !s) return;
  const w = where(si.signatureAlgorithm.at);
  const results = [
    ctx.check('rfc4056/3/verify-hash-matches-cert', c.hash === s.hash, c.hash === s.hash ? 'PSS hashAlgorithm equals the certificate\'s' : `signature PSS hash ${s.hash}, certificate requires ${c.hash}`, w),
    ctx.check('rfc4056/3/verify-mgf-matches-cert', c.mgf === s.mgf && c.mgfHash === s.mgfHash, c.mgf === s.mgf && c.mgfHash === s.mgfHash ? 'maskGenAlgorithm equals the certificate\'s' : `signature MGF ${s.mgf} with ${s.mgfHash}, certificate requires ${c.mgf} with ${c.mgfHash}`, w),
    ctx.check('rfc4056/3/verify-salt-not-shorter', s.saltLength >= c.saltLength, `signature saltLength ${s.saltLength}, certificate minimum ${c.saltLength}`, w),
    ctx.check('rfc4056/3/verify-trailer-matches-cert', s.trailer === c.trailer, `trailerField ${s.trailer}, certificate ${c.trailer}`, w),
  ];
  const ok = results.every(Boolean);
  ctx.check('rfc4056/3/verify-fail-on-param-mismatch', ok, ok ? 'PSS parameters agree with the PSS-restricted signer certificate' : 'the signature is invalid: its PSS parameters disagree with the signer certificate\'s', w);
}

/** n, e and the modulus bit length of an RSA (or RSASSA-PSS) public key. */
function rsaPublic(key: KeyObject): { n: bigint; e: bigint; bits: number } | null {
  const spki = new Uint8Array(key.export({ type: 'spki', format: 'der' }));
  const bits = readDer(spki).root?.children[1];
  if (!bits) return null;
  const inner = contentOf(spki, bits).subarray(1);
  const [nNode, eNode] = readDer(inner).root?.children ?? [];
  if (!nNode || !eNode) return null;
  const big = (n: DerNode) => BigInt(`0x${Buffer.from(contentOf(inner, n)).toString('hex') || '0'}`);
  const n = big(nNode);
  const e = big(eNode);
  const size = n.toString(2).length;
  // The bounds OpenSSL keeps (16384-bit modulus, 64-bit exponent), so a hostile key cannot make
  // each verification cost seconds.
  return size > 16384 || e.toString(2).length > 64 ? null : { n, e, bits: size };
}

function modPow(base: bigint, exp: bigint, mod: bigint): bigint {
  let r = 1n;
  let b = base % mod;
  for (let e = exp; e > 0n; e >>= 1n) {
    if (e & 1n) r = (r * b) % mod;
    b = (b * b) % mod;
  }
  return r;
}

/**
 * RSASSA-PSS-VERIFY (RFC 8017 8.1.2, EMSA-PSS-VERIFY 9.1.2) with the hash, MGF1 hash and salt length
 * the parameters give ('auto' recovers the salt length). Done here because Node cannot take an MGF1
 * hash other than the signature hash. Returns the salt length on success, null otherwise.
 */
function pssVerify(key: KeyObject, hash: string, mgfHash: string, message: Uint8Array, sig: Uint8Array, saltLength: number | 'auto'): number | null {
  return pssVerifyDigest(key, hash, mgfHash, new Uint8Array(createHash(hash).update(message).digest()), sig, saltLength);
}

/** EMSA-PSS-VERIFY (RFC 8017 9.1.2) from mHash, the message's digest: the salt length when it verifies. */
function pssVerifyDigest(key: KeyObject, hash: string, mgfHash: string, mHash: Uint8Array, sig: Uint8Array, saltLength: number | 'auto'): number | null {
  const pub = key.asymmetricKeyType === 'rsa' || key.asymmetricKeyType === 'rsa-pss' ? rsaPublic(key) : null;
  if (!pub) return null;
  const k = Math.ceil(pub.bits / 8);
  if (sig.length !== k) return null;
  const s = BigInt(`0x${Buffer.from(sig).toString('hex')}`);
  if (s >= pub.n) return null;
  const emBits = pub.bits - 1;
  const emLen = Math.ceil(emBits / 8);
  const m = modPow(s, pub.e, pub.n);
  if (m >> BigInt(8 * emLen) !== 0n) return null;
  const em = Uint8Array.from(Buffer.from(m.toString(16).padStart(2 * emLen, '0'), 'hex'));
  const H = (...parts: Uint8Array[]) => { const h = createHash(hash); for (const p of parts) h.update(p); return new Uint8Array(h.digest()); };
  const hLen = mHash.length;
  if (emLen < hLen + (saltLength === 'auto' ? 0 : saltLength) + 2 || em[emLen - 1] !== 0xbc) return null;
  const dbLen = emLen - hLen - 1;
  const topMask = 0xff >> (8 * emLen - emBits);
  if ((em[0]! & ~topMask) !== 0) return null;
  const h = em.subarray(dbLen, dbLen + hLen);
  const db = Uint8Array.from(em.subarray(0, dbLen));
  const mask = new Uint8Array(dbLen);
  for (let c = 0, o = 0; o < dbLen; c++) {
    const block = createHash(mgfHash).update(h).update(Uint8Array.of(c >>> 24, (c >>> 16) & 0xff, (c >>> 8) & 0xff, c & 0xff)).digest();
    mask.set(block.subarray(0, dbLen - o), o);
    o += block.length;
  }
  for (let i = 0; i < dbLen; i++) db[i] = db[i]! ^ mask[i]!;
  db[0] = db[0]! & topMask;
  const one = db.findIndex((x) => x !== 0);
  if (one < 0 || db[one] !== 0x01) return null;
  const sLen = dbLen - one - 1;
  if (saltLength !== 'auto' && sLen !== saltLength) return null;
  const expected = H(new Uint8Array(8), mHash, db.subarray(dbLen - sLen));
  return Buffer.from(expected).equals(Buffer.from(h)) ? sLen : null;
}
