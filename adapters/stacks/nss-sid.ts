/**
 * The newest NSS (Debian unstable's libnss3-tools, 3.132 when written) as a second adapter
 * instance beside the host's: the same cmsutil driver (./nss.ts), every program (certutil,
 * pk12util, cmsutil, and the openssl that builds the PKCS#12 files) run inside the isolated root
 * of scripts/setup-sid-root.sh. Its name carries the version read from the root's libsmime3
 * (`nss@3.132`); lineage nss, so the two never count as independent.
 */
import type { Sample } from '../../core/manifest.ts';
import type { Algorithm } from '../../core/vocabulary.ts';
import type { Adapter } from '../adapter.ts';
import { runInSidRoot, SID_ROOT, sidRootReady } from '../sid-root.ts';
import { stepsFor } from './layers.ts';
import { makeNssAdapter, nssUnsupported, nssVersionWith } from './nss.ts';

const MISSING = 'the Debian unstable root is not built (run scripts/setup-sid-root.sh as root)';

/** "NSS 3.132" from the root's libsmime3, or null without the root. */
export function sidNssVersion(): string | null {
  return sidRootReady() ? nssVersionWith(runInSidRoot, '/usr/bin/cmsutil', (p) => SID_ROOT + p) : null;
}

/**
 * NSS 3.132 knows ML-DSA keys but not ML-DSA in CMS. Measured: the message's certificate imports
 * and its key is read (the signer status is BadSignature, not the ProcessingError of 3.87), and
 * certutil -V -e verifies an ML-DSA-44 certificate signature and refuses a tampered one; yet
 * cmsutil -D gives every ML-DSA SignerInfo of the corpus, the 7 valid ones (which Bouncy Castle
 * 1.86 verifies, and OpenSSL 3.6.5 those with signed attributes) and the 4 invalid ones alike,
 * BadSignature, so that status says nothing about the signature; and cmsutil -S with an ML-DSA key
 * fails with SEC_ERROR_INVALID_ALGORITHM. Why, read in NSS's source (github.com/nss-dev/nss,
 * lib/smime/cmssiginfo.c and lib/cryptohi/secvfy.c as they are since ML-DSA came in): with signed
 * attributes NSS_CMSSignerInfo_Verify hands the SignerInfo's digestAlgorithm (SHA-512) to
 * VFY_VerifyDataDirect as the hash, so sec_GetCombinedMech picks no CKM_ML_DSA (it does for no
 * hash or the ML-DSA OID itself) and the hash-then-verify fallback ends in VFY_EndWithSignature,
 * which has no ML-DSA case; without signed attributes it verifies the content's digest
 * (VFY_VerifyDigestDirect), whose vfy_VerifyDigest answers SEC_ERROR_UNSUPPORTED_KEYALG for an
 * ML-DSA key; signing, NSS_CMSSignerInfo_GetSignatureAlgorithmOidTag knows RSA, RSA-PSS, DSA and
 * EC keys only. RFC 9882 3.1-3.2 has pure ML-DSA over the DER of signedAttrs, or over the content
 * itself: a digest is never what is signed. test/adapter-second-generation-nss-gnutls-gpgsm.test.ts
 * feeds the samples anyway, so the day NSS verifies one shows up.
 */
const ML_DSA: readonly Algorithm[] = ['ml-dsa-44', 'ml-dsa-65', 'ml-dsa-87'];
const ML_DSA_IN_CMS = 'NSS 3.132 has ML-DSA keys but no ML-DSA in CMS (RFC 9882 3.2: pure ML-DSA over the DER of signedAttrs, or over the content): cmsutil -D gives every ML-DSA SignerInfo, valid or not, status BadSignature, and cmsutil -S with an ML-DSA key fails with SEC_ERROR_INVALID_ALGORITHM. In its source, with signed attributes NSS verifies with the digestAlgorithm (SHA-512) as a pre-hash and VFY_EndWithSignature has no ML-DSA case; without them it verifies a digest, which vfy_VerifyDigest refuses for ML-DSA (SEC_ERROR_UNSUPPORTED_KEYALG)';

/**
 * What NSS 3.132 cannot do. Measured with scripts/version-view.ts (both generations without
 * limits): 3.132 decrypts what 3.87 could not, RSAES-OAEP key transport and ECDH
 * KeyAgreeRecipientInfo for P-256/P-384 (its RecipientInfo template now decodes RFC 5652's
 * IMPLICIT [1]), with the content exact; an X25519 recipient key still does not import
 * (pk12util: SEC_ERROR_PKCS12_UNABLE_TO_IMPORT_KEY). Every other limit of 3.87 gave the same
 * outcome on 3.132, so its reasons hold for both. One limit is its own: ML-DSA in CMS (above),
 * where 3.87 has no ML-DSA at all (its ProcessingError is read as unsupported at run time).
 */
export function sidNssUnsupported(s: Sample): string | null {
  const why = nssUnsupported(s);
  if (!why) return stepsFor(s).includes('verify') && ML_DSA.some((k) => s.algorithms.includes(k)) ? ML_DSA_IN_CMS : null;
  const a = new Set<string>(s.algorithms);
  const nowDecrypted = s.contentType === 'envelopedData' && s.inputs.recipient !== undefined && s.inputs.password === undefined && !s.inputs.kek
    && (why.includes('RSAES-OAEP') || (why.includes('KeyAgreeRecipientInfo') && (a.has('ecdh-p256') || a.has('ecdh-p384')) && !['x25519', 'x448', 'esdh-x942'].some((k) => a.has(k))));
  if (nowDecrypted) return null;
  if (why.includes('KeyAgreeRecipientInfo')) return 'NSS 3.132 decodes a KeyAgreeRecipientInfo but cannot import an X25519/X448/X9.42 DH recipient key (pk12util: SEC_ERROR_PKCS12_UNABLE_TO_IMPORT_KEY)';
  return why.replace(/NSS 3\.87/g, 'NSS 3.132 (as 3.87)');
}

export function createSidNssAdapter(): Adapter {
  const m = /NSS (\d+)\.(\d+)/.exec(sidNssVersion() ?? '');
  return makeNssAdapter({
    name: m ? `nss@${m[1]}.${m[2]}` : 'nss@sid',
    run: runInSidRoot,
    version: sidNssVersion,
    missing: MISSING,
    unsupported: sidNssUnsupported,
  });
}
