/**
 * The newest gpgsm (Debian unstable's, GnuPG 2.4 with libksba 1.8 when written) as a second
 * adapter instance beside the host's 2.2: the same driver (./gpgsm.ts, ./gpgsm-home.ts), every
 * program run inside the isolated root of scripts/setup-sid-root.sh. The home directory is made
 * under the temporary directory, which is bind-mounted at the same path, so the host removes it
 * and the root's programs find the agent's socket in it. The agent is launched outside a PID
 * namespace (runInSidRootDaemon), so it outlives the launch, and is stopped by close() with
 * `gpgconf --kill gpg-agent` on its home. Its name carries the version gpgsm prints
 * (`gpgsm@2.4`); lineage libksba, as the host's.
 */
import type { Adapter } from '../adapter.ts';
import { runInSidRoot, runInSidRootDaemon, sidRootReady } from '../sid-root.ts';
import type { GpgsmPrograms } from './gpgsm-home.ts';
import type { Sample } from '../../core/manifest.ts';
import { makeGpgsmAdapter, stepsFor, unsupportedAlgorithm, type GpgsmStep } from './gpgsm.ts';

export const SID_GPGSM: GpgsmPrograms = {
  run: runInSidRoot,
  launch: runInSidRootDaemon,
  kill: (dir) => { runInSidRoot('gpgconf', ['--homedir', dir, '--kill', 'gpg-agent'], { timeoutMs: 10_000 }); },
};

/** "2.4" from `gpgsm --version` in the root, or null without the root. */
export function sidGpgsmVersion(): string | null {
  if (!sidRootReady()) return null;
  const r = runInSidRoot('gpgsm', ['--version']);
  const m = r.kind === 'exit' && r.code === 0 ? /GnuPG\) (\d+)\.(\d+)/.exec(r.stdout.toString('utf8')) : null;
  return m ? `${m[1]}.${m[2]}` : null;
}

/**
 * The limits of 2.2 that 2.4.9 keeps, in its own words (scripts/version-view.ts runs both without
 * limits: no sample changed outcome but one, a 2.2 crash that 2.4 turns into a rejection).
 */
function sidStepsFor(s: Sample): GpgsmStep[] | string {
  const steps = stepsFor(s);
  if (typeof steps === 'string' && s.contentType === 'authEnvelopedData') {
    return 'gpgsm 2.4.9 fails on our AuthEnvelopedData (AES-GCM, RFC 5084): "error getting IV: Buffer too short <KSBA>", DECRYPTION_FAILED';
  }
  return steps;
}

function sidUnsupportedAlgorithm(s: Sample, steps: readonly GpgsmStep[]): string | null {
  const why = unsupportedAlgorithm(s, steps);
  if (why?.startsWith('gpgsm 2.2 has no EdDSA')) {
    return 'gpgsm 2.4.9 does not verify our Ed25519/Ed448 SignedData (RFC 8419): "DSA requires the hash length to be a multiple of 8 bits", BADSIG';
  }
  return why;
}

export function createSidGpgsmAdapter(): Adapter {
  const v = sidGpgsmVersion();
  return makeGpgsmAdapter({ name: v ? `gpgsm@${v}` : 'gpgsm@sid', programs: SID_GPGSM, stepsFor: sidStepsFor, unsupportedAlgorithm: sidUnsupportedAlgorithm });
}
