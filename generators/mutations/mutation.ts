/**
 * A mutation: a small registered unit that takes a valid base sample and yields a message with
 * exactly one defect. `after` mutations edit the finished bytes (generators/mutations/tlv-edit.ts);
 * `before` mutations rebuild the message with the defect and sign or encrypt it again, so the
 * signature or tag stays valid and only the defect under test is wrong (`resigned: true`).
 *
 * Each names the catalog requirements it violates, one flag from data/flags.yaml (the bug class),
 * and the expected result: `invalid`, or `acceptable` where the RFCs let a receiver go either way.
 */
import type { Feature, Profile } from '../../core/vocabulary.ts';
import type { BuiltCase, CaseContext } from '../case.ts';

export interface MutationInput {
  /** The base sample's bytes, as generated. */
  readonly base: Uint8Array;
  /** What the base case returned (content, signers, recipient, ...): the mutation may keep it. */
  readonly built: BuiltCase;
  readonly ctx: CaseContext;
}

export interface Mutation {
  /** Stable id: invalid/<category>/<name>. */
  readonly id: string;
  /** One line: the defect, and the implementation mistake that would accept it. */
  readonly description: string;
  readonly stage: 'before' | 'after';
  /** Id of the valid case this starts from. */
  readonly base: string;
  /** Catalog ids (rfcNNNN/section/slug) the result violates; the checker must report one. */
  readonly requirements: readonly string[];
  readonly flag: string;
  readonly expected: 'invalid' | 'acceptable';
  /**
   * The profiles the defect is one in, when fewer than the base's: a statement that is a MUST
   * only in the current RFCs (RFC 2630 recommends what RFC 5652 requires) is no defect under v3.
   */
  readonly profiles?: readonly Profile[];
  /**
   * A resource bound `cmsi check` reaches before it can judge the sample (e.g. pbkdf2-iterations):
   * the checker must stop there and say so (verdict unchecked, that limit), not decide.
   */
  readonly limit?: string;
  /**
   * Features the mutated message has beyond its base's (an originatorInfo it adds): adapters
   * declare a stack unsupported by feature, so a sample must list what its bytes hold.
   */
  readonly addsFeatures?: readonly Feature[];
  /** Returns the defective message; may override the base's inputs (e.g. a swapped content). */
  apply(input: MutationInput): { readonly bytes: Uint8Array } & Partial<BuiltCase>;
}
