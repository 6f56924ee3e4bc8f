/** Every stack adapter, in report order. Each stack file exports one Adapter. */
import type { Adapter } from './adapter.ts';
import { opensslAdapter } from './stacks/openssl.ts';
import { gpgsmAdapter } from './stacks/gpgsm.ts';
import { pythonCryptographyAdapter } from './stacks/python-cryptography.ts';
import { nssAdapter } from './stacks/nss.ts';
import { gnutlsAdapter } from './stacks/gnutls.ts';
import { bouncycastleAdapter } from './stacks/bouncycastle.ts';
import { pkijsAdapter } from './stacks/pkijs.ts';
import { forgeAdapter } from './stacks/forge.ts';
import { createSidOpensslAdapter } from './stacks/openssl-sid.ts';
import { createSidBouncyCastleAdapter } from './stacks/bouncycastle-sid.ts';
import { createSidNssAdapter } from './stacks/nss-sid.ts';
import { createSidGnutlsAdapter } from './stacks/gnutls-sid.ts';
import { createSidGpgsmAdapter } from './stacks/gpgsm-sid.ts';

export const ALL_ADAPTERS: readonly Adapter[] = [
  opensslAdapter,
  gpgsmAdapter,
  pythonCryptographyAdapter,
  nssAdapter,
  gnutlsAdapter,
  bouncycastleAdapter,
  pkijsAdapter,
  forgeAdapter,
  // The second generation, from the Debian unstable root (scripts/setup-sid-root.sh).
  createSidOpensslAdapter(),
  createSidBouncyCastleAdapter(),
  createSidNssAdapter(),
  createSidGnutlsAdapter(),
  createSidGpgsmAdapter(),
];
