/**
 * The newest NSS (Debian unstable's libnss3-tools, 3.132 when written) as a second adapter
 * instance beside the host's: the same cmsutil driver (./nss.ts), every program (certutil,
 * pk12util, cmsutil, and the openssl that builds the PKCS#12 files) run inside the isolated root
 * of scripts/setup-sid-root.sh. Its name carries the version read from the root's libsmime3
 * (`nss@3.132`); lineage nss, so the two never count as independent.
 */
import type { Adapter } from '../adapter.ts';
import { runInSidRoot, SID_ROOT, sidRootReady } from '../sid-root.ts';
import { makeNssAdapter, nssUnsupported, nssVersionWith } from './nss.ts';

const MISSING = 'the Debian unstable root is not built (run scripts/setup-sid-root.sh as root)';

/** "NSS 3.132" from the root's libsmime3, or null without the root. */
export function sidNssVersion(): string | null {
  return sidRootReady() ? nssVersionWith(runInSidRoot, '/usr/bin/cmsutil', (p) => SID_ROOT + p) : null;
}

export function createSidNssAdapter(): Adapter {
  const m = /NSS (\d+)\.(\d+)/.exec(sidNssVersion() ?? '');
  return makeNssAdapter({
    name: m ? `nss@${m[1]}.${m[2]}` : 'nss@sid',
    run: runInSidRoot,
    version: sidNssVersion,
    missing: MISSING,
    unsupported: nssUnsupported,
  });
}
