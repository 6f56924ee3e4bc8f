/** enveloped mutations. */
import type { Mutation } from '../mutation.ts';

export const ENVELOPED_MUTATIONS: readonly Mutation[] = [];
