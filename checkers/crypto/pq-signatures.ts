/**
 * SignerInfos signed with pure ML-DSA (RFC 9882) or SLH-DSA (RFC 9814): the signature over the
 * DER SET OF signed attributes, or over the content itself when there are none (RFC 5652 5.4;
 * no pre-hash in either RFC), verified with the signer certificate's public key. The signature
 * algorithm must be the certificate key's own parameter set: an ML-DSA-65 signatureAlgorithm
 * with an ML-DSA-44 key is a failure, not something to try anyway.
 */
import { where, type CheckContext } from '../context.ts';
import type { SignerInfoView } from '../cms/signed-data.ts';
import type { CertInfo } from './certificates.ts';
import { isPqSignatureOid, pqName, pqVerify, spkiParts } from './pq.ts';

const SIGNED_ATTRS_RULE = 'rfc5652/5.4/signed-attrs-digest-set-of-tag';
const CONTENT_RULE = 'rfc5652/5.4/no-signed-attrs-sign-content-digest';

/** null: neither the key nor the signature algorithm is post-quantum (the caller goes on); else whether it verified. */
export function verifyPqSigner(ctx: CheckContext, si: SignerInfoView, cert: CertInfo, toVerify: Uint8Array | null, content: Uint8Array | null): boolean | null {
  const key = spkiParts(cert.spki);
  const sigOid = si.signatureAlgorithm.oid;
  if (!isPqSignatureOid(sigOid) && !(key && isPqSignatureOid(key.oid))) return null;
  const w = where(si.signatureAt);
  if (!key) {
    ctx.unchecked('cmsi/crypto-unverifiable', 'the signer certificate\'s public key cannot be read', where(si.at));
    return false;
  }
  if (key.oid !== sigOid) {
    ctx.fail('cmsi/signature-valid', `signatureAlgorithm is ${pqName(sigOid)} but the signer certificate holds a ${pqName(key.oid)} key`, where(si.signatureAlgorithm.at));
    // Under the algorithm it names the value is no signature over what RFC 5652 5.4 says is signed.
    ctx.fail(si.signedAttrs ? SIGNED_ATTRS_RULE : CONTENT_RULE, `no ${pqName(sigOid)} signature over the ${si.signedAttrs ? 'DER SET OF signed attributes' : 'content'} can verify with a ${pqName(key.oid)} key`, w);
    return false;
  }
  if (toVerify === null) {
    ctx.unchecked('cmsi/crypto-unverifiable', 'nothing to verify: no content (detached signature: pass --content)', where(si.at));
    return false;
  }
  const ok = pqVerify(sigOid, key.publicKey, si.signature, toVerify);
  ctx.check('cmsi/signature-valid', ok, ok ? `${pqName(sigOid)} signature verifies with the signer certificate` : `${pqName(sigOid)} signature does not verify with the signer certificate`, w);
  if (ok) {
    ctx.check(si.signedAttrs ? SIGNED_ATTRS_RULE : CONTENT_RULE, true, si.signedAttrs ? 'signature is over the DER SET OF signed attributes' : 'signature is over the content', w);
  } else if (si.signedAttrs) {
    const why = content && pqVerify(sigOid, key.publicKey, si.signature, content) ? ': it verifies over the content instead of the signed attributes' : '';
    ctx.fail(SIGNED_ATTRS_RULE, `the signature is not over the DER SET OF signed attributes${why}`, w);
  } else {
    ctx.fail(CONTENT_RULE, 'the signature is not over the content', w);
  }
  return ok;
}
