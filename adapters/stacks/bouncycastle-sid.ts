/**
 * The newest Bouncy Castle (Debian unstable's libbcprov/bcpkix/bcutil, 1.86 when written, on its
 * JDK) as a second adapter instance beside the host's 1.72: the same Java harness
 * (java/CmsiBc.java, compiled by the root's javac), run inside the isolated root of
 * scripts/setup-sid-root.sh. Its name carries the version read from the installed jar
 * (`bouncycastle@1.86`); lineage `bouncycastle`, so the two never count as independent.
 */
import { readdirSync } from 'node:fs';
import type { Adapter } from '../adapter.ts';
import { inSidRoot, SID_ROOT, sidRootReady } from '../sid-root.ts';
import { createBcGenerationAdapter, type JavaRuntime } from './bouncycastle.ts';

const JARS = ['bcprov', 'bcpkix', 'bcutil'].map((j) => `/usr/share/java/${j}.jar`);

const SID_JAVA: JavaRuntime = {
  id: 'sid-root',
  jars: JARS,
  hostPath: (p) => SID_ROOT + p,
  command: (cmd, args) => inSidRoot(cmd, args),
};

/** "1.86" from /usr/share/java/bcprov-1.86.2.jar in the root, or null without the root. */
export function sidBcVersion(): string | null {
  if (!sidRootReady()) return null;
  const jar = readdirSync(`${SID_ROOT}/usr/share/java`).map((f) => /^bcprov-(\d+)\.(\d+)(?:\.\d+)?\.jar$/.exec(f)).find(Boolean);
  return jar ? `${jar[1]}.${jar[2]}` : null;
}

export function createSidBouncyCastleAdapter(): Adapter {
  const v = sidBcVersion();
  return createBcGenerationAdapter({ name: v ? `bouncycastle@${v}` : 'bouncycastle@sid', runtime: SID_JAVA, unsupported: {}, noAlgorithm: {}, extraProduces: ['signed-data/ml-dsa', 'enveloped-data/kemri'] });
}
