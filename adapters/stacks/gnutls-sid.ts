/**
 * The newest GnuTLS (Debian unstable's gnutls-bin, 3.8.13 when written) as a second adapter
 * instance beside the host's: the same certtool driver (./gnutls.ts), run inside the isolated
 * root of scripts/setup-sid-root.sh. Its name carries the version certtool prints (`gnutls@3.8`);
 * lineage gnutls, so the two never count as independent.
 */
import type { Adapter } from '../adapter.ts';
import { runInSidRoot, sidRootReady } from '../sid-root.ts';
import { certtoolVersion, gnutlsUnsupported, makeGnutlsAdapter } from './gnutls.ts';

export function createSidGnutlsAdapter(): Adapter {
  const m = /GnuTLS (\d+)\.(\d+)/.exec((sidRootReady() ? certtoolVersion(runInSidRoot) : null) ?? '');
  return makeGnutlsAdapter({
    name: m ? `gnutls@${m[1]}.${m[2]}` : 'gnutls@sid',
    run: runInSidRoot,
    missing: 'the Debian unstable root is not built (run scripts/setup-sid-root.sh as root)',
    unsupported: gnutlsUnsupported,
  });
}
