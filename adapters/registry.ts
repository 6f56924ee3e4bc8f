/** Every stack adapter, in report order. Each stack file exports one Adapter. */
import type { Adapter } from './adapter.ts';
import { opensslAdapter } from './stacks/openssl.ts';
import { gpgsmAdapter } from './stacks/gpgsm.ts';
import { pythonCryptographyAdapter } from './stacks/python-cryptography.ts';
import { nssAdapter } from './stacks/nss.ts';
import { gnutlsAdapter } from './stacks/gnutls.ts';

export const ALL_ADAPTERS: readonly Adapter[] = [
  opensslAdapter,
  gpgsmAdapter,
  pythonCryptographyAdapter,
  nssAdapter,
  gnutlsAdapter,
];
