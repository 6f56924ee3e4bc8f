/**
 * What fast-check generates: a base sample (by index) and a short sequence of mutation steps
 * (fuzz/steps.ts). Every field shrinks towards 0 and the sequence towards fewer steps, which is
 * what makes a finding's message minimal. The weights favour the edits that have found bugs in
 * the hand-made corpus (octet flips, removals, algorithm swaps); half the inputs are re-signed.
 */
import fc from 'fast-check';
import { signedDataArbitrary } from '../generators/arbitraries.ts';
import type { Cast } from '../generators/cast.ts';
import type { Step } from './steps.ts';

/**
 * A valid SignedData made on the fly (generators/arbitraries.ts: algorithm, signer identifier,
 * attributes, BER or DER, content), content attached so that a stack needs nothing beside it.
 */
export interface Generated {
  readonly algorithm: string;
  readonly bytes: Uint8Array;
}

export interface FuzzInput {
  readonly base: number;
  readonly steps: readonly Step[];
  /** Sign again after the steps (a SignedData with a key in the cast), so only the defect is wrong. */
  readonly resign: boolean;
  /** With --generated: when present, the message mutated instead of the base sample. */
  readonly fresh?: Generated | null;
}

const pick = fc.nat({ max: 4095 });

const STEP: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('flip' as const), pick, at: fc.nat({ max: 4095 }), mask: fc.integer({ min: 1, max: 255 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('trailing' as const), bytes: fc.array(fc.nat({ max: 255 }), { minLength: 1, maxLength: 16 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), keep: fc.nat({ max: 65535 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('remove' as const), pick }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('duplicate' as const), pick }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('retag' as const), pick, tag: fc.nat({ max: 255 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('oid' as const), pick, oid: fc.nat({ max: 255 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('int' as const), pick, value: fc.nat({ max: 256 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('long-length' as const), pick, octets: fc.nat({ max: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('splice' as const), pick, donor: fc.nat({ max: 255 }), from: fc.nat({ max: 255 }) }) },
);

export function generatedArbitrary(cast: Cast): fc.Arbitrary<Generated> {
  return signedDataArbitrary(cast).filter((g) => !g.choices.detached).map((g) => ({ algorithm: g.choices.algorithm, bytes: g.bytes }));
}

/** Without `generated` the inputs of a seed are the same as ever; with it, a quarter are fresh messages. */
export function fuzzInput(bases: number, maxSteps: number, generated?: fc.Arbitrary<Generated>): fc.Arbitrary<FuzzInput> {
  // Steps first: fast-check shrinks a record's fields in order, and fewer steps is the biggest win.
  const common = { steps: fc.array(STEP, { minLength: 1, maxLength: maxSteps }), resign: fc.boolean(), base: fc.nat({ max: Math.max(0, bases - 1) }) };
  const fresh = fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: generated ?? fc.constant(null) });
  return generated ? fc.record({ ...common, fresh }) : fc.record(common);
}
