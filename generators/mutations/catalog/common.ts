/**
 * Shared pieces of the catalog mutations (issue 14: a case per automated statement): a compact
 * way to declare a re-signed SignedData defect by Alice (RSA PKCS #1 v1.5, SHA-256, the sample
 * message, her certificate), as the base signed-data/rsa-sha256/attached builds it.
 */
import { OID } from '../../../core/oids.ts';
import type { CaseContext } from '../../case.ts';
import type { SignedDataSpec, SignerSpec } from '../../cms/signed-data.ts';
import type { Mutation } from '../mutation.ts';
import { aliceSignedData } from '../signed/common.ts';

export interface SignedDefect {
  readonly name: string;
  readonly description: string;
  readonly requirements: readonly string[];
  readonly flag: string;
  readonly expected?: 'invalid' | 'acceptable';
  /** Extra signed attributes (after content-type and message-digest). */
  readonly signed?: (ctx: CaseContext) => readonly Uint8Array[];
  readonly unsigned?: (ctx: CaseContext) => readonly Uint8Array[];
  readonly signer?: (ctx: CaseContext) => Partial<SignerSpec>;
  readonly spec?: (ctx: CaseContext) => Partial<SignedDataSpec>;
}

/** A `before` mutation of signed-data/rsa-sha256/attached under invalid/catalog/<name>. */
export function signedDefect(d: SignedDefect): Mutation {
  return {
    id: `invalid/catalog/${d.name}`,
    description: d.description,
    stage: 'before',
    base: 'signed-data/rsa-sha256/attached',
    requirements: d.requirements,
    flag: d.flag,
    expected: d.expected ?? 'invalid',
    apply: ({ ctx }) => ({
      bytes: aliceSignedData(ctx, {
        signedAttrs: d.signed?.(ctx) ?? [],
        ...(d.unsigned ? { unsignedAttrs: () => d.unsigned!(ctx) } : {}),
        ...d.signer?.(ctx),
      }, d.spec?.(ctx) ?? {}),
    }),
  };
}

export const DATA = OID.data;
