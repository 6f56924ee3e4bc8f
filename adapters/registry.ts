/** Every stack adapter, in report order. Each stack file exports one Adapter. */
import type { Adapter } from './adapter.ts';
import { opensslAdapter } from './stacks/openssl.ts';

export const ALL_ADAPTERS: readonly Adapter[] = [
  opensslAdapter,
];
