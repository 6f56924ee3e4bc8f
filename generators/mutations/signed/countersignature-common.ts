/** signed-data/rsa-sha256/countersignature rebuilt: Alice signs, Erica countersigns her signature value. */
import type { CaseContext } from '../../case.ts';
import { countersignatureAttr, type SignerSpec } from '../../cms/signed-data.ts';
import { aliceSignedData, RSA256 } from './common.ts';

/** `over` maps Alice's signature value to what Erica's countersignature covers. */
export function countersigned(ctx: CaseContext, erica: Partial<SignerSpec>, over: (signature: Uint8Array) => Uint8Array = (s) => s): Uint8Array {
  const spec: SignerSpec = { identity: ctx.cast.get('erica-rsa'), signature: RSA256, signedAttrs: [], ...erica };
  return aliceSignedData(ctx, {
    unsignedAttrs: (sig) => [countersignatureAttr(spec, over(sig), ctx.rnd.fork('countersigner'))],
  }, { certificates: [ctx.cast.get('alice-rsa').certDer, ctx.cast.get('erica-rsa').certDer] });
}
