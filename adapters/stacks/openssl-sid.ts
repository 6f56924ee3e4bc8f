/**
 * The newest OpenSSL (Debian unstable's, 3.6 when written) as a second adapter instance beside
 * the host's: the same `openssl cms` driver (adapters/openssl.ts, ./openssl.ts), run inside the
 * isolated root of scripts/setup-sid-root.sh. Its name carries the version read from the stack
 * (`openssl@3.6`); its lineage is `openssl`, so it never counts as independent of the host's.
 * What it cannot do comes from expectations/openssl.yaml filtered to its own version.
 */
import type { Sample } from '../../core/manifest.ts';
import { sampleExpectations } from '../../core/expectations.ts';
import type { Adapter } from '../adapter.ts';
import { opensslVersion, type OpensslRunner } from '../openssl.ts';
import { forVersion } from '../openssl-version.ts';
import { runProgram } from '../run.ts';
import { inSidRoot, sidRootReady } from '../sid-root.ts';
import { makeOpensslAdapter } from './openssl.ts';

export const sidOpenssl: OpensslRunner = (args, options) => {
  if (!sidRootReady()) return { kind: 'spawn-error', message: 'the Debian unstable root is not built (scripts/setup-sid-root.sh)' };
  const [cmd, full] = inSidRoot('openssl', args);
  return runProgram(cmd, full, options);
};

/** [major, minor, patch] of the root's OpenSSL, or null without the root. */
export function sidOpensslVersion(): readonly number[] | null {
  const v = sidRootReady() ? opensslVersion(sidOpenssl) : null;
  const m = v ? /OpenSSL (\d+)\.(\d+)\.(\d+)/.exec(v) : null;
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

/** Kinds of message no OpenSSL 3.6 build here can process (the corpus ids are in the expectations). */
function unsupportedByKind(s: Sample): string | undefined {
  const pqSignature = s.algorithms.find((a) => a.startsWith('ml-dsa') || a.startsWith('slh-dsa'));
  if (pqSignature && s.features.includes('no-signed-attrs')) {
    // Found with 3.6.5: `cms -verify` fails with "evp_pkey_signature_init:provider signature not
    // supported: ML-DSA-44 verify_init", then "content verify error"; `cms -sign -noattr` with an
    // ML-DSA key fails with "CMS_add1_signer: no default digest". RFC 9882 3.2 and RFC 9814 allow
    // SignerInfos without signed attributes (the content is signed directly); Bouncy Castle 1.86
    // and the checker verify these samples.
    return `OpenSSL 3.6 cannot verify pure ${pqSignature} SignedData without signed attributes: "provider signature not supported ... verify_init", then "content verify error" (its CMS signs the content through a digest, which pure ML-DSA/SLH-DSA providers do not take)`;
  }
  return undefined;
}

export function createSidOpensslAdapter(): Adapter {
  const v = sidOpensslVersion();
  return makeOpensslAdapter({
    name: v ? `openssl@${v[0]}.${v[1]}` : 'openssl@sid',
    run: sidOpenssl,
    unsupported: forVersion(sampleExpectations('openssl', 'unsupported'), v ?? [0, 0, 0]),
    unsupportedByKind,
    missing: 'the Debian unstable root is not built (run scripts/setup-sid-root.sh as root)',
    extraProduces: ['signed-data/ml-dsa', 'enveloped-data/kemri'],
  });
}
