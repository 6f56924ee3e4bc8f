/**
 * Crypto rules of SignedData (RFC 5652 5.4, 5.6, 11.2, 11.4): the message digest over the content,
 * the signature over the DER signed attributes (re-tagged as SET OF) or the content, for every
 * signer and countersigner. A signer whose certificate cannot be found, or whose algorithm this
 * checker cannot compute, is a failure (cmsi/crypto-unverifiable), never a silent pass.
 */
import { constants, verify, type KeyObject } from 'node:crypto';
import { contentOf } from '../../core/der/reader.ts';
import { decodeSmallInt } from '../../core/der/values.ts';
import { OID } from '../../core/oids.ts';
import { where, type CheckContext } from '../context.ts';
import { at, encoding, isContext, oidValue, type AlgorithmIdentifier } from '../cms/fields.ts';
import { signerInfo, type SignedDataView, type SignerInfoView } from '../cms/signed-data.ts';
import { digest, hashName, signatureScheme } from './algorithms.ts';
import { bytesEqual, CertIndex, certInfo, publicKeyOf, type CertInfo } from './certificates.ts';

export interface SignedCryptoInputs {
  /** Certificates beyond those in the message (--cert). */
  readonly certs: readonly Uint8Array[];
  /** Detached content (--content), or the signed MIME part of multipart/signed. */
  readonly content: Uint8Array | null;
}

/** Verifies every SignerInfo; returns, per SignerInfo, the certificate that verified it (or null). */
export function checkSignedDataCrypto(ctx: CheckContext, v: SignedDataView, inputs: SignedCryptoInputs): (CertInfo | null)[] {
  const certs = new CertIndex([...v.certificates.map((c) => encoding(ctx, c)), ...inputs.certs].map(certInfo).filter((c): c is CertInfo => c !== null));
  const content = v.eContent ?? inputs.content;
  return v.signerInfos.map((si) => verifySigner(ctx, si, content, certs, false));
}

function findCert(ctx: CheckContext, si: SignerInfoView, certs: CertIndex): CertInfo | null {
  return si.sid.kind === 'ski' ? certs.ski(contentOf(ctx.bytes, si.sid.node)) : certs.issuerSerial(encoding(ctx, si.sid.node));
}

/** Verifies one SignerInfo over `content`; returns the certificate that verified it. */
function verifySigner(ctx: CheckContext, si: SignerInfoView, content: Uint8Array | null, certs: CertIndex, counter: boolean): CertInfo | null {
  const w = where(si.at);
  let toVerify: Uint8Array | null = content;
  if (si.signedAttrs) {
    const md = si.signedAttrs.attrs.find((a) => a.type === OID.messageDigest)?.values[0];
    if (content === null) {
      ctx.fail('cmsi/crypto-unverifiable', 'no content to check message-digest against (detached signature: pass --content)', w);
    } else if (md) {
      const got = digest(si.digestAlgorithm.oid, content);
      if (!got) ctx.fail('cmsi/crypto-unverifiable', `digest algorithm ${si.digestAlgorithm.oid} is not supported`, where(si.digestAlgorithm.at));
      else {
        const same = bytesEqual(got, contentOf(ctx.bytes, md));
        ctx.check(counter ? 'rfc5652/11.4/digest-input-signature-value' : 'rfc5652/5.6/message-digest-attribute-matches', same,
          same ? 'message-digest matches the content' : 'message-digest does not match the digest of the content', where(at(`${si.signedAttrs.at.path}.messageDigest`, md)));
      }
    }
    const signed = Uint8Array.from(encoding(ctx, si.signedAttrs.at.node));
    signed[0] = 0x31; // RFC 5652 5.4: the DER of SET OF, not of the [0] IMPLICIT field
    toVerify = signed;
  }
  const cert = findCert(ctx, si, certs);
  if (!cert) {
    ctx.fail('cmsi/crypto-unverifiable', `no certificate in the message or given with --cert matches the signer identifier (${si.sid.kind})`, where(at(`${si.at.path}.sid`, si.sid.node)));
    return null;
  }
  const key = publicKeyOf(cert, certs.all);
  if (!key || toVerify === null) {
    ctx.fail('cmsi/crypto-unverifiable', key ? 'nothing to verify: no content' : 'the signer certificate\'s public key cannot be loaded', w);
    return null;
  }
  const result = verifySignature(ctx, si, key, toVerify);
  if (result === 'unsupported') {
    ctx.fail('cmsi/crypto-unverifiable', `signature algorithm ${si.signatureAlgorithm.oid} is not supported by this checker`, where(si.signatureAlgorithm.at));
  } else {
    ctx.check('cmsi/signature-valid', result,
      result ? 'signature verifies with the signer certificate' : 'signature does not verify with the signer certificate', where(si.signatureAt));
  }
  for (const a of si.unsignedAttrs?.attrs.filter((x) => x.type === OID.countersignature) ?? []) {
    a.values.forEach((value, i) => {
      const cs = signerInfo(ctx, at(`${a.at.path}.values[${i}]`, value));
      if (cs) verifySigner(ctx, cs, si.signature, certs, true);
    });
  }
  return result === true ? cert : null;
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
        const p = pssParams(ctx, si.signatureAlgorithm);
        if (!p) return 'unsupported';
        return verify(p.hash, data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: p.saltLength }, sig);
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

/** RSASSA-PSS-params (RFC 4056 3): hash [0] default SHA-1, MGF1 with the same hash, salt [2] default 20. */
function pssParams(ctx: CheckContext, a: AlgorithmIdentifier): { hash: string; saltLength: number } | null {
  let hash = 'sha1';
  let saltLength = 20;
  for (const f of a.params?.children ?? []) {
    if (isContext(f, 0) && f.children[0]?.children[0]) {
      const oid = oidValue(ctx, at(`${a.at.path}.parameters.hashAlgorithm`, f.children[0].children[0]), 'hashAlgorithm');
      const h = oid ? hashName(oid) : null;
      if (!h) return null;
      hash = h;
    } else if (isContext(f, 2) && f.children[0]) {
      const d = decodeSmallInt(contentOf(ctx.bytes, f.children[0]));
      if (!d.ok) return null;
      saltLength = d.value;
    }
  }
  return { hash, saltLength };
}
