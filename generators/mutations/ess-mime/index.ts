/** ess-mime mutations. */
import type { Mutation } from '../mutation.ts';

export const ESS_MIME_MUTATIONS: readonly Mutation[] = [];
