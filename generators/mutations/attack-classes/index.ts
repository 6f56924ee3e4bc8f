/**
 * Mutations for the bug classes real stacks got wrong (issue 14 item 3) that no other category
 * holds: the PBKDF2 work factor of a password recipient, and the MIME shapes of signature
 * spoofing by wrapping and of Efail direct exfiltration, a back-dated signing time, and the
 * exact shapes of two NULL-dereference advisories.
 */
import type { Mutation } from '../mutation.ts';
import { MIME_WRAPPING_MUTATIONS } from './mime-wrapping.ts';
import { PBKDF2_ITERATION_MUTATIONS } from './pbkdf2-iterations.ts';
import { RECIPIENT_PARAMS_ABSENT } from './recipient-params-absent.ts';
import { signingTimeBackDated } from './signing-time-back-dated.ts';

export const ATTACK_CLASS_MUTATIONS: readonly Mutation[] = [...PBKDF2_ITERATION_MUTATIONS, ...MIME_WRAPPING_MUTATIONS, signingTimeBackDated, ...RECIPIENT_PARAMS_ABSENT];
