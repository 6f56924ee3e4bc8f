/**
 * fast-check arbitraries over the generator's building blocks, for fuzzing: valid SignedData with
 * random choices (algorithm, signer identifier, attributes, detached, BER), and random sequences
 * of structural mutations (tlv-edit operations) applied to any message. Every value is
 * reproducible from fast-check's {seed, path}: `replay(arbitrary, { seed, path })` gives it back.
 */
import fc from 'fast-check';
import { concat, oid, seq } from '../core/der/encode.ts';
import type { DerNode } from '../core/der/reader.ts';
import type { Cast } from './cast.ts';
import { SIG_ALGS } from './cases/signed-data.ts';
import { signingTimeAttr, smimeCapabilitiesAttr } from './cms/attributes.ts';
import { buildSignedData } from './cms/signed-data.ts';
import { SeededRandom } from './random.ts';
import { findAll, insertNode, nodeAt, overwrite, removeNode, replaceNode, retagNode, type Path } from './mutations/tlv-edit.ts';
import { OID } from '../core/oids.ts';

export interface SignedChoices {
  readonly algorithm: string;
  readonly sid: 'issuerAndSerial' | 'ski';
  readonly signedAttrs: boolean;
  readonly signingTime: string | null;
  readonly capabilities: boolean;
  readonly detached: boolean;
  readonly ber: boolean;
  readonly content: Uint8Array;
  readonly seed: number;
}

/** Valid SignedData messages: the choices that made each one come with it. */
export function signedDataArbitrary(cast: Cast): fc.Arbitrary<{ choices: SignedChoices; bytes: Uint8Array }> {
  const choices: fc.Arbitrary<SignedChoices> = fc.record({
    algorithm: fc.constantFrom(...SIG_ALGS.map((a) => a.name)),
    sid: fc.constantFrom('issuerAndSerial' as const, 'ski' as const),
    signedAttrs: fc.boolean(),
    signingTime: fc.option(fc.date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true })
      .map((d) => `${d.toISOString().slice(0, 19)}Z`), { nil: null }),
    capabilities: fc.boolean(),
    detached: fc.boolean(),
    ber: fc.boolean(),
    content: fc.uint8Array({ minLength: 0, maxLength: 512 }),
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  });
  return choices.map((c) => {
    const alg = SIG_ALGS.find((a) => a.name === c.algorithm)!;
    // EdDSA and PSS need signed attributes in our cases; keep the choice but honour the RFCs.
    const withAttrs = c.signedAttrs || alg.choice.kind === 'ed448';
    const extra = [
      ...(c.signingTime ? [signingTimeAttr(c.signingTime)] : []),
      ...(c.capabilities ? [smimeCapabilitiesAttr([seq(oid(OID.aes256Cbc)), seq(oid(OID.aes128Cbc))])] : []),
    ];
    const identity = cast.get(alg.signer);
    const bytes = buildSignedData({
      content: c.content,
      detached: c.detached,
      encoding: c.ber ? 'ber' : 'der',
      signers: [{ identity, signature: alg.choice, sid: c.sid, signedAttrs: withAttrs ? extra : null }],
      certificates: [identity.certDer],
    }, new SeededRandom(c.seed, 'arbitrary-signed-data'));
    return { choices: c, bytes };
  });
}

/** One structural edit; `pick` chooses among the candidate nodes, so edits stay reproducible. */
export type MutationStep =
  | { readonly op: 'flip'; readonly pick: number; readonly bit: number }
  | { readonly op: 'truncate'; readonly keep: number }
  | { readonly op: 'retag'; readonly pick: number; readonly tag: number }
  | { readonly op: 'remove'; readonly pick: number }
  | { readonly op: 'duplicate'; readonly pick: number }
  | { readonly op: 'long-length'; readonly pick: number }
  | { readonly op: 'nest'; readonly depth: number };

export const mutationStepArbitrary: fc.Arbitrary<MutationStep> = fc.oneof(
  fc.record({ op: fc.constant('flip' as const), pick: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ op: fc.constant('truncate' as const), keep: fc.double({ min: 0, max: 1, noNaN: true }).map((x) => Math.floor(x * 1000)) }),
  fc.record({ op: fc.constant('retag' as const), pick: fc.nat(), tag: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ op: fc.constant('remove' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('duplicate' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('long-length' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('nest' as const), depth: fc.integer({ min: 1, max: 2000 }) }),
);

export const mutationSequenceArbitrary = fc.array(mutationStepArbitrary, { minLength: 1, maxLength: 4 });

/** Applies the steps in order; a step that cannot apply (the bytes no longer parse) is skipped. */
export function applyMutations(bytes: Uint8Array, steps: readonly MutationStep[]): Uint8Array {
  let b = bytes;
  for (const s of steps) {
    try {
      b = applyStep(b, s);
    } catch {
      // the previous step broke the structure this one needs: keep the bytes as they are
    }
  }
  return b;
}

function candidates(b: Uint8Array): Path[] {
  return findAll(b, (_n: DerNode, path: Path) => path.length > 0);
}

function applyStep(b: Uint8Array, s: MutationStep): Uint8Array {
  switch (s.op) {
    case 'flip': {
      const at = s.pick % Math.max(1, b.length);
      return overwrite(b, at, Uint8Array.of(b[at]! ^ (1 << s.bit)));
    }
    case 'truncate': return b.subarray(0, Math.floor((b.length * s.keep) / 1000));
    case 'nest': {
      const prefix = new Uint8Array(2 * s.depth);
      for (let i = 0; i < s.depth; i++) prefix.set([0x30, 0x80], 2 * i);
      return concat(prefix, b, new Uint8Array(2 * s.depth));
    }
    default: {
      const all = candidates(b);
      if (!all.length) return b;
      const path = all[s.pick % all.length]!;
      const n = nodeAt(b, path);
      if (s.op === 'retag') return retagNode(b, path, s.tag);
      if (s.op === 'remove') return removeNode(b, path);
      if (s.op === 'duplicate') return insertNode(b, path.slice(0, -1), path[path.length - 1]!, b.subarray(n.offset, n.end));
      const content = b.subarray(n.contentOffset, n.contentOffset + n.length);
      const len = content.length;
      return replaceNode(b, path, concat(b.subarray(n.offset, n.offset + 1), Uint8Array.of(0x84, len >>> 24, (len >>> 16) & 0xff, (len >>> 8) & 0xff, len & 0xff), content));
    }
  }
}

/** The value an arbitrary produced for {seed, path}, as fast-check reports failures. */
export function replay<T>(arbitrary: fc.Arbitrary<T>, at: { readonly seed: number; readonly path?: string }): T {
  const [value] = fc.sample(arbitrary, { seed: at.seed, ...(at.path ? { path: at.path } : {}), numRuns: 1 });
  return value as T;
}
