/** signed mutations. */
import type { Mutation } from '../mutation.ts';

export const SIGNED_MUTATIONS: readonly Mutation[] = [];
