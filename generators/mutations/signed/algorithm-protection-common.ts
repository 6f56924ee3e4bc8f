/** The signed attributes of signed-data/rsa-sha256/algorithm-protection, with the attribute swapped. */
import { signingTimeAttr } from '../../cms/attributes.ts';
import type { CaseContext } from '../../case.ts';
import { aliceSignedData } from './common.ts';
import type { SignerSpec } from '../../cms/signed-data.ts';

export const SIGNING_TIME = '2026-01-15T12:00:00Z';

export function withAlgorithmProtection(ctx: CaseContext, signed: readonly Uint8Array[], extra: Partial<SignerSpec> = {}): Uint8Array {
  return aliceSignedData(ctx, { signedAttrs: [signingTimeAttr(SIGNING_TIME), ...signed], ...extra });
}
