/**
 * What fast-check generates: a base sample (by index) and a short sequence of mutation steps
 * (fuzz/steps.ts). Every field shrinks towards 0 and the sequence towards fewer steps, which is
 * what makes a finding's message minimal. The weights favour the edits that have found bugs in
 * the hand-made corpus (octet flips, removals, algorithm swaps); half the inputs are re-signed.
 */
import fc from 'fast-check';
import type { Step } from './steps.ts';

export interface FuzzInput {
  readonly base: number;
  readonly steps: readonly Step[];
  /** Sign again after the steps (a SignedData with a key in the cast), so only the defect is wrong. */
  readonly resign: boolean;
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

export function fuzzInput(bases: number, maxSteps: number): fc.Arbitrary<FuzzInput> {
  // Steps first: fast-check shrinks a record's fields in order, and fewer steps is the biggest win.
  return fc.record({ steps: fc.array(STEP, { minLength: 1, maxLength: maxSteps }), resign: fc.boolean(), base: fc.nat({ max: Math.max(0, bases - 1) }) });
}
