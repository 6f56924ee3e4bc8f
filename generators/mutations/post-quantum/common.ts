/**
 * Shared pieces of the post-quantum mutations: the messages of the post-quantum base cases
 * (generators/cases/post-quantum.ts) rebuilt with the same builders and a defect, so a 'before'
 * mutation differs from its base only by that defect.
 */
import type { CaseContext } from '../../case.ts';
import { buildEnvelopedData } from '../../cms/enveloped-data.ts';
import { kemRecipient, type KemriOptions } from '../../cms/kem-recipient.ts';
import { buildSignedData, type SignerSpec } from '../../cms/signed-data.ts';

/** signed-data/ml-dsa-44/attached (Alice's ML-DSA-44 key, SHA-512 signed attributes), with the signer overridden. */
export function mlDsa44SignedData(ctx: CaseContext, signer: Partial<SignerSpec> = {}): Uint8Array {
  const identity = ctx.cast.get('alice-ml-dsa-44');
  return buildSignedData({
    content: ctx.content('message'),
    signers: [{ identity, signature: { kind: 'ml-dsa-44', digest: 'sha512' }, signedAttrs: [], ...signer }],
    certificates: [identity.certDer],
  }, ctx.rnd);
}

/** enveloped-data/ml-kem-768/aes-256-cbc (HKDF-SHA256, AES-256 wrap), with KEMRecipientInfo options overridden. */
export function mlKem768Enveloped(ctx: CaseContext, o: Partial<KemriOptions> = {}): Uint8Array {
  const r = ctx.cast.get('bob-ml-kem-768');
  const options: KemriOptions = { wrap: 'aes256-wrap', ...o };
  return buildEnvelopedData({
    content: ctx.content('message'), cipher: 'aes-256-cbc',
    recipients: [{ kind: 'ori', version: 0, build: (cek, rnd) => kemRecipient(r, cek, options, rnd) }],
  }, ctx.rnd);
}
