/**
 * The newest NSS (Debian unstable's libnss3-tools, 3.132 when written) as a second adapter
 * instance beside the host's: the same cmsutil driver (./nss.ts), every program (certutil,
 * pk12util, cmsutil, and the openssl that builds the PKCS#12 files) run inside the isolated root
 * of scripts/setup-sid-root.sh. Its name carries the version read from the root's libsmime3
 * (`nss@3.132`); lineage nss, so the two never count as independent.
 */
import type { Sample } from '../../core/manifest.ts';
import type { Adapter } from '../adapter.ts';
import { runInSidRoot, SID_ROOT, sidRootReady } from '../sid-root.ts';
import { makeNssAdapter, nssUnsupported, nssVersionWith } from './nss.ts';

const MISSING = 'the Debian unstable root is not built (run scripts/setup-sid-root.sh as root)';

/** "NSS 3.132" from the root's libsmime3, or null without the root. */
export function sidNssVersion(): string | null {
  return sidRootReady() ? nssVersionWith(runInSidRoot, '/usr/bin/cmsutil', (p) => SID_ROOT + p) : null;
}

/**
 * What NSS 3.132 cannot do. Measured with scripts/version-view.ts (both generations without
 * limits): 3.132 decrypts what 3.87 could not, RSAES-OAEP key transport and ECDH
 * KeyAgreeRecipientInfo for P-256/P-384 (its RecipientInfo template now decodes RFC 5652's
 * IMPLICIT [1]), with the content exact; an X25519 recipient key still does not import
 * (pk12util: SEC_ERROR_PKCS12_UNABLE_TO_IMPORT_KEY). Every other limit of 3.87 gave the same
 * outcome on 3.132, so its reasons hold for both.
 */
export function sidNssUnsupported(s: Sample): string | null {
  const why = nssUnsupported(s);
  if (!why) return null;
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
